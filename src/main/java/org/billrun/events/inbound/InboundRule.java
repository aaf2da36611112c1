package org.billrun.events.inbound;

import java.util.Locale;

/** Why an imported row needs finance (inbound_exception.rule_code); `billrun exceptions` shows it as IMPORT_UNKNOWN_INVOICE, ... */
public enum InboundRule {
    /** No invoice has the final number the row names. */
    UNKNOWN_INVOICE,
    /** The row's currency is not the invoice's: billrun converts nothing, finance books it. */
    CURRENCY_MISMATCH,
    /** The amount is missing, not a number, zero or negative, ambiguous (1,234) or finer than the currency's minor unit. */
    BAD_AMOUNT,
    /** The date is missing or not a date (YYYY-MM-DD). */
    BAD_DATE,
    /** The row cannot be read at all: no kind, no invoice number, an unknown kind, a broken CSV or JSON record. */
    BAD_ROW,
    /** A second row with the same id but other content (in the file or against what an earlier import recorded). */
    CONFLICTING_DUPLICATE,
    /** The payments now exceed the invoice's gross; the payment is recorded, the difference is finance's to settle. */
    OVERPAID,
    /** A dispute notice matched an invoice but the dispute service refused it (no reason given, ...) or was not there. */
    DISPUTE_NOT_RECORDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule code `billrun exceptions` shows: IMPORT_UNKNOWN_INVOICE, ... */
    public String code() {
        return "IMPORT_" + name();
    }

    public static InboundRule of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
