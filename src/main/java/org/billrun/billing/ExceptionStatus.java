package org.billrun.billing;

import java.util.Locale;

/**
 * Where a validation exception stands. The database checks the same values
 * (validation_exception.status); adding a state is one constant here and a migration.
 */
public enum ExceptionStatus {
    /** Its record is held until someone acts or the source is fixed. */
    OPEN,
    /** Fixed at the source, or no longer raised by a later run; reopens if found again. */
    RESOLVED,
    /** Accepted as it is by a person: its record bills. */
    WAIVED;

    /** The value stored in the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExceptionStatus parse(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
