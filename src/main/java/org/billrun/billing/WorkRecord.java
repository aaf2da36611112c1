package org.billrun.billing;

import java.time.Instant;
import java.time.LocalDate;

/** What time entries and expenses have in common: work a consultant recorded on a project, on a date, and its approval. */
public interface WorkRecord {

    RecordRef ref();

    String consultantId();

    String projectId();

    /** The work date of a time entry, the date of an expense. */
    LocalDate date();

    ApprovalStatus approvalStatus();

    Instant submittedAt();
}
