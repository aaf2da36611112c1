package org.billrun.assist.reason;

import java.util.Arrays;
import java.util.Locale;

/** Why a client disputes an invoice (docs/assistance.md, "Dispute reasons", defines each class). */
public enum DisputeReason {
    /** the price per hour or day, a discount, the role or grade billed */
    RATE,
    /** the quantity of time: too many hours, days not worked, travel time, dates outside the engagement */
    HOURS,
    /** work not ordered, not delivered, incomplete or not accepted as specified */
    SCOPE,
    /** billed or paid twice */
    DUPLICATE,
    /** expenses against the client's travel and expense rules: limits, classes, markup, non-rebillable categories */
    EXPENSE_POLICY,
    /** proof asked for: timesheets, receipts, signed acceptance, detail the invoice lacks */
    MISSING_EVIDENCE,
    /** VAT, reverse charge, sales or withholding tax, tax ids and notes */
    TAX,
    /** anything else: addressee, PO or supplier number, payment terms, format, channel, currency, general objections */
    OTHER;

    /** The label used in the labelled set and in output: "expense_policy". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class for a label; the message lists the labels when there is none. */
    public static DisputeReason parse(String code) {
        for (DisputeReason reason : values()) {
            if (reason.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown dispute reason '" + code + "' (expected one of "
                + String.join(", ", Arrays.stream(values()).map(DisputeReason::code).toList()) + ")");
    }
}
