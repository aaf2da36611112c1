package org.billrun.policy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RouteCode;
import org.billrun.policy.PolicyFile.PolicyException;

/**
 * The firm's approval matrix for drafts, from the policy file's {@code approval.*} keys
 * (docs/drafting.md, "Routing"): the auto-approve limit per currency, the write-down threshold, and
 * who reviews each kind of reason. Finance is whoever {@code owner.finance} names.
 */
public record DraftPolicy(Map<String, BigDecimal> autoApproveLimits, BigDecimal writeDownThresholdPct,
        Map<RouteCode, OwnerRole> reviewers, String financeOwner, BigDecimal disputeRiskThreshold) {

    /** Without a dispute risk threshold: the default's. */
    public DraftPolicy(Map<String, BigDecimal> autoApproveLimits, BigDecimal writeDownThresholdPct, Map<RouteCode, OwnerRole> reviewers,
            String financeOwner) {
        this(autoApproveLimits, writeDownThresholdPct, reviewers, financeOwner, new BigDecimal(DEFAULT_RISK_THRESHOLD));
    }

    static final String LIMIT = "approval.auto-approve-limit.";
    static final String THRESHOLD = "approval.write-down-threshold-pct";
    static final String ROUTE = "approval.route.";
    /** A draft whose dispute risk is above this goes to review (0 to 1; 1: never). */
    static final String RISK_THRESHOLD = "approval.dispute-risk-threshold";
    static final String DEFAULT_RISK_THRESHOLD = "0.5";

    public static DraftPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    public static DraftPolicy from(PolicyFile file) {
        Map<String, BigDecimal> limits = new HashMap<>();
        Map<RouteCode, OwnerRole> reviewers = new EnumMap<>(RouteCode.class);
        for (String key : file.keysStartingWith("approval.")) {
            if (key.startsWith(LIMIT) && key.substring(LIMIT.length()).matches("[A-Z]{3}")) {
                BigDecimal limit = file.decimal(key, null);
                if (limit.signum() < 0) {
                    throw new PolicyException(file.source() + ": " + key + " must not be negative, not " + limit.toPlainString());
                }
                limits.put(key.substring(LIMIT.length()), limit);
            } else if (key.startsWith(ROUTE)) {
                RouteCode code = routeCode(key.substring(ROUTE.length()));
                OwnerRole role = file.parse(key, null, OwnerRole::parse, "project_manager or finance");
                if (code == null || role == OwnerRole.CONSULTANT) {
                    throw new PolicyException(file.source() + ": " + key + (code == null
                            ? " names no routing reason (one of " + Arrays.toString(RouteCode.values()) + ")"
                            : ": consultants do not review invoices; use project_manager or finance"));
                }
                reviewers.put(code, role);
            } else if (!key.equals(THRESHOLD) && !key.equals(RISK_THRESHOLD) && !ApprovalPolicy.owns(key)) {
                throw new PolicyException(file.source() + ": unknown key '" + key + "' (approval.auto-approve-limit.CCY, "
                        + THRESHOLD + ", " + RISK_THRESHOLD + " or approval.route.CODE, see docs/drafting.md; approval.rule.NAME.*, approval.sla-hours.ROLE, "
                        + "approval.sla.*, approval.escalation-order, see docs/approval.md)");
            }
        }
        BigDecimal threshold = file.decimal(THRESHOLD, "0");
        if (threshold.signum() < 0 || threshold.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new PolicyException(file.source() + ": " + THRESHOLD + " must be 0 to 100, not " + threshold.toPlainString());
        }
        BigDecimal risk = file.decimal(RISK_THRESHOLD, DEFAULT_RISK_THRESHOLD);
        if (risk.signum() < 0 || risk.compareTo(BigDecimal.ONE) > 0) {
            throw new PolicyException(file.source() + ": " + RISK_THRESHOLD + " must be 0 to 1, not " + risk.toPlainString());
        }
        return new DraftPolicy(Map.copyOf(limits), threshold, Map.copyOf(reviewers), file.text("owner.finance", null), risk);
    }

    /** The reviewer role for a reason: the policy's choice, else the default matrix. */
    public OwnerRole reviewer(RouteCode code, OwnerRole otherwise) {
        return reviewers.getOrDefault(code, code.defaultReviewer() == null ? otherwise : code.defaultReviewer());
    }

    private static RouteCode routeCode(String name) {
        try {
            return RouteCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
