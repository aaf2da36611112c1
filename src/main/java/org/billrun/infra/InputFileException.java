package org.billrun.infra;

/**
 * An input problem that stops the run before any row is read: a missing file, a missing required
 * column, a file that changed under a restart. The message is meant for the person at the terminal.
 */
public class InputFileException extends RuntimeException {
    public InputFileException(String message) {
        super(message);
    }
}
