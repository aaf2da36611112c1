package org.billrun.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Opens read-only connections to a run's source database. The user and password come from the
 * environment variables {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} only: never from the
 * run definition or the command line, where other users and logs could read them.
 */
@Component
public class SourceConnections {

    public static final String USER_VARIABLE = "BILLRUN_SOURCE_USER";
    public static final String PASSWORD_VARIABLE = "BILLRUN_SOURCE_PASSWORD";

    private final Map<String, String> environment;

    @Autowired
    SourceConnections() {
        this(System.getenv());
    }

    /** @param environment the process environment, or what a test stands in for it */
    SourceConnections(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * A connection in a read-only REPEATABLE READ transaction (autocommit off: PostgreSQL's driver
     * streams a result set through a server-side cursor only inside a transaction).
     */
    Connection open(String url) {
        Properties properties = new Properties();
        String user = environment.get(USER_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "billrun");
        try {
            Connection connection = DriverManager.getConnection(url, properties);
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SourceFailures.translate(e, "cannot connect to the source database " + url);
        }
    }
}
