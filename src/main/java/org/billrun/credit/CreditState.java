package org.billrun.credit;

import java.util.Locale;

/** Where a credit memo stands (credit_memo.state; the database checks the same values). */
public enum CreditState {
    /** Asked for; waits for its approvals. */
    IN_REVIEW,
    /** Every approval given: numbered in the credit series, queued for posting. */
    APPROVED,
    /** Refused with a reason: it gives nothing back, and its lines no longer count as credited. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CreditState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
