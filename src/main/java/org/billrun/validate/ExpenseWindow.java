package org.billrun.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.billrun.billing.Expense;

/**
 * The one consultant's expenses that expense validation holds while it streams the period's expenses
 * by consultant, then load order: the lines of the current consultant read so far. When the next line
 * is another consultant's, the window starts afresh, so memory is one consultant's month, not the
 * period's. The first line a step execution sees may be in the middle of a consultant (a restart
 * resumes after the last committed chunk, or a partition starts there): the window then asks for that
 * consultant's lines loaded before it, once, so a restarted run compares each line with the same
 * earlier lines as an uninterrupted one. One window per step execution (not thread-safe).
 */
final class ExpenseWindow implements ExpenseContext.SameConsultant {

    /** A consultant's expenses loaded before the given row id, in load order. */
    private final BiFunction<String, Long, List<Expense>> earlier;
    private final List<Expense> lines = new ArrayList<>();
    private String consultantId;
    private boolean started;

    ExpenseWindow(BiFunction<String, Long, List<Expense>> earlier) {
        this.earlier = earlier;
    }

    /** Moves the window to {@code next}'s consultant before {@code next} is validated. */
    void before(Expense next) {
        if (!started || !same(next.consultantId())) {
            lines.clear();
            if (!started) {
                lines.addAll(earlier.apply(next.consultantId(), next.ref().rowId()));
            }
            started = true;
            consultantId = next.consultantId();
        }
    }

    /** Adds {@code line} once it has been validated, so the consultant's later lines are compared with it. */
    void after(Expense line) {
        if (lines.isEmpty() || lines.get(lines.size() - 1).ref().rowId() < line.ref().rowId()) {
            lines.add(line);
        }
    }

    @Override
    public List<Expense> expensesOf(String consultant) {
        return same(consultant) ? lines : List.of();
    }

    int size() {
        return lines.size();
    }

    private boolean same(String consultant) {
        return consultantId == null ? consultant == null : consultantId.equals(consultant);
    }
}
