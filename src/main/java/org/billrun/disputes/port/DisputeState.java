package org.billrun.disputes.port;

import java.util.Locale;

/** Where a dispute stands (dispute.state; the database checks the same values). docs/disputes.md says what moves it. */
public enum DisputeState {
    /** Opened and not yet resolved: finance decides. */
    OPEN,
    /** Resolved by a credit memo of the disputed lines (or of the whole invoice). */
    CREDITED,
    /** Resolved by a credit memo whose source records are billed again by the next run of their period. */
    REBILLED,
    /** Resolved without a credit: the invoice stands as issued (the comment says why). */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DisputeState of(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
