package org.billrun.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fixed-fee milestone (milestones.csv), with the version row it was read from. */
public record Milestone(RecordRef ref, String milestoneId, String contractId, String description, BigDecimal amount,
        String currency, LocalDate dueDate, String status, LocalDate acceptedOn, String acceptanceRef, boolean billable) {

    public boolean accepted() {
        return "accepted".equals(status);
    }

    public boolean hasEvidence() {
        return acceptanceRef != null && !acceptanceRef.isBlank();
    }
}
