package org.billrun.erp.tryton;

/**
 * Tryton stopped the call with a warning that a user may accept (in Tryton's client, a dialog), for
 * example a payment term that falls due before today. Accepting it is a decision; see
 * {@link TrytonInvoices#post(long, PastDueDates)}. The call was rolled back.
 */
public final class TrytonWarningException extends TrytonPermanentException {

    private final String warningName;

    TrytonWarningException(String method, String warningName, String trytonMessage) {
        super(method, trytonMessage);
        this.warningName = warningName;
    }

    /** Tryton's key for the warning, e.g. {@code invoice_payment_term_12}. */
    public String warningName() {
        return warningName;
    }
}
