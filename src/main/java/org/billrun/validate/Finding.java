package org.billrun.validate;

import java.math.BigDecimal;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RecordRef;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;

/**
 * A rule that failed for a record, ready to become (or to confirm) an exception: the rule, its
 * severity under the firm's policy, who owns it (role, and the named person where known), the
 * message, and the amount at stake (the record's value, where it has one).
 */
public record Finding(RecordRef record, RuleCode rule, Severity severity, OwnerRole ownerRole, String ownerId,
        String message, BigDecimal amount, String currency) {

    public boolean blocks() {
        return severity == Severity.BLOCK;
    }
}
