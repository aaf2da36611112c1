package org.billrun.billing;

import java.util.Locale;

/** Levels of rate card, in precedence order: a consultant's own rate beats the contract's card, and so on. */
public enum RateLevel {
    CONSULTANT, CONTRACT, CLIENT, FIRM;

    public static RateLevel parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
