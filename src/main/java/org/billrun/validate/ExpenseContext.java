package org.billrun.validate;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.billrun.billing.Expense;
import org.billrun.billing.MasterData;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ValidationPolicy;

/**
 * What the expense rules check against: the period and its cutoff, the firm's policy, the master
 * data, and every expense of the period by consultant in load order (for the duplicate checks).
 */
public record ExpenseContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
        Map<String, List<Expense>> expensesByConsultant, RecordPolicies<ValidationPolicy> policies) implements RuleContext {

    /** One policy for every record: a firm without scoped settings, or a test. */
    public ExpenseContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
            Map<String, List<Expense>> expensesByConsultant) {
        this(period, cutoff, policy, master, expensesByConsultant, RecordPolicies.everywhere(policy));
    }

    /** The policy as it applies to a record on this project (its scope: project, contract, client, model, country). */
    public ValidationPolicy policyFor(String projectId) {
        return policies.ofProject(projectId);
    }

    public List<Expense> expensesOf(String consultantId) {
        return expensesByConsultant.getOrDefault(consultantId, List.of());
    }
}
