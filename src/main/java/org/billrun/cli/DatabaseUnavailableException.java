package org.billrun.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import org.billrun.infra.DatabaseSettings;
import org.flywaydb.core.api.FlywayException;

/** The database cannot be used: unreachable, login refused, or schema migration failed. */
class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Finds a database problem in a failed startup and says it in one line, or empty when it is
     * something else. Connection problems first: Flyway wraps them in its own exception.
     */
    static Optional<DatabaseUnavailableException> translate(Throwable failure, DatabaseSettings db) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Optional.of(new DatabaseUnavailableException(
                        "cannot connect to the database at " + db.describe() + ": " + firstLine(t.getMessage()), failure));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                String what = state.startsWith("08") ? "cannot connect to the database at "
                        : state.startsWith("28") ? "the database refused the login at "
                        : state.equals("3D000") ? "there is no such database at " : null;
                if (what != null) {
                    return Optional.of(new DatabaseUnavailableException(what + db.describe() + ": " + firstLine(sql.getMessage()), failure));
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FlywayException) {
                return Optional.of(new DatabaseUnavailableException(
                        "cannot migrate the database schema at " + db.describe() + ": " + firstLine(t.getMessage()), failure));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
