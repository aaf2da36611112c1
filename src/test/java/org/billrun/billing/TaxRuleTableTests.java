package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.billrun.billing.TaxRule.Category;
import org.billrun.billing.TaxRule.RoundingLevel;
import org.billrun.billing.TaxRule.ServiceClass;
import org.junit.jupiter.api.Test;

/**
 * Tax determination on Northwind's own tax_rules.csv, clients.csv and entities.csv: every client gets the
 * treatment the README's client table expects, and the table's precedence holds on crafted rules.
 */
class TaxRuleTableTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final LocalDate OCTOBER_15 = LocalDate.of(2026, 10, 15);
    private static final List<TaxRule> RULES = read("tax_rules.csv", TaxRuleTableTests::rule);
    private static final TaxRuleTable TABLE = new TaxRuleTable(RULES);
    private static final Map<String, Client> CLIENTS = read("clients.csv", TaxRuleTableTests::client).stream()
            .collect(Collectors.toMap(Client::clientId, Function.identity()));
    private static final Map<String, String> SELLER_COUNTRY = read("entities.csv", row -> Map.entry(row.get("entity_id"), row.get("country")))
            .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private static TaxRule forClient(String entity, String clientId) {
        return TABLE.find(SELLER_COUNTRY.get(entity), CLIENTS.get(clientId), ServiceClass.SERVICES, OCTOBER_15)
                .orElseThrow(() -> new AssertionError("no tax rule for " + clientId));
    }

    @Test
    void theNorthwindFilesAreReadCompletely() {
        assertThat(RULES).hasSize(11);
        assertThat(CLIENTS).hasSize(13);
        assertThat(SELLER_COUNTRY).containsEntry("DE01", "DE").containsEntry("GB01", "GB").containsEntry("US01", "US");
    }

    @Test
    void euBusinessesWithAVatIdAreReverseChargedWithTheArticle196Note() {
        for (String client : List.of("C-ACME", "C-VANDAM", "C-WISLA")) {
            TaxRule rule = forClient("DE01", client);
            assertThat(rule.id()).as(client).isEqualTo("TX-DE-EU-B2B-RC");
            assertThat(rule.category()).isEqualTo(Category.AE);
            assertThat(rule.ratePct()).isZero();
            assertThat(rule.exemptionNote()).contains("Art. 196 Directive 2006/112/EC");
        }
    }

    @Test
    void aGermanBusinessPaysGermanVat() {
        TaxRule rule = forClient("DE01", "C-BAUER");
        assertThat(rule.id()).isEqualTo("TX-DE-DOM-2021");
        assertThat(rule.category()).isEqualTo(Category.S);
        assertThat(rule.ratePct()).isEqualByComparingTo("19");
        assertThat(rule.rounding()).isEqualTo(RoundingLevel.LINE);
    }

    @Test
    void aSwissBusinessIsOutsideTheScopeWithANote() {
        TaxRule rule = forClient("DE01", "C-ALPEN");
        assertThat(rule.id()).isEqualTo("TX-DE-NONEU-B2B");
        assertThat(rule.category()).isEqualTo(Category.O);
        assertThat(rule.ratePct()).isZero();
        assertThat(rule.exemptionNote()).contains("Art. 44");
    }

    @Test
    void anAustrianConsumerPaysGermanVatByTheOriginRule() {
        TaxRule rule = forClient("DE01", "C-OESTERREICHER");
        assertThat(rule.id()).isEqualTo("TX-DE-EU-B2C");
        assertThat(rule.category()).isEqualTo(Category.S);
        assertThat(rule.ratePct()).isEqualByComparingTo("19");
    }

    @Test
    void britishClientsOfTheBritishEntityPay20PercentRoundedPerDocument() {
        for (String client : List.of("C-HARBOUR", "C-KESTREL", "C-BLUEFIN")) {
            TaxRule rule = forClient("GB01", client);
            assertThat(rule.id()).as(client).isEqualTo("TX-GB-DOM-2011");
            assertThat(rule.category()).isEqualTo(Category.S);
            assertThat(rule.ratePct()).isEqualByComparingTo("20");
            assertThat(rule.rounding()).isEqualTo(RoundingLevel.DOCUMENT);
        }
    }

    @Test
    void americanClientsOfTheAmericanEntityPayNoSalesTax() {
        for (String client : List.of("C-HUDSON", "C-CASCADE", "C-LONESTAR")) {
            TaxRule rule = forClient("US01", client);
            assertThat(rule.id()).as(client).isEqualTo("TX-US-ALL");
            assertThat(rule.category()).isEqualTo(Category.O);
            assertThat(rule.exemptionNote()).startsWith("No sales tax");
        }
    }

    @Test
    void expensesAreTaxedLikeServicesWhenNoRuleSinglesThemOut() {
        assertThat(TABLE.find("DE", CLIENTS.get("C-ACME"), ServiceClass.EXPENSES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("TX-DE-EU-B2B-RC");
    }

    @Test
    void germanVatWas16PercentFromJuly2020ToTheEndOf2020Inclusive() {
        assertThat(domesticGerman(LocalDate.of(2020, 6, 30))).isEqualTo("TX-DE-DOM-2007 19");
        assertThat(domesticGerman(LocalDate.of(2020, 7, 1))).isEqualTo("TX-DE-DOM-2020H2 16");
        assertThat(domesticGerman(LocalDate.of(2020, 12, 31))).isEqualTo("TX-DE-DOM-2020H2 16");
        assertThat(domesticGerman(LocalDate.of(2021, 1, 1))).isEqualTo("TX-DE-DOM-2021 19");
    }

    private static String domesticGerman(LocalDate date) {
        return TABLE.find("DE", "DE", true, true, ServiceClass.SERVICES, date)
                .map(r -> r.id() + " " + r.ratePct().toPlainString()).orElse("none");
    }

    @Test
    void anEuBusinessWithoutVatIdPaysGermanVat() {
        assertThat(TABLE.find("DE", "FR", true, false, ServiceClass.SERVICES, OCTOBER_15)).hasValueSatisfying(r -> {
            assertThat(r.id()).isEqualTo("TX-DE-EU-B2B-NOID");
            assertThat(r.category()).isEqualTo(Category.S);
            assertThat(r.ratePct()).isEqualByComparingTo("19");
        });
    }

    @Test
    void aDomesticBuyerIsNotACrossBorderEuBuyer() {
        // DE is in the EU, but EU means "another member state": the exact DE rule is the only match
        assertThat(TABLE.find("DE", "DE", false, false, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("TX-DE-DOM-2021");
    }

    @Test
    void britainIsOutsideTheEu() {
        assertThat(TaxRuleTable.isEu("GB")).isFalse();
        assertThat(TABLE.find("DE", "GB", true, true, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("TX-DE-NONEU-B2B");
        assertThat(TABLE.find("DE", "US", false, false, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("TX-DE-NONEU-B2C");
    }

    @Test
    void theEuHas27MembersAndGreeceIsGr() {
        assertThat(TaxRuleTable.EU_MEMBERS).hasSize(27).contains("GR", "HR", "CY").doesNotContain("EL", "GB", "CH", "NO");
        assertThat(TABLE.find("DE", "GR", true, true, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("TX-DE-EU-B2B-RC");
        assertThatThrownBy(() -> TABLE.find("DE", "EL", true, true, ServiceClass.SERVICES, OCTOBER_15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use GR");
    }

    @Test
    void noMatchingRuleIsEmpty() {
        assertThat(TABLE.find("FR", "FR", true, true, ServiceClass.SERVICES, OCTOBER_15)).isEmpty(); // no French entity rules
        assertThat(TABLE.find("DE", "FR", true, true, ServiceClass.SERVICES, LocalDate.of(2009, 12, 31))).isEmpty(); // before any EU rule
        assertThat(TABLE.find("US", "US", true, false, ServiceClass.SERVICES, LocalDate.of(2019, 12, 31))).isEmpty();
    }

    @Test
    void twoEquallySpecificRulesAreAnErrorNamingBoth() {
        List<TaxRule> rules = new ArrayList<>(RULES);
        rules.add(rule("TX-DE-EU-B2B-RC-DUP", "DE", "EU", "business", "present", "*", Category.AE, "0", "2026-01-01", null));
        TaxRuleTable table = new TaxRuleTable(rules);
        assertThatThrownBy(() -> table.find("DE", "FR", true, true, ServiceClass.SERVICES, OCTOBER_15))
                .isInstanceOfSatisfying(TaxRuleTable.AmbiguousRulesException.class,
                        e -> assertThat(e.ruleIds()).containsExactly("TX-DE-EU-B2B-RC", "TX-DE-EU-B2B-RC-DUP"))
                .hasMessageContaining("TX-DE-EU-B2B-RC and TX-DE-EU-B2B-RC-DUP")
                .hasMessageContaining("buyer FR business with tax id, services on 2026-10-15");
        // outside the duplicate's validity the table is unambiguous again
        assertThat(table.find("DE", "FR", true, true, ServiceClass.SERVICES, LocalDate.of(2025, 12, 31))).map(TaxRule::id)
                .hasValue("TX-DE-EU-B2B-RC");
    }

    @Test
    void aTieBelowTheWinningRuleDoesNotMatter() {
        List<TaxRule> rules = List.of(
                rule("ANY-1", "DE", "*", "*", "*", "*", Category.S, "19", "2021-01-01", null),
                rule("ANY-2", "DE", "*", "*", "*", "*", Category.S, "19", "2021-01-01", null),
                rule("EXACT", "DE", "DE", "*", "*", "*", Category.S, "19", "2021-01-01", null));
        assertThat(new TaxRuleTable(rules).find("DE", "DE", true, true, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("EXACT");
    }

    @Test
    void theBuyerRegionOutranksEveryOtherCriterion() {
        List<TaxRule> rules = List.of(
                rule("EU-ALL-NAMED", "DE", "EU", "business", "present", "services", Category.AE, "0", "2021-01-01", null),
                rule("FR-ONLY", "DE", "FR", "*", "*", "*", Category.S, "19", "2021-01-01", null),
                rule("ANY", "DE", "*", "business", "present", "services", Category.S, "19", "2021-01-01", null));
        assertThat(new TaxRuleTable(rules).find("DE", "FR", true, true, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("FR-ONLY");
        assertThat(new TaxRuleTable(rules).find("DE", "NL", true, true, ServiceClass.SERVICES, OCTOBER_15)).map(TaxRule::id)
                .hasValue("EU-ALL-NAMED");
    }

    @Test
    void thenCustomerTypeThenTaxIdThenServiceClass() {
        List<TaxRule> rules = List.of(
                rule("TYPE", "DE", "EU", "business", "*", "*", Category.S, "19", "2021-01-01", null),
                rule("TAXID-CLASS", "DE", "EU", "*", "present", "expenses", Category.S, "7", "2021-01-01", null),
                rule("CLASS", "DE", "EU", "*", "*", "expenses", Category.S, "5", "2021-01-01", null));
        TaxRuleTable table = new TaxRuleTable(rules);
        assertThat(table.find("DE", "FR", true, true, ServiceClass.EXPENSES, OCTOBER_15)).map(TaxRule::id).hasValue("TYPE");
        assertThat(table.find("DE", "FR", false, true, ServiceClass.EXPENSES, OCTOBER_15)).map(TaxRule::id).hasValue("TAXID-CLASS");
        assertThat(table.find("DE", "FR", false, false, ServiceClass.EXPENSES, OCTOBER_15)).map(TaxRule::id).hasValue("CLASS");
        assertThat(table.find("DE", "FR", false, false, ServiceClass.SERVICES, OCTOBER_15)).isEmpty();
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheRows() {
        List<TaxRule> reversed = new ArrayList<>(RULES);
        Collections.reverse(reversed);
        TaxRuleTable other = new TaxRuleTable(reversed);
        for (Client client : CLIENTS.values()) {
            String seller = client.country().equals("GB") ? "GB" : client.country().equals("US") ? "US" : "DE";
            assertThat(other.find(seller, client, ServiceClass.SERVICES, OCTOBER_15))
                    .as(client.clientId()).isEqualTo(TABLE.find(seller, client, ServiceClass.SERVICES, OCTOBER_15));
        }
    }

    @Test
    void explainNamesRuleCategoryRateAndNote() {
        assertThat(forClient("DE01", "C-ACME").explain()).isEqualTo("TX-DE-EU-B2B-RC: AE 0 % (line rounding, valid from 2010-01-01), "
                + "note: Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC");
        assertThat(TABLE.find("GB", "GB", true, true, ServiceClass.SERVICES, LocalDate.of(2010, 6, 1)).map(TaxRule::explain))
                .hasValue("TX-GB-DOM-2010: S 17.5 % (document rounding, valid from 2010-01-01 to 2011-01-03)");
    }

    @Test
    void rulesThatCannotBeRightAreRefused() {
        assertThatThrownBy(() -> rule("X", "DE", "EU", "business", "present", "*", Category.AE, "19", "2021-01-01", null))
                .hasMessageContaining("category AE with rate 19");
        assertThatThrownBy(() -> rule("X", "DE", "DE", "*", "*", "*", Category.S, "0", "2021-01-01", null))
                .hasMessageContaining("category S needs a rate above 0");
        assertThatThrownBy(() -> rule("X", "DE", "EL", "*", "*", "*", Category.S, "24", "2021-01-01", null))
                .hasMessageContaining("use GR");
        assertThatThrownBy(() -> rule("X", "DE", "EUROPE", "*", "*", "*", Category.S, "19", "2021-01-01", null))
                .hasMessageContaining("not a two-letter country code");
        assertThatThrownBy(() -> rule("X", "DE", "*", "company", "*", "*", Category.S, "19", "2021-01-01", null))
                .hasMessageContaining("customer_type 'company' is not one of [business, consumer, *]");
        assertThatThrownBy(() -> rule("X", "DE", "*", "*", "*", "*", Category.S, "19", "2021-01-01", "2020-12-31"))
                .hasMessageContaining("valid_to 2020-12-31 is before valid_from 2021-01-01");
    }

    // --- reading the Northwind files (a test-sized reader: the ingest step owns the real one) ---

    private static TaxRule rule(String id, String seller, String region, String type, String taxId, String serviceClass,
            Category category, String rate, String from, String to) {
        return new TaxRule(id, seller, region, type, taxId, serviceClass, category, new BigDecimal(rate),
                RoundingLevel.LINE, null, LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    private static TaxRule rule(Map<String, String> row) {
        return new TaxRule(row.get("tax_rule_id"), row.get("seller_country"), row.get("buyer_region"), row.get("customer_type"),
                row.get("buyer_tax_id"), row.get("service_class"), Category.valueOf(row.get("category")),
                new BigDecimal(row.get("rate_pct")), RoundingLevel.valueOf(row.get("rounding").toUpperCase(Locale.ROOT)),
                row.get("exemption_note"), LocalDate.parse(row.get("valid_from")),
                row.get("valid_to").isEmpty() ? null : LocalDate.parse(row.get("valid_to")));
    }

    private static Client client(Map<String, String> row) {
        return new Client(row.get("client_id"), row.get("name"), row.get("country"), row.get("currency"),
                row.get("customer_type").equals("business"), row.get("tax_id").isEmpty() ? null : row.get("tax_id"));
    }

    private static <T> List<T> read(String file, Function<Map<String, String>, T> mapper) {
        try (Reader in = Files.newBufferedReader(NORTHWIND.resolve(file), StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(in)) {
            List<String[]> lines = csv.readAll();
            String[] header = lines.get(0);
            List<T> result = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < line.length ? line[i] : "");
                }
                result.add(mapper.apply(row));
            }
            return result;
        } catch (IOException | CsvException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file, e));
        }
    }
}
