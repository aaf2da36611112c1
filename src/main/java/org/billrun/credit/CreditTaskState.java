package org.billrun.credit;

import java.util.Locale;

/** Where one approval of a credit memo stands (credit_task.state; the database checks the same values). */
public enum CreditTaskState {
    /** Waiting for a person of its role. */
    OPEN,
    /** Approved by a person of its role. */
    DONE,
    /** The credit was rejected before the task was done. */
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CreditTaskState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
