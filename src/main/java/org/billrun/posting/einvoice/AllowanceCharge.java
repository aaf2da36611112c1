package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount taken off (an allowance, billrun's write-down) or added (a charge), with why. On a line it
 * changes that line's net amount and shares the line's tax; on the document it carries its own tax
 * category ({@link DocumentAllowanceCharge}). The amount is positive: the kind says which way it goes.
 *
 * @param reasonCode UNCL 5189 (allowances) or UNCL 7161 (charges) code, e.g. "95" discount; may be null
 *     when {@code reason} says it (EN 16931 wants at least one of the two: BR-33, BR-38, BR-42, BR-44)
 */
public record AllowanceCharge(Kind kind, BigDecimal amount, String reasonCode, String reason) {

    public enum Kind {
        ALLOWANCE, CHARGE
    }

    public AllowanceCharge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
    }

    public static AllowanceCharge allowance(BigDecimal amount, String reasonCode, String reason) {
        return new AllowanceCharge(Kind.ALLOWANCE, amount, reasonCode, reason);
    }

    public static AllowanceCharge charge(BigDecimal amount, String reasonCode, String reason) {
        return new AllowanceCharge(Kind.CHARGE, amount, reasonCode, reason);
    }

    public boolean isCharge() {
        return kind == Kind.CHARGE;
    }

    /** The amount with its effect on the net: negative for an allowance. */
    BigDecimal signed() {
        return isCharge() ? amount : amount.negate();
    }
}
