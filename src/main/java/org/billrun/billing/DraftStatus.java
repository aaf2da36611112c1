package org.billrun.billing;

import java.util.Locale;

/**
 * Where a draft invoice stands. The database checks the same values (draft_invoice.status); adding a
 * state is one constant here and a migration that widens the check (StatesInTheDatabaseIntegrationTests
 * compares the two).
 */
public enum DraftStatus {
    /** The run's current draft for its contract: the one people review. */
    LIVE,
    /** Replaced by the draft of a later run of the same period. */
    SUPERSEDED;

    /** The value stored in the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
