package org.billrun.billing;

import java.util.Locale;

/** How a client wants its time on an invoice (clients.csv, presentation). */
public enum Presentation {
    /** one line per project, role and rate */
    SUMMARY_BY_ROLE,
    /** one line per project, consultant and rate */
    DETAIL_BY_CONSULTANT;

    public static Presentation parse(String value) {
        return value == null || value.isBlank() ? SUMMARY_BY_ROLE : valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
