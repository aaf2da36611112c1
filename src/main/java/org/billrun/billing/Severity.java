package org.billrun.billing;

import java.util.Locale;

/** block: the record is held out of billing until resolved or waived; warn: it bills, but its invoice goes to review. */
public enum Severity {
    BLOCK, WARN;

    public static Severity parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
