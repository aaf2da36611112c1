package org.billrun.validate;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.Project;
import org.billrun.billing.Task;
import org.billrun.billing.TimeEntry;
import org.billrun.billing.Valuation;
import org.billrun.policy.ValidationPolicy;
import org.billrun.validate.TimeEntryContext.DayTotal;

/**
 * Validates one time entry: decides whether it is billable at all (the entry, its project and its
 * task must all be billable; otherwise it is non-billable time, a state and not an exception), values
 * it at the rate in force, and runs the time entry rules.
 */
public final class TimeEntryValidator {

    private final TimeEntryContext context;
    private final RuleRunner<TimeEntry, TimeEntryContext> rules;

    public TimeEntryValidator(TimeEntryContext context) {
        this(context, TimeEntryRules.all());
    }

    TimeEntryValidator(TimeEntryContext context, List<RecordRule<TimeEntry, TimeEntryContext>> rules) {
        this.context = context;
        this.rules = new RuleRunner<>(rules, context.policy());
    }

    public ValidatedRecord validate(TimeEntry entry) {
        return validate(entry, context);
    }

    /** Validates an entry read with the total of its consultant-day (a validation partition's cursor sums each day). */
    public ValidatedRecord validate(TimeEntry entry, DayTotal day) {
        return validate(entry, context.onDay(day));
    }

    private ValidatedRecord validate(TimeEntry entry, TimeEntryContext entryContext) {
        MasterData master = entryContext.master();
        Project project = master.project(entry.projectId());
        Task task = master.task(entry.taskId());
        boolean billable = entry.billable() && (project == null || project.billable()) && (task == null || task.billable());
        Contract contract = master.contractOf(project);
        BigDecimal amount = billable ? value(entry, contract, master.consultant(entry.consultantId())) : null;
        String currency = contract == null ? null : contract.currency();
        ValidationPolicy policy = entryContext.policyFor(entry.projectId());
        var findings = rules.run(entry, entry.ref(), billable, entryContext,
                (rule, e) -> Owners.of(rule.ownerRole(), e.consultantId(), e.projectId(), master, policy), amount, currency, policy);
        return new ValidatedRecord(entry.ref(), billable, contract == null ? null : contract.contractId(), entry.consultantId(),
                entry.workDate(), entry.hours(), amount, currency, findings);
    }

    /** Hours x the rate in force, to 4 decimals; null when there is no rate (a finding says so). */
    private BigDecimal value(TimeEntry entry, Contract contract, Consultant consultant) {
        if (contract == null || consultant == null) {
            return null;
        }
        return context.master().rates().resolve(consultant, contract, entry.workDate())
                .map(rate -> Valuation.time(entry.hours(), rate.hourlyRate()))
                .orElse(null);
    }
}
