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
 * data, and the consultant's other expenses of the period in load order (for the duplicate checks,
 * which compare a line with the lines loaded before it). The validate step streams expenses by
 * consultant and passes only the current consultant's earlier lines ({@link ExpenseWindow}); a test
 * may pass every expense of the period.
 */
public record ExpenseContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
        SameConsultant sameConsultant, RecordPolicies<ValidationPolicy> policies) implements RuleContext {

    /** A consultant's expenses that the duplicate checks compare with: at least all loaded before the line checked, in load order. */
    @FunctionalInterface
    public interface SameConsultant {
        List<Expense> expensesOf(String consultantId);
    }

    /** One policy for every record: a firm without scoped settings, or a test. */
    public ExpenseContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
            Map<String, List<Expense>> expensesByConsultant) {
        this(period, cutoff, policy, master, id -> expensesByConsultant.getOrDefault(id, List.of()), RecordPolicies.everywhere(policy));
    }

    /** The policy as it applies to a record on this project (its scope: project, contract, client, model, country). */
    public ValidationPolicy policyFor(String projectId) {
        return policies.ofProject(projectId);
    }

    public List<Expense> expensesOf(String consultantId) {
        return sameConsultant.expensesOf(consultantId);
    }
}
