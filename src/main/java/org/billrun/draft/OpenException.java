package org.billrun.draft;

import org.billrun.billing.OwnerRole;
import org.billrun.billing.RecordKind;

/** An open exception of the period, as routing needs it: what it is about and whose it is. */
public record OpenException(long exceptionId, String ruleCode, String severity, OwnerRole ownerRole, String ownerId,
        RecordKind recordKind, long recordRowId, String recordKey, String where, String message) {

    String describe() {
        return "open exception #" + exceptionId + " " + ruleCode + " (" + severity + ") on " + where + ": " + message;
    }
}
