package org.billrun.events.inbound;

/**
 * One row of an imported file as read, before it is matched: every field as text (trimmed, null when empty),
 * where it was ({@code where}: "line 7" or "record 3") and the key that makes a re-import idempotent.
 */
record InboundRow(String importKey, String where, Integer line, String kindText, String id, String invoice, String amount,
        String currency, String date, String reference, String reason) {

    InboundRow withImportKey(String key) {
        return new InboundRow(key, where, line, kindText, id, invoice, amount, currency, date, reference, reason);
    }

    /** The same content: a row repeated in a file (or re-imported) is a duplicate, not a second payment. */
    boolean sameContentAs(InboundRow other) {
        return java.util.Objects.equals(kindText, other.kindText) && java.util.Objects.equals(invoice, other.invoice)
                && java.util.Objects.equals(amount, other.amount) && java.util.Objects.equals(currency, other.currency)
                && java.util.Objects.equals(date, other.date);
    }
}
