package org.billrun.posting;

/** Another billrun process is posting the entity's invoices right now (exit 7, like a busy run). */
public class PostBusyException extends RuntimeException {
    public PostBusyException(String message) {
        super(message);
    }
}
