package org.billrun.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.billrun.assist.risk.RiskScore;
import org.billrun.billing.Money;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RouteCode;
import org.billrun.policy.DraftPolicy;
import org.billrun.validate.ValidationQueries.OpenException;

/**
 * Decides whether a draft can go straight through, and if not, who reviews it and why
 * (docs/drafting.md, "Routing"). Plain rules over the draft's figures and the exceptions touching it.
 */
final class Router {

    private final DraftPolicy policy;

    Router(DraftPolicy policy) {
        this.policy = policy;
    }

    /** The facts routing looks at, gathered while the draft was assembled. */
    record Facts(Money valueBeforeWriteDown, Money writeDown, Money retainerOverage, String retainerExplanation, Money net,
            Money gross, List<OpenException> touching, List<String> taxProblems, String projectManagerId,
            boolean fixedFeeWithoutMilestone, RiskScore disputeRisk) {

        String currency() {
            return gross.currency();
        }
    }

    List<RouteReason> route(Facts facts) {
        List<RouteReason> reasons = new ArrayList<>();
        for (OpenException exception : facts.touching()) {
            OwnerRole owner = exception.ownerRole() == OwnerRole.CONSULTANT ? OwnerRole.PROJECT_MANAGER : exception.ownerRole();
            OwnerRole role = policy.reviewer(RouteCode.OPEN_EXCEPTION, owner);
            // the exception's own owner when they are the reviewer; otherwise the draft's project manager or finance
            String who = role == exception.ownerRole() ? exception.ownerId() : null;
            reasons.add(reason(RouteCode.OPEN_EXCEPTION, role, who, facts, exception.describe()));
        }
        if (facts.writeDown().signum() > 0) {
            Money allowed = facts.valueBeforeWriteDown().percent(policy.writeDownThresholdPct());
            if (facts.writeDown().compareTo(allowed) > 0) {
                reasons.add(reason(RouteCode.WRITE_DOWN, null, null, facts, "write-down of " + money(facts.writeDown(), facts)
                        + " to the not-to-exceed cap is above the threshold of "
                        + policy.writeDownThresholdPct().stripTrailingZeros().toPlainString() + " % of "
                        + money(facts.valueBeforeWriteDown(), facts) + "; the excess is not billed without approval"));
            }
        }
        if (facts.retainerOverage().signum() > 0) {
            reasons.add(reason(RouteCode.RETAINER_OVERAGE, null, null, facts, "retainer overage of " + money(facts.retainerOverage(), facts)
                    + ": " + facts.retainerExplanation()));
        }
        BigDecimal limit = policy.autoApproveLimits().get(facts.currency());
        if (limit == null) {
            reasons.add(reason(RouteCode.AMOUNT_ABOVE_LIMIT, null, null, facts, "no auto-approve limit is set for " + facts.currency()
                    + " (policy key approval.auto-approve-limit." + facts.currency() + ")"));
        } else if (facts.gross().compareTo(Money.of(limit, facts.currency())) > 0) {
            reasons.add(reason(RouteCode.AMOUNT_ABOVE_LIMIT, null, null, facts, "gross " + money(facts.gross(), facts)
                    + " is above the auto-approve limit of " + MoneyFormat.format(limit, facts.currency())));
        }
        for (String problem : facts.taxProblems()) {
            reasons.add(reason(RouteCode.TAX_RULE, null, null, facts, problem));
        }
        if (facts.net().signum() == 0) {
            reasons.add(reason(RouteCode.NOTHING_TO_INVOICE, null, null, facts, facts.fixedFeeWithoutMilestone()
                    ? "no milestone of this fixed-fee contract was accepted in the period: nothing to invoice; the time recorded against the fee is listed"
                    : "the draft's net is 0: nothing to invoice"));
        }
        RiskScore risk = facts.disputeRisk();
        if (risk != null && risk.probability() > policy.disputeRiskThreshold().doubleValue()) {
            reasons.add(reason(RouteCode.DISPUTE_RISK, null, null, facts, String.format(Locale.ROOT,
                    "dispute risk %.2f is above the threshold of %s: %s", risk.probability(),
                    policy.disputeRiskThreshold().stripTrailingZeros().toPlainString(),
                    risk.top(3).stream().map(f -> f.sentence()).collect(Collectors.joining("; ")))));
        }
        return reasons;
    }

    private RouteReason reason(RouteCode code, OwnerRole role, String reviewerId, Facts facts, String text) {
        OwnerRole reviewer = role != null ? role : policy.reviewer(code, OwnerRole.FINANCE);
        String id = reviewerId != null ? reviewerId
                : reviewer == OwnerRole.PROJECT_MANAGER ? facts.projectManagerId() : policy.financeOwner();
        return new RouteReason(code, reviewer, id, text);
    }

    private static String money(Money amount, Facts facts) {
        return MoneyFormat.format(amount.amount(), facts.currency());
    }
}
