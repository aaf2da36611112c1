package org.billrun.billing;

import java.util.Locale;

/** How a contract bills: see docs/input-formats.md, contracts.csv. */
public enum BillingModel {
    TIME_AND_MATERIALS, FIXED_FEE, RETAINER, NOT_TO_EXCEED;

    public static BillingModel parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Time is billed by the hour (a cap may cut it back); fixed fee and retainer bill their own amounts. */
    public boolean billsTimeByTheHour() {
        return this == TIME_AND_MATERIALS || this == NOT_TO_EXCEED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
