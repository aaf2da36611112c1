package org.billrun.erp.tryton;

/**
 * Tryton refused the call: a user error (missing or invalid value, a record that cannot change), a
 * refused login, a method or database that does not exist. Sending it again changes nothing; a person
 * has to act on {@link #trytonMessage()}. Tryton rolled the call's transaction back.
 */
public class TrytonPermanentException extends TrytonException {

    private final String trytonMessage;

    TrytonPermanentException(String method, String trytonMessage) {
        super(method, "Tryton refused " + method + ": " + trytonMessage, null);
        this.trytonMessage = trytonMessage;
    }

    /** What Tryton said, for finance to read (e.g. "A value is required for field ..."). */
    public String trytonMessage() {
        return trytonMessage;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
