package org.billrun.erp.tryton;

/**
 * A call to Tryton that did not succeed. The message names the RPC method and what Tryton or the
 * network said; it never holds a password, a session key or the values sent.
 */
public abstract class TrytonException extends RuntimeException {

    private final String method;

    TrytonException(String method, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
    }

    /** The JSON-RPC method that failed, e.g. {@code model.account.invoice.post}. */
    public String method() {
        return method;
    }

    /** Whether sending the same call again later may succeed. */
    public abstract boolean retryable();
}
