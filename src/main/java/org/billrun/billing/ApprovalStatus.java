package org.billrun.billing;

import java.util.Locale;

/** Where a time entry or expense stands in the PSA's approval workflow. Only approved work bills. */
public enum ApprovalStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED;

    public static ApprovalStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
