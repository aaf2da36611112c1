package org.billrun.cli;

/** A command the CLI itself finds it cannot carry out as given: a missing or conflicting option, a run that is not there (exit 2). */
class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
