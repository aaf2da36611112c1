package org.billrun.approval;

import java.util.Locale;

/**
 * Where a version of an invoice stands (invoice_version.state; the database checks the same values).
 * Only the latest version of a draft moves on.
 */
public enum VersionState {
    /** Waiting for the approvals the matrix asks for. */
    IN_REVIEW,
    /** Every approval the matrix asks for was given (or it asks for none and the policy approved it). */
    APPROVED,
    /** Sent back with a reason; the next run of the period drafts the contract again. */
    REJECTED,
    /** An adjustment made a later version. */
    REPLACED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VersionState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
