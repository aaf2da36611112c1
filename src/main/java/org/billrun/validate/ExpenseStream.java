package org.billrun.validate;

import org.billrun.billing.Expense;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The expense step's processor: validates each line of a stream ordered by consultant, then load
 * order, against the window of the consultant's earlier lines. One per step execution (step scope),
 * so a restart or a partition starts with a window of its own.
 */
class ExpenseStream implements ItemProcessor<Expense, ValidatedRecord> {

    private final ExpenseWindow window;
    private final ExpenseValidator validator;

    ExpenseStream(ValidationRun run) {
        this.window = new ExpenseWindow(run::expensesBefore);
        this.validator = run.expenseValidator(window);
    }

    @Override
    public ValidatedRecord process(Expense expense) {
        window.before(expense);
        ValidatedRecord validated = validator.validate(expense);
        window.after(expense);
        return validated;
    }
}
