package org.billrun.validate;

import java.time.YearMonth;
import java.util.Optional;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Contract;
import org.billrun.billing.Project;
import org.billrun.billing.RuleCode;
import org.billrun.billing.WorkRecord;

/**
 * The rules that time entries and expenses share, each under the code of its record kind (see
 * {@link TimeEntryRules} and {@link ExpenseRules}).
 */
final class WorkRecordRules {

    private WorkRecordRules() {}

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> unknownProject(RuleCode code) {
        return RecordRule.of(code, (r, c) -> c.master().project(r.projectId()) != null ? Optional.empty()
                : Optional.of("project " + r.projectId() + " is not in projects.csv"));
    }

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> projectClosed(RuleCode code) {
        return RecordRule.of(code, (r, c) -> {
            Project project = c.master().project(r.projectId());
            return project == null || project.open() ? Optional.empty()
                    : Optional.of("project " + project.projectId() + " (" + project.name() + ") is closed");
        });
    }

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> unknownConsultant(RuleCode code) {
        return RecordRule.of(code, (r, c) -> c.master().consultant(r.consultantId()) != null ? Optional.empty()
                : Optional.of("consultant " + r.consultantId() + " is not in consultants.csv"));
    }

    /** {@code verb}: "worked on" for time, "dated" for expenses. */
    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> outsidePeriod(RuleCode code, String verb) {
        return RecordRule.of(code, (r, c) -> c.period().equals(YearMonth.from(r.date())) ? Optional.empty()
                : Optional.of(verb + " " + r.date() + ", outside the period " + c.period()));
    }

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> afterCutoff(RuleCode code) {
        return RecordRule.of(code, (r, c) -> r.submittedAt() == null || !r.submittedAt().isAfter(c.cutoff()) ? Optional.empty()
                : Optional.of("submitted " + r.submittedAt() + ", after the " + c.period() + " cutoff " + c.cutoff()));
    }

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> unapproved(RuleCode code) {
        return RecordRule.of(code, (r, c) -> r.approvalStatus() != ApprovalStatus.DRAFT && r.approvalStatus() != ApprovalStatus.SUBMITTED
                ? Optional.empty()
                : Optional.of("approval status is " + r.approvalStatus().label() + ", not approved"));
    }

    /** {@code verb}: "worked on" for time, "spent on" for expenses. */
    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> contractNotInForce(String verb) {
        return RecordRule.of(RuleCode.CONTRACT_NOT_IN_FORCE, (r, c) -> {
            Contract contract = c.master().contractOf(c.master().project(r.projectId()));
            return contract == null || contract.inForceOn(r.date()) ? Optional.empty()
                    : Optional.of(verb + " " + r.date() + "; contract " + contract.contractId() + " " + Contracts.term(contract));
        });
    }

    static <T extends WorkRecord, C extends RuleContext> RecordRule<T, C> projectClientMismatch() {
        return RecordRule.of(RuleCode.PROJECT_CLIENT_MISMATCH, (r, c) -> Contracts.mismatch(c.master().project(r.projectId()), c.master()));
    }
}
