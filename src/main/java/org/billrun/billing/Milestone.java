package org.billrun.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A fixed-fee milestone (milestones.csv), with the version row it was read from. */
public record Milestone(RecordRef ref, String milestoneId, String contractId, String description, BigDecimal amount,
        String currency, LocalDate dueDate, String status, LocalDate acceptedOn, String acceptanceRef, boolean billable, List<String> evidenceFiles) {

    /** A milestone without evidence documents (an export from before the column evidence_files). */
    public Milestone(RecordRef ref, String milestoneId, String contractId, String description, BigDecimal amount, String currency,
            LocalDate dueDate, String status, LocalDate acceptedOn, String acceptanceRef, boolean billable) {
        this(ref, milestoneId, contractId, description, amount, currency, dueDate, status, acceptedOn, acceptanceRef, billable, List.of());
    }

    public Milestone {
        evidenceFiles = evidenceFiles == null ? List.of() : List.copyOf(evidenceFiles);
    }

    /**
     * The documents milestones.csv names in evidence_files: separated by {@code ;} or {@code |}, each a path
     * relative to the input folder (or absolute), blanks dropped.
     */
    public static List<String> evidenceFiles(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return Arrays.stream(column.split("[;|]")).map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
    }

    public boolean accepted() {
        return "accepted".equals(status);
    }

    public boolean hasEvidence() {
        return acceptanceRef != null && !acceptanceRef.isBlank();
    }
}
