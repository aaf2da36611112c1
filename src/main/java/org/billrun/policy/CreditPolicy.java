package org.billrun.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;

/**
 * Who approves a credit memo (docs/credits.md, "Approval"): always a person of the finance role; the
 * finance controller too when the credit's gross is above {@code credit.controller-above.CCY}. A currency
 * without a limit asks the controller for every credit (the cautious default). The keys live in the firm's
 * policy file; the policy of the credited invoice's run applies.
 *
 * @param controllerAbove per currency, the gross above which the finance controller approves as well
 */
public record CreditPolicy(Map<String, BigDecimal> controllerAbove) {

    static final String PREFIX = "credit.controller-above.";

    /** The matrix rules recorded with the tasks. */
    public static final String FINANCE_RULE = "credit.finance";
    public static final String CONTROLLER_RULE = "credit.controller-above";

    public CreditPolicy {
        controllerAbove = Map.copyOf(controllerAbove);
    }

    public static CreditPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    public static CreditPolicy from(PolicyFile file) {
        Map<String, BigDecimal> limits = new TreeMap<>();
        for (String key : file.keysStartingWith("credit.")) {
            String currency = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : "";
            if (!currency.matches("[A-Z]{3}")) {
                throw new PolicyFile.PolicyException(file.source() + ": unknown key '" + key + "' (credit.controller-above.CCY, see docs/credits.md)");
            }
            BigDecimal limit = file.decimal(key, "0");
            if (limit.signum() < 0) {
                throw new PolicyFile.PolicyException(file.source() + ": " + key + " must be 0 or more, not " + limit.toPlainString());
            }
            limits.put(currency, limit);
        }
        return new CreditPolicy(limits);
    }

    /** The approvals a credit of {@code gross} needs, in order. */
    public List<ApprovalStep> steps(Money gross) {
        List<ApprovalStep> steps = new ArrayList<>();
        steps.add(new ApprovalStep(PersonRole.FINANCE, FINANCE_RULE));
        BigDecimal limit = controllerAbove.get(gross.currency());
        if (limit == null || gross.amount().abs().compareTo(limit) > 0) {
            steps.add(new ApprovalStep(PersonRole.FINANCE_CONTROLLER, CONTROLLER_RULE));
        }
        return List.copyOf(steps);
    }
}
