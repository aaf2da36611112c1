package org.billrun.approval.port;

/**
 * Gives a version that has just been approved its final number and queues it for posting, inside the
 * approval's own transaction (DESIGN.md, "Outbox"): a rolled-back approval takes its number back. The
 * approval stage owns this contract and calls it; the posting stage implements it, so approval does not
 * depend on posting.
 */
public interface FinalNumbering {

    /** @return the final number the version got (the same one again if it already has one) */
    String assign(ApprovedVersion version, String actor);
}
