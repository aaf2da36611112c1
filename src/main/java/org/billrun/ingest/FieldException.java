package org.billrun.ingest;

/** A value that does not fit its column; the message says what was expected. */
public final class FieldException extends Exception {
    public FieldException(String message) {
        super(message, null, false, false);
    }
}
