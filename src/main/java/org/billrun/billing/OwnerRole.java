package org.billrun.billing;

import java.util.Locale;

/** Who can fix a finding: the person who recorded it, the project's manager, or the finance team. */
public enum OwnerRole {
    CONSULTANT, PROJECT_MANAGER, FINANCE;

    public static OwnerRole parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
