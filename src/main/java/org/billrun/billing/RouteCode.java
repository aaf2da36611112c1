package org.billrun.billing;


/** Why a draft needs a person (docs/drafting.md, "Routing"), with the reviewer the default matrix names. */
public enum RouteCode {
    OPEN_EXCEPTION(null),
    WRITE_DOWN(OwnerRole.PROJECT_MANAGER),
    RETAINER_OVERAGE(OwnerRole.PROJECT_MANAGER),
    AMOUNT_ABOVE_LIMIT(OwnerRole.FINANCE),
    TAX_RULE(OwnerRole.FINANCE),
    NOTHING_TO_INVOICE(OwnerRole.FINANCE),
    /** The draft's dispute risk is above the policy's approval.dispute-risk-threshold (docs/assistance.md). */
    DISPUTE_RISK(OwnerRole.FINANCE);

    private final OwnerRole defaultReviewer;

    RouteCode(OwnerRole defaultReviewer) {
        this.defaultReviewer = defaultReviewer;
    }

    /** Null for {@link #OPEN_EXCEPTION}: its reviewer follows the exception's owner. */
    public OwnerRole defaultReviewer() {
        return defaultReviewer;
    }
}
