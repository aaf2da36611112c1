package org.billrun.draft;

import java.util.Locale;
import org.billrun.billing.TaxRule.ServiceClass;

/** The kinds of invoice line, in the order they appear on a draft (docs/drafting.md, "Lines"). */
public enum LineType {
    /** an accepted milestone of a fixed-fee contract */
    MILESTONE,
    /** the period's retainer fee */
    RETAINER_FEE,
    /** hours x rate; on a retainer the value is drawn from the balance and the net is 0 */
    TIME,
    /** time recorded on a fixed-fee contract: covered by the fee, net 0 */
    FIXED_FEE_TIME,
    /** retainer time beyond the balance available */
    RETAINER_OVERAGE,
    /** the part of a not-to-exceed contract's time above the cap remaining (negative) */
    CAP_WRITE_DOWN,
    /** rebillable expenses of one category, at cost or with the contract's markup */
    EXPENSE;

    public ServiceClass serviceClass() {
        return this == EXPENSE ? ServiceClass.EXPENSES : ServiceClass.SERVICES;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LineType parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
