package org.billrun.posting;

import java.util.Locale;

/** What one attempt came to (posting_ledger.status; the database checks the same values). */
public enum LedgerStatus {
    /** Started; the answer is not recorded yet (or the process died before it was). */
    SENDING,
    /** Sent, and the ERP holds the document. */
    POSTED,
    /** Looked up by reference after an unknown outcome: the ERP already held exactly one document. */
    FOUND,
    /** Not accepted for a passing reason (or the ERP could not be asked): tried again later. */
    RETRYABLE,
    /** Refused because the data is wrong. */
    PERMANENT,
    /** Sent, but no answer came. */
    UNKNOWN,
    /** Looked up by reference: the ERP holds more than one document with it. */
    DUPLICATED,
    /** A passing failure after the policy's last attempt: given up, finance acts. */
    GAVE_UP,
    /** The post process died before the answer was recorded: the next attempt looks the reference up first. */
    INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
