package org.billrun.validate;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.ExpensePolicy;
import org.billrun.billing.MasterData;
import org.billrun.billing.Project;
import org.billrun.billing.Valuation;
import org.billrun.policy.ValidationPolicy;

/**
 * Validates one expense line: decides whether it is rebillable at all (the line says so, its category
 * is reimbursable and its project is billable; otherwise it is a firm cost, a state and not an
 * exception), values it in the contract's currency, and runs the expense rules.
 */
public final class ExpenseValidator {

    private final ExpenseContext context;
    private final RuleRunner<Expense, ExpenseContext> rules;

    public ExpenseValidator(ExpenseContext context) {
        this(context, ExpenseRules.all());
    }

    ExpenseValidator(ExpenseContext context, List<RecordRule<Expense, ExpenseContext>> rules) {
        this.context = context;
        this.rules = new RuleRunner<>(rules, context.policy());
    }

    public ValidatedRecord validate(Expense expense) {
        MasterData master = context.master();
        Project project = master.project(expense.projectId());
        ExpensePolicy policy = master.expensePolicies().get(expense.category());
        boolean billable = expense.reimbursable() && (project == null || project.billable()) && (policy == null || policy.reimbursable());
        Contract contract = master.contractOf(project);
        BigDecimal amount = expense.amount();
        String currency = expense.currency();
        if (contract != null) {
            var rate = master.fx().rate(expense.currency(), contract.currency(), expense.expenseDate());
            if (rate.isPresent()) {
                amount = Valuation.expense(expense.amount(), rate.get().rate());
                currency = contract.currency();
            }
        }
        BigDecimal value = amount;
        String valueCurrency = currency;
        ValidationPolicy scoped = context.policyFor(expense.projectId());
        var findings = rules.run(expense, expense.ref(), billable, context,
                (rule, x) -> Owners.of(rule.ownerRole(), x.consultantId(), x.projectId(), master, scoped), value, valueCurrency, scoped);
        return new ValidatedRecord(expense.ref(), billable, contract == null ? null : contract.contractId(), expense.consultantId(),
                expense.expenseDate(), null, value, valueCurrency, findings);
    }
}
