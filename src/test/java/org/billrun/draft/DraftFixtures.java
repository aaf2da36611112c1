package org.billrun.draft;

import static org.billrun.validate.Fixtures.dec;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Contract;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Presentation;
import org.billrun.billing.RecordKind;
import org.billrun.billing.TaxRule;
import org.billrun.billing.TaxRule.Category;
import org.billrun.billing.TaxRule.RoundingLevel;
import org.billrun.billing.TaxRuleTable;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.validate.Fixtures;
import org.billrun.validate.Fixtures.Firm;
import org.billrun.validate.ValidationQueries.OpenException;

/** A small firm to draft: the validation fixtures' master data, Northwind's entities and tax rules, an approval matrix. */
final class DraftFixtures {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private DraftFixtures() {}

    static Map<String, LegalEntity> entities() {
        return Map.of(
                "DE01", new LegalEntity("DE01", "Northwind Consulting GmbH", "DE", "EUR", "DE811111111", "Berlin", "NWDE"),
                "GB01", new LegalEntity("GB01", "Northwind Consulting Ltd", "GB", "GBP", "GB987654321", "London", "NWGB"),
                "US01", new LegalEntity("US01", "Northwind Consulting Inc.", "US", "USD", "EIN 98-7654321", "New York", "NWUS"));
    }

    static TaxRule rule(String id, String seller, String region, String customer, String taxId, String category, String rate,
            RoundingLevel rounding, String note) {
        return new TaxRule(id, seller, region, customer, taxId, "*", Category.valueOf(category), dec(rate), rounding, note,
                LocalDate.of(2010, 1, 1), null);
    }

    /** Northwind's tax_rules.csv rows in force in 2026. */
    static List<TaxRule> taxRules() {
        return List.of(
                rule("TX-DE-DOM-2021", "DE", "DE", "*", "*", "S", "19", RoundingLevel.LINE, null),
                rule("TX-DE-EU-B2B-RC", "DE", "EU", "business", "present", "AE", "0", RoundingLevel.LINE, "Reverse charge"),
                rule("TX-DE-EU-B2C", "DE", "EU", "consumer", "*", "S", "19", RoundingLevel.LINE, null),
                rule("TX-DE-NONEU-B2B", "DE", "NON_EU", "business", "*", "O", "0", RoundingLevel.LINE, "Not subject to German VAT"),
                rule("TX-GB-DOM-2011", "GB", "GB", "*", "*", "S", "20", RoundingLevel.DOCUMENT, null),
                rule("TX-US-ALL", "US", "*", "*", "*", "O", "0", RoundingLevel.LINE, "No sales tax"));
    }

    static DraftPolicy policy(String... lines) {
        StringBuilder content = new StringBuilder("owner.finance=finance@example\n"
                + "approval.auto-approve-limit.EUR=100000\napproval.auto-approve-limit.GBP=90000\n"
                + "approval.auto-approve-limit.USD=150000\napproval.auto-approve-limit.CHF=100000\n");
        for (String line : lines) {
            content.append(line).append('\n');
        }
        return DraftPolicy.from(PolicyFile.of("test", content.toString()));
    }

    /** A drafting context over {@code firm}, with its own settings for what the tests vary. */
    static final class Context {
        final Firm firm = Fixtures.firm();
        final List<OpenException> exceptions = new ArrayList<>();
        final Map<String, PriorBilling> prior = new HashMap<>();
        final List<DraftContext.RefusedTaxRule> refused = new ArrayList<>();
        List<TaxRule> taxRules = taxRules();
        Map<String, LegalEntity> entities = entities();
        DraftPolicy policy = policy();

        Context client(Client client) {
            firm.clients.removeIf(c -> c.clientId().equals(client.clientId()));
            firm.clients.add(client);
            return this;
        }

        Context contract(Contract contract) {
            firm.with(contract);
            return this;
        }

        Context exception(long id, String rule, String severity, org.billrun.billing.OwnerRole role, String owner, RecordKind kind,
                long rowId, String key) {
            exceptions.add(new OpenException(id, rule, severity, role, owner, kind, rowId, key, key, rule + " on " + key));
            return this;
        }

        DraftContext build() {
            MasterData master = firm.master();
            return new DraftContext(OCTOBER, master, entities, new TaxRuleTable(taxRules), refused, policy, exceptions,
                    id -> prior.getOrDefault(id, PriorBilling.NONE));
        }

        InvoiceDraft draft(ContractWork work) {
            return new InvoiceAssembler(build()).assemble(work);
        }
    }

    static Client withPresentation(Client c, Presentation presentation, boolean annex) {
        return new Client(c.clientId(), c.name(), c.country(), c.currency(), c.business(), c.taxId(), null, 30, presentation, annex);
    }

    static Contract withTerms(Contract c, String markupPct, String cap, String retainer) {
        return new Contract(c.ref(), c.contractId(), c.clientId(), c.entityId(), c.billingModel(), c.currency(), c.startDate(), c.endDate(),
                c.poNumber(), markupPct == null ? null : dec(markupPct), cap == null ? null : dec(cap),
                retainer == null ? null : dec(retainer), c.rateCardId());
    }

    static Contract contract(Firm firm, String id) {
        return firm.contracts.stream().filter(c -> c.contractId().equals(id)).findFirst().orElseThrow();
    }

    static Contract contractWithModel(Contract c, BillingModel model) {
        return new Contract(c.ref(), c.contractId(), c.clientId(), c.entityId(), model, c.currency(), c.startDate(), c.endDate(),
                c.poNumber(), c.expenseMarkupPct(), c.capAmount(), c.retainerAmount(), c.rateCardId());
    }
}
