package org.billrun.events;

import java.util.Locale;

/**
 * What happened to an invoice (event_outbox.type; the database checks the same values). docs/events.md
 * says which state change makes which event.
 */
public enum EventType {
    /** Version 1 of a draft was opened for review (in review). */
    CREATED,
    /** A person wrote a line down, up or off: a new version, in review again. */
    ADJUSTED,
    /** The latest version has every approval the matrix asks for, or the policy approved it. */
    APPROVED,
    /** The latest version was sent back; the next run of the period drafts the contract again. */
    REJECTED,
    /** The ERP accepted the invoice (from the posting stage's table, V24). */
    POSTED,
    /** Posting failed for good and needs finance (from the posting stage's table, V24). */
    POSTING_FAILED,
    /** The client disputed the invoice or some of its lines (from the disputes table, V27). */
    DISPUTED,
    /** A dispute of the invoice was resolved: credited, rebilled or rejected (from the disputes table, V27). */
    DISPUTE_RESOLVED,
    /** A credit memo of the invoice was approved and numbered (from the credit stage's table, V25). */
    CREDITED,
    /** Payments imported by `billrun events import` add up to the invoice's gross (V32). */
    PAID,
    /** A payment was imported; the invoice's payments are still short of its gross (V32). */
    PARTIALLY_PAID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
