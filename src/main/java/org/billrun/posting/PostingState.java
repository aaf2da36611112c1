package org.billrun.posting;

import java.util.Locale;

/** Where an approved invoice's way to the ERP stands (posting.state; the database checks the same values). */
public enum PostingState {
    /** Numbered at approval; not yet tried. */
    PENDING,
    /** Claimed by a post job, which is sending it now (or died while it was: the next post of the entity makes it a retry that looks it up first). */
    SENDING,
    /** The ERP holds it; the ledger names its document. */
    POSTED,
    /** Not accepted for a passing reason, or its outcome is unknown: tried again after the backoff. */
    FAILED_RETRYABLE,
    /** Refused by the ERP because the data is wrong, or given up after the policy's attempts: finance acts, then `billrun post --retry`. */
    FAILED_PERMANENT,
    /** The ERP holds more than one document with its reference: finance reconciles by hand. */
    NEEDS_RECONCILIATION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostingState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Failing: finance has to look at it (or it keeps failing). */
    public boolean failing() {
        return this == FAILED_RETRYABLE || this == FAILED_PERMANENT || this == NEEDS_RECONCILIATION;
    }
}
