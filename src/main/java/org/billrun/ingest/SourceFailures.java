package org.billrun.ingest;

import java.sql.SQLException;
import org.billrun.infra.InputFileException;

/**
 * Turns an error of the source database into what the run does about it. A login refused, a
 * database or table that does not exist, a query with a syntax error or one that fails on the data
 * will fail the same way on a retry: they stop the run as bad input (exit 3), with the database's
 * own message. Anything else (the server unreachable, the connection lost) may pass: the run fails
 * and is restartable (exit 5).
 */
final class SourceFailures {

    private SourceFailures() {}

    static RuntimeException translate(SQLException e, String what) {
        String message = what + ": " + firstLine(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (isFixedOnlyByAPerson(state)) {
            return new InputFileException(message);
        }
        return new IllegalStateException(message, e);
    }

    /**
     * SQLSTATE classes: 28 invalid authorization, 3D invalid catalog (no such database), 42 syntax
     * error or access rule violation (unknown table or column, permission denied), 22 data exception
     * (a cast or a division that fails on a row), 0A feature not supported.
     */
    static boolean isFixedOnlyByAPerson(String sqlState) {
        return sqlState.startsWith("28") || sqlState.startsWith("3D") || sqlState.startsWith("42")
                || sqlState.startsWith("22") || sqlState.startsWith("0A");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
