package org.billrun.events.inbound;

import java.util.Locale;

/** What the payments recorded so far make an invoice (payment.invoice_state; also the event's type). */
public enum PaymentState {
    /** The payments add up to the invoice's gross (or more: an overpayment is also an exception for finance). */
    PAID,
    /** Some was paid, less than the gross. */
    PARTIALLY_PAID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
