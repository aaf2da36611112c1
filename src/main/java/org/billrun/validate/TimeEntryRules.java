package org.billrun.validate;

import static org.billrun.billing.RuleCode.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.Project;
import org.billrun.billing.Task;
import org.billrun.billing.TimeEntry;
import org.billrun.validate.TimeEntryContext.DayTotal;

/** The rules for time entries, one object each (see {@link RuleCode} for what each one means). */
public final class TimeEntryRules {

    private TimeEntryRules() {}

    public static List<RecordRule<TimeEntry, TimeEntryContext>> all() {
        return List.of(unknownProject(), unknownTask(), projectClosed(), taskClosed(), unknownConsultant(),
                outsidePeriod(), afterCutoff(), unapproved(), rejected(), hoursNotPositive(), dailyHoursExceeded(),
                rateMissing(), contractNotInForce(), projectClientMismatch());
    }

    public static RecordRule<TimeEntry, TimeEntryContext> unknownProject() {
        return WorkRecordRules.unknownProject(TIME_UNKNOWN_PROJECT);
    }

    public static RecordRule<TimeEntry, TimeEntryContext> unknownTask() {
        return RecordRule.of(TIME_UNKNOWN_TASK, (e, c) -> {
            if (e.taskId() == null || e.taskId().isEmpty() || c.master().project(e.projectId()) == null) {
                return Optional.empty();
            }
            Task task = c.master().task(e.taskId());
            if (task == null) {
                return Optional.of("task " + e.taskId() + " is not in tasks.csv");
            }
            return task.projectId().equals(e.projectId()) ? Optional.empty()
                    : Optional.of("task " + e.taskId() + " belongs to project " + task.projectId() + ", not to " + e.projectId());
        });
    }

    public static RecordRule<TimeEntry, TimeEntryContext> projectClosed() {
        return WorkRecordRules.projectClosed(TIME_PROJECT_CLOSED);
    }

    public static RecordRule<TimeEntry, TimeEntryContext> taskClosed() {
        return RecordRule.of(TIME_TASK_CLOSED, (e, c) -> {
            Task task = c.master().task(e.taskId());
            Project project = c.master().project(e.projectId());
            // on a closed project, TIME_PROJECT_CLOSED already says it: one cause, one exception
            return task == null || task.open() || project == null || !project.open() ? Optional.empty()
                    : Optional.of("task " + task.taskId() + " (" + task.name() + ") of project " + task.projectId() + " is closed");
        });
    }

    public static RecordRule<TimeEntry, TimeEntryContext> unknownConsultant() {
        return WorkRecordRules.unknownConsultant(TIME_UNKNOWN_CONSULTANT);
    }

    public static RecordRule<TimeEntry, TimeEntryContext> outsidePeriod() {
        return WorkRecordRules.outsidePeriod(TIME_OUTSIDE_PERIOD, "worked on");
    }

    public static RecordRule<TimeEntry, TimeEntryContext> afterCutoff() {
        return WorkRecordRules.afterCutoff(TIME_AFTER_CUTOFF);
    }

    public static RecordRule<TimeEntry, TimeEntryContext> unapproved() {
        return WorkRecordRules.unapproved(TIME_UNAPPROVED);
    }

    public static RecordRule<TimeEntry, TimeEntryContext> rejected() {
        return RecordRule.of(TIME_REJECTED, (e, c) -> e.approvalStatus() != ApprovalStatus.REJECTED ? Optional.empty()
                : Optional.of("rejected by its approver" + (e.approvedBy() == null ? "" : " " + e.approvedBy())));
    }

    public static RecordRule<TimeEntry, TimeEntryContext> hoursNotPositive() {
        return RecordRule.of(TIME_HOURS_NOT_POSITIVE, (e, c) -> e.hours().signum() > 0 ? Optional.empty()
                : Optional.of("hours are " + e.hours().toPlainString() + "; they must be more than 0"));
    }

    public static RecordRule<TimeEntry, TimeEntryContext> dailyHoursExceeded() {
        return RecordRule.of(TIME_DAILY_HOURS_EXCEEDED, (e, c) -> {
            DayTotal day = c.dayTotal(e.consultantId(), e.workDate());
            BigDecimal max = c.policyFor(e.projectId()).maxHoursPerDay();
            if (day == null || day.hours().compareTo(max) <= 0) {
                return Optional.empty();
            }
            return Optional.of(e.consultantId() + " recorded " + day.hours().toPlainString() + " h on " + e.workDate() + " in "
                    + day.entries() + (day.entries() == 1 ? " entry" : " entries") + "; the policy allows " + max.toPlainString() + " h a day");
        });
    }

    public static RecordRule<TimeEntry, TimeEntryContext> rateMissing() {
        return RecordRule.of(RATE_MISSING, (e, c) -> {
            Consultant consultant = c.master().consultant(e.consultantId());
            Contract contract = c.master().contractOf(c.master().project(e.projectId()));
            if (consultant == null || contract == null || contract.billingModel() == BillingModel.FIXED_FEE
                    || c.master().rates().resolve(consultant, contract, e.workDate()).isPresent()) {
                return Optional.empty();
            }
            return Optional.of("no rate for role " + consultant.role() + " in " + contract.currency() + " on " + e.workDate()
                    + " (none for consultant " + consultant.consultantId() + ", contract " + contract.contractId()
                    + ", client " + contract.clientId() + " or on the firm card)");
        });
    }

    public static RecordRule<TimeEntry, TimeEntryContext> contractNotInForce() {
        return WorkRecordRules.contractNotInForce("worked on");
    }

    public static RecordRule<TimeEntry, TimeEntryContext> projectClientMismatch() {
        return WorkRecordRules.projectClientMismatch();
    }
}
