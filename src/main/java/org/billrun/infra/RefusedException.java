package org.billrun.infra;

/**
 * A request the engine refuses as asked, with a message for the person who asked: a run, draft or
 * exception that does not exist, an action its state does not allow, a run definition it cannot use.
 * The CLI reports it as bad usage (exit 2). Anything else that escapes, any other
 * IllegalArgumentException included, is a bug (exit 1). It stays an IllegalArgumentException, which is
 * what it is and what callers of the engine have caught so far.
 */
public class RefusedException extends IllegalArgumentException {
    public RefusedException(String message) {
        super(message);
    }
}
