package org.billrun.posting;

import java.util.Locale;

/** A posting batch (posting_batch.state; the database checks the same values). */
public enum BatchState {
    /** Its control totals are recorded; it is being sent (or its post job died and resumes it). */
    OPEN,
    /** Closed: everything it set out to send was posted, and the posted totals equal the control totals. */
    BALANCED,
    /** Closed with postings that failed or wait for a retry: the difference is on `billrun postings`. */
    UNBALANCED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
