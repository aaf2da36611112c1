package org.billrun.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One effective-dated row of tax_rules.csv. The matching criteria keep the file's spelling, {@code *}
 * included, so a rule reads the same here as in the file finance maintains; {@link TaxRuleTable} decides
 * which rule applies. {@code validTo} is inclusive; null means open-ended.
 *
 * <p>The constructor refuses rows that cannot be right rather than letting them produce a wrong invoice:
 * an unknown criterion value, a {@code buyerRegion} that is neither a country code nor {@code EU},
 * {@code NON_EU} or {@code *}, {@code EL} (Greece's VAT prefix, not its ISO 3166 code {@code GR}), a
 * validity that ends before it starts, and a rate that contradicts the category (Peppol BIS 3 rules
 * BR-S-05, BR-Z-05, BR-E-05, BR-AE-05, BR-O-05: {@code S} has a rate above zero, every other category
 * a rate of zero).
 */
public record TaxRule(String id, String sellerCountry, String buyerRegion, String customerType, String buyerTaxId,
        String serviceClass, Category category, BigDecimal ratePct, RoundingLevel rounding, String exemptionNote,
        LocalDate validFrom, LocalDate validTo) {

    public static final String ANY = "*";
    public static final String EU = "EU";
    public static final String NON_EU = "NON_EU";

    /** UNCL 5305 tax category codes, as EN 16931 / Peppol BIS 3 invoices carry them. */
    public enum Category {
        /** standard rate */
        S,
        /** zero rated */
        Z,
        /** exempt */
        E,
        /** reverse charge: the buyer accounts for the VAT */
        AE,
        /** outside the scope of the tax */
        O
    }

    /** Where tax is rounded: on every line, or once on the invoice's net total. */
    public enum RoundingLevel {
        LINE, DOCUMENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The service classes a rule can single out; what an invoice line bills. */
    public enum ServiceClass {
        SERVICES, EXPENSES;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<String> CUSTOMER_TYPES = List.of("business", "consumer", ANY);
    private static final List<String> TAX_ID_STATES = List.of("present", "absent", ANY);
    private static final List<String> SERVICE_CLASSES = List.of("services", "expenses", ANY);

    public TaxRule {
        Objects.requireNonNull(id, "id");
        sellerCountry = country(sellerCountry, id, "seller_country");
        buyerRegion = region(buyerRegion, id);
        customerType = oneOf(customerType, CUSTOMER_TYPES, id, "customer_type");
        buyerTaxId = oneOf(buyerTaxId, TAX_ID_STATES, id, "buyer_tax_id");
        serviceClass = oneOf(serviceClass, SERVICE_CLASSES, id, "service_class");
        Objects.requireNonNull(category, () -> id + ": category missing");
        Objects.requireNonNull(ratePct, () -> id + ": rate_pct missing");
        Objects.requireNonNull(rounding, () -> id + ": rounding missing");
        Objects.requireNonNull(validFrom, () -> id + ": valid_from missing");
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException(id + ": valid_to " + validTo + " is before valid_from " + validFrom);
        }
        if (category == Category.S ? ratePct.signum() <= 0 : ratePct.signum() != 0) {
            throw new IllegalArgumentException(id + ": category " + category + " with rate " + ratePct.toPlainString()
                    + " %; category S needs a rate above 0, every other category a rate of 0");
        }
        exemptionNote = exemptionNote == null || exemptionNote.isBlank() ? null : exemptionNote.strip();
    }

    /** In force on {@code date}: from {@code validFrom} to {@code validTo}, both inclusive. */
    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /**
     * "TX-DE-EU-B2B-RC: AE 0 % (line rounding, valid from 2010-01-01), note: Reverse charge: ...": which
     * rule taxed an invoice, for the draft's explanation and the auditors.
     */
    public String explain() {
        return id + ": " + category + " " + ratePct.stripTrailingZeros().toPlainString() + " % ("
                + rounding.label() + " rounding, valid from " + validFrom + (validTo == null ? "" : " to " + validTo) + ")"
                + (exemptionNote == null ? "" : ", note: " + exemptionNote);
    }

    private static String country(String value, String id, String column) {
        String code = Objects.requireNonNull(value, () -> id + ": " + column + " missing").strip().toUpperCase(Locale.ROOT);
        if ("EL".equals(code)) {
            throw new IllegalArgumentException(id + ": " + column + " EL is Greece's VAT prefix, not an ISO 3166 code; use GR");
        }
        if (!code.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(id + ": " + column + " '" + value + "' is not a two-letter country code");
        }
        return code;
    }

    private static String region(String value, String id) {
        String region = Objects.requireNonNull(value, () -> id + ": buyer_region missing").strip().toUpperCase(Locale.ROOT);
        return region.equals(ANY) || region.equals(EU) || region.equals(NON_EU) ? region : country(region, id, "buyer_region");
    }

    private static String oneOf(String value, List<String> allowed, String id, String column) {
        String v = Objects.requireNonNull(value, () -> id + ": " + column + " missing").strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(id + ": " + column + " '" + value + "' is not one of " + allowed);
        }
        return v;
    }
}
