package org.billrun.policy;

import java.util.Set;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Money;
import org.billrun.billing.RouteCode;

/**
 * What the approval matrix looks at in an invoice version: its legal entity, gross amount, the
 * contract's billing model, the reasons routing gave (none when it went straight through) and
 * whether routing sent it straight through.
 */
public record ApprovalFacts(String entity, Money gross, BillingModel model, Set<RouteCode> reasons, boolean straightThrough) {

    public ApprovalFacts {
        reasons = Set.copyOf(reasons);
    }
}
