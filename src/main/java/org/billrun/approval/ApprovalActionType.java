package org.billrun.approval;

import java.util.Locale;

/** What a person did to a version (approval_action.action; the database checks the same values). */
public enum ApprovalActionType {
    /** Gave the approval of one task. */
    APPROVED,
    /** Sent the draft back with a reason. */
    REJECTED,
    /** Wrote a line down, up or off: a new version replaces this one. */
    ADJUSTED,
    /** Released a draft the matrix asks no approval of (straight through): approved by the policy's rule. */
    APPROVED_BY_POLICY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
