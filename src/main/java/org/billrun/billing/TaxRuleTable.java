package org.billrun.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.billrun.billing.TaxRule.ServiceClass;

/**
 * Finds THE tax rule in force for one sale (tax_rules.csv). Tax treatment is configuration, not code:
 * finance maintains the rule table, and this class only decides, deterministically and explainably,
 * which row applies. The answer never depends on the order of the rows in the file.
 *
 * <p><b>Matching.</b> Only rules of the seller's country that are in force on the date (valid_from and
 * valid_to inclusive) are considered. A rule matches when every criterion matches:
 * <ul>
 * <li>buyer_region: {@code *} matches any buyer; a country code matches that country only; {@code EU}
 * matches a buyer country in the EU other than the seller's own country (a cross-border EU sale);
 * {@code NON_EU} matches a buyer country outside the EU (including the seller's own country when the
 * seller is outside the EU; a domestic rule with the exact country outranks it).</li>
 * <li>customer_type: {@code business} or {@code consumer}, or {@code *}.</li>
 * <li>buyer_tax_id: {@code present} when the buyer has a VAT / tax id, {@code absent} when not, or {@code *}.</li>
 * <li>service_class: {@code services} or {@code expenses}, or {@code *}.</li>
 * </ul>
 *
 * <p><b>Precedence.</b> Among the matching rules the most specific one wins. Specificity is compared
 * criterion by criterion in this order, the first difference decides:
 * <ol>
 * <li>buyer_region: an exact buyer country beats {@code EU} / {@code NON_EU}, which beat {@code *};</li>
 * <li>customer_type: a named type beats {@code *};</li>
 * <li>buyer_tax_id: {@code present} / {@code absent} beats {@code *};</li>
 * <li>service_class: a named class beats {@code *}.</li>
 * </ol>
 * When two or more matching rules are equally specific and no other match is more specific, the table is
 * ambiguous for that sale: {@link #find} throws {@link AmbiguousRulesException} naming every tied rule id
 * (sorted), because picking one by file order would make the invoice depend on how the file was sorted.
 * Ties below the winning rule do not matter. No matching rule gives an empty result: the caller turns it
 * into an exception a person can act on (no tax rule for this sale).
 *
 * <p><b>Countries.</b> ISO 3166-1 alpha-2 codes. The EU is the 27 member states as of 2026
 * ({@link #EU_MEMBERS}); GB is not a member (since 2020-02-01; this table has no history of membership,
 * so an EU rule dated before Brexit will not match GB). Greece is {@code GR}; {@code EL} is Greece's
 * VAT-number prefix, not a country code, and is refused rather than silently treated as non-EU.
 */
public final class TaxRuleTable {

    /** The 27 EU member states as of 2026, ISO 3166-1 alpha-2 (Greece is GR, never EL). */
    public static final Set<String> EU_MEMBERS = Set.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private final Map<String, List<TaxRule>> bySeller = new HashMap<>();

    public TaxRuleTable(Collection<TaxRule> rules) {
        for (TaxRule rule : rules) {
            bySeller.computeIfAbsent(rule.sellerCountry(), k -> new ArrayList<>()).add(rule);
        }
    }

    /** Whether {@code country} (ISO 3166-1 alpha-2) is an EU member state. */
    public static boolean isEu(String country) {
        return EU_MEMBERS.contains(country);
    }

    /** The rule for a sale to {@code client}: its country, its customer type and whether it has a tax id. */
    public Optional<TaxRule> find(String sellerCountry, Client client, ServiceClass serviceClass, LocalDate date) {
        boolean taxIdPresent = client.taxId() != null && !client.taxId().isBlank();
        return find(sellerCountry, client.country(), client.business(), taxIdPresent, serviceClass, date);
    }

    /**
     * The rule in force on {@code date} for a sale by a seller in {@code sellerCountry} to a buyer in
     * {@code buyerCountry}; see the class comment for matching and precedence.
     *
     * @throws AmbiguousRulesException when the most specific matches are tied
     * @throws IllegalArgumentException for {@code EL} or a value that is not a two-letter code
     */
    public Optional<TaxRule> find(String sellerCountry, String buyerCountry, boolean business, boolean buyerTaxIdPresent,
            ServiceClass serviceClass, LocalDate date) {
        Objects.requireNonNull(serviceClass, "serviceClass");
        Objects.requireNonNull(date, "date");
        Sale sale = new Sale(country(sellerCountry), country(buyerCountry), business, buyerTaxIdPresent, serviceClass, date);
        List<TaxRule> best = new ArrayList<>();
        int bestScore = -1;
        for (TaxRule rule : bySeller.getOrDefault(sale.seller(), List.of())) {
            if (!rule.validOn(date) || !sale.matches(rule)) {
                continue;
            }
            int score = specificity(rule);
            if (score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore) {
                best.add(rule);
            }
        }
        if (best.size() > 1) {
            throw new AmbiguousRulesException(best, sale);
        }
        return best.stream().findFirst();
    }

    /**
     * The precedence as one number, so comparing numbers compares criterion by criterion: region rank
     * (exact 2, EU/NON_EU 1, * 0) weighs more than all the flags below it together.
     */
    static int specificity(TaxRule rule) {
        int region = switch (rule.buyerRegion()) {
            case TaxRule.ANY -> 0;
            case TaxRule.EU, TaxRule.NON_EU -> 1;
            default -> 2;
        };
        return region * 8 + named(rule.customerType()) * 4 + named(rule.buyerTaxId()) * 2 + named(rule.serviceClass());
    }

    private static int named(String criterion) {
        return TaxRule.ANY.equals(criterion) ? 0 : 1;
    }

    private static String country(String value) {
        String code = Objects.requireNonNull(value, "country").strip().toUpperCase(Locale.ROOT);
        if ("EL".equals(code)) {
            throw new IllegalArgumentException("EL is Greece's VAT prefix, not an ISO 3166 country code; use GR");
        }
        if (!code.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("'" + value + "' is not a two-letter ISO 3166 country code");
        }
        return code;
    }

    /** The facts of one sale that tax rules look at. */
    record Sale(String seller, String buyer, boolean business, boolean taxIdPresent, ServiceClass serviceClass, LocalDate date) {

        boolean matches(TaxRule rule) {
            return regionMatches(rule.buyerRegion())
                    && criterion(rule.customerType(), business ? "business" : "consumer")
                    && criterion(rule.buyerTaxId(), taxIdPresent ? "present" : "absent")
                    && criterion(rule.serviceClass(), serviceClass.label());
        }

        private boolean regionMatches(String region) {
            return switch (region) {
                case TaxRule.ANY -> true;
                case TaxRule.EU -> isEu(buyer) && !buyer.equals(seller);
                case TaxRule.NON_EU -> !isEu(buyer);
                default -> region.equals(buyer);
            };
        }

        private static boolean criterion(String ruleValue, String actual) {
            return TaxRule.ANY.equals(ruleValue) || ruleValue.equals(actual);
        }

        @Override
        public String toString() {
            return "seller " + seller + ", buyer " + buyer + " " + (business ? "business" : "consumer")
                    + (taxIdPresent ? " with" : " without") + " tax id, " + serviceClass.label() + " on " + date;
        }
    }

    /** Two or more rules are the most specific match for one sale: the table must be fixed, not guessed. */
    public static final class AmbiguousRulesException extends IllegalStateException {

        private final List<String> ruleIds;

        AmbiguousRulesException(List<TaxRule> tied, Sale sale) {
            super(message(tied, sale));
            this.ruleIds = tied.stream().map(TaxRule::id).sorted().toList();
        }

        public List<String> ruleIds() {
            return ruleIds;
        }

        private static String message(List<TaxRule> tied, Sale sale) {
            List<String> ids = tied.stream().map(TaxRule::id).sorted(Comparator.naturalOrder()).toList();
            return "tax rules " + String.join(" and ", ids) + " match equally specifically (" + sale
                    + "); make one of them more specific or end its validity in tax_rules.csv";
        }
    }
}
