package org.billrun.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One time entry of the period (time_entries.csv). */
public record TimeEntry(RecordRef ref, String entryId, String consultantId, String projectId, String taskId,
        LocalDate workDate, BigDecimal hours, boolean billable, ApprovalStatus approvalStatus, Instant submittedAt,
        String approvedBy) implements WorkRecord {

    @Override
    public LocalDate date() {
        return workDate;
    }
}
