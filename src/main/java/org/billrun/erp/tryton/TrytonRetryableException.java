package org.billrun.erp.tryton;

/**
 * The call failed for a reason that may pass: Tryton unreachable, a time-out, an HTTP 5xx or 429, an
 * unexpected server exception (Tryton's answer to a database lock too), an unreadable answer.
 */
public final class TrytonRetryableException extends TrytonException {

    /** What became of the call on Tryton's side. */
    public enum Outcome {
        /** Tryton did not get the call, or answered that it rolled it back: nothing changed. */
        NOT_APPLIED,
        /**
         * The call may have been carried out (a time-out after sending, a 5xx from a proxy, an answer
         * that cannot be read): look the document up by its reference before sending it again.
         */
        UNKNOWN
    }

    private final Outcome outcome;

    TrytonRetryableException(String method, Outcome outcome, String message, Throwable cause) {
        super(method, "Tryton call " + method + " failed (" + outcome.name().toLowerCase().replace('_', ' ') + "): " + message,
                cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
