package org.billrun.billing;

import java.util.Locale;

/** The kinds of record a finding can concern. */
public enum RecordKind {
    TIME_ENTRY, EXPENSE, MILESTONE, PROJECT, CONTRACT, CONSULTANT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordKind parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
