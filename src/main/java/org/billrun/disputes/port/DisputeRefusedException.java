package org.billrun.disputes.port;

/**
 * A dispute action that cannot be done as asked: an unknown invoice or dispute, a line the invoice does
 * not have, an empty reason, a dispute already resolved. The message says which and what to do.
 */
public class DisputeRefusedException extends IllegalArgumentException {

    public DisputeRefusedException(String message) {
        super(message);
    }
}
