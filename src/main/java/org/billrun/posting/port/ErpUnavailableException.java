package org.billrun.posting.port;

/** The ERP could not be asked (down, unreachable, time-out): the caller tries again later. */
public class ErpUnavailableException extends RuntimeException {

    public ErpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
