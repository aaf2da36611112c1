package org.billrun.infra;

/** The message a user gets for a failure: its root cause's, first line only (a driver's message may quote a whole query). */
public final class RootCause {

    private RootCause() {}

    /** The first line of the innermost cause's message (its class's simple name when it has none). */
    public static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip());
    }

    /** The first line of {@code message}. */
    public static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
