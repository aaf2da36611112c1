package org.billrun.draft;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.TaxRuleTable;
import org.billrun.draft.port.DisputeRiskSource;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.RecordPolicies;
import org.billrun.validate.ValidationQueries.OpenException;

/**
 * Everything a draft is priced and routed with, apart from its contract's records: the master data,
 * legal entities, tax rules (and the rows refused from them), the approval matrix, the period's open
 * exceptions, what earlier periods left each contract with, and how each draft's dispute risk is scored.
 */
public record DraftContext(YearMonth period, MasterData master, Map<String, LegalEntity> entities, TaxRuleTable taxRules,
        List<RefusedTaxRule> refusedTaxRules, DraftPolicy policy, List<OpenException> openExceptions,
        Function<String, PriorBilling> prior, RecordPolicies<DraftPolicy> policies, DisputeRiskSource.Scorer risk) {

    /** One approval matrix for every draft: a firm without scoped settings, or a test. */
    public DraftContext(YearMonth period, MasterData master, Map<String, LegalEntity> entities, TaxRuleTable taxRules,
            List<RefusedTaxRule> refusedTaxRules, DraftPolicy policy, List<OpenException> openExceptions,
            Function<String, PriorBilling> prior) {
        this(period, master, entities, taxRules, refusedTaxRules, policy, openExceptions, prior, RecordPolicies.everywhere(policy),
                DisputeRiskSource.Scorer.NONE);
    }

    /** The approval matrix as it applies to a draft of this contract (its contract, client, billing model and country). */
    public DraftPolicy policyFor(String contractId) {
        return policies.ofContract(contractId);
    }

    /** A tax_rules.csv row left out of the table: the seller country it claimed and why it was refused. */
    public record RefusedTaxRule(String sellerCountry, String reason) {}

    public DraftContext {
        refusedTaxRules = List.copyOf(refusedTaxRules);
        openExceptions = List.copyOf(openExceptions);
    }

    /** Invoices are dated the last day of their period: the tax point the rules are looked up on. */
    public LocalDate invoiceDate() {
        return period.atEndOfMonth();
    }
}
