package org.billrun.audit;

import java.util.Locale;

/**
 * What an audit entry records. The database checks the same values (audit_log.action); adding an action
 * is one constant here and a migration that widens the check.
 */
public enum AuditAction {
    /** Validation raised an exception. */
    RAISED,
    /** A later run found a resolved exception's problem again. */
    REOPENED,
    /** An exception was marked fixed at the source, by a person or by a run that no longer raises it. */
    RESOLVED,
    /** A person accepted an exception as it is. */
    WAIVED,
    /** A run wrote its draft invoices. */
    DRAFTS_WRITTEN,
    /** A person gave one approval of an invoice version. */
    APPROVED,
    /** A person sent a draft back with a reason. */
    REJECTED,
    /** A person adjusted a line: a new invoice version. */
    ADJUSTED,
    /** A draft the approval matrix asks no approval of was released, by the policy's rule. */
    APPROVED_BY_POLICY,
    /** An overdue review task went to the next role of the approval matrix. */
    ESCALATED,
    /** An approved invoice version got its final number and its posting row (docs/posting.md). */
    NUMBERED,
    /** The ERP holds an invoice (sent now, or found by its reference after an unknown outcome). */
    POSTED,
    /** A posting failed for good (refused by the ERP, given up, or found more than once): finance acts. */
    POSTING_FAILED,
    /** A person re-queued a failed posting (billrun post --retry). */
    POSTING_REQUEUED,
    /** A client's dispute of a final invoice was recorded, with the reason classifier's suggestion (docs/disputes.md). */
    DISPUTE_OPENED,
    /** A person confirmed or changed a dispute's suggested reason. */
    DISPUTE_CLASSIFIED,
    /** A dispute was resolved: credited, rebilled or rejected. */
    DISPUTE_RESOLVED,
    /** billrun purge removed data past its retention and pseudonymised personal data (the detail counts what). */
    PURGED,
    /** A person asked for a credit memo of a final invoice (docs/credits.md). */
    CREDIT_REQUESTED,
    /** A person gave one approval of a credit memo; the last one numbers it. */
    CREDIT_APPROVED,
    /** A person refused a credit memo with a reason. */
    CREDIT_REJECTED,
    /** A mail delivering an invoice to its client bounced: a delivery status notification reported it (billrun deliveries bounces). */
    DELIVERY_BOUNCED,
    /** A run found an acceptance of a milestone in its evidence documents and proposed it (docs/assistance.md). */
    EVIDENCE_PROPOSED,
    /** A person confirmed a milestone's proposed acceptance evidence. */
    EVIDENCE_CONFIRMED,
    /** A person rejected a milestone's proposed acceptance evidence, with a reason. */
    EVIDENCE_REJECTED;

    /** The value stored in the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
