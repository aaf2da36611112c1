package org.billrun.approval;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.billrun.billing.PersonRole;
import org.billrun.policy.ApprovalPolicy;

/** When a review task that starts at {@code from} is due, by {@link DueTimes} (business days of the entity). */
final class DueTime {

    private DueTime() {}

    static OffsetDateTime of(ApprovalPolicy policy, PersonRole role, String entityId, OffsetDateTime from) {
        return OffsetDateTime.ofInstant(new DueTimes(policy).due(from.toInstant(), role, entityId), ZoneOffset.UTC);
    }
}
