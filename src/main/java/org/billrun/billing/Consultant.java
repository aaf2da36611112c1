package org.billrun.billing;

import java.math.BigDecimal;

/** A person who records time (consultants.csv). */
public record Consultant(RecordRef ref, String consultantId, String name, String role, String homeEntityId, String managerId,
        boolean active, BigDecimal standardHoursPerDay) {

    /** docs/input-formats.md: expected hours per working day when the export leaves it empty. */
    public static final BigDecimal DEFAULT_HOURS_PER_DAY = new BigDecimal("8");

    public Consultant {
        if (standardHoursPerDay == null) {
            standardHoursPerDay = DEFAULT_HOURS_PER_DAY;
        }
    }
}
