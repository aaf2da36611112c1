package org.billrun.draft;

import java.util.List;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.Milestone;
import org.billrun.billing.TimeEntry;

/** One contract's valid records of the period: what its draft bills. */
public record ContractWork(Contract contract, List<TimeEntry> time, List<Expense> expenses, List<Milestone> milestones) {

    public ContractWork {
        time = List.copyOf(time);
        expenses = List.copyOf(expenses);
        milestones = List.copyOf(milestones);
    }
}
