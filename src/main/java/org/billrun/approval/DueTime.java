package org.billrun.approval;

import java.time.OffsetDateTime;
import org.billrun.billing.PersonRole;
import org.billrun.policy.ApprovalPolicy;

/**
 * When a review task is due: the policy's hours for its role after the task started. Calendar hours
 * until the business-day calendar of the approval policy is wired in (docs/approval.md, "Due times").
 */
final class DueTime {

    private DueTime() {}

    static OffsetDateTime of(ApprovalPolicy policy, PersonRole role, String entityId, OffsetDateTime from) {
        return from.plusHours(policy.slaHours(role));
    }
}
