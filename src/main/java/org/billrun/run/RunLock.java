package org.billrun.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session advisory lock on a period, held on its own connection while a run of it
 * executes. It tells a crashed run (execution still marked STARTED, nobody holding the lock) from a
 * run another process is executing right now; the database drops the lock if the process dies. The
 * lock is the period's, whatever the run's scope: every run ingests the period's files and validates
 * all its records into one exception per record and rule, so two runs of one period at once (say one
 * for DE01 and one for all) would settle each other's exceptions.
 */
final class RunLock implements AutoCloseable {

    private final Connection connection;
    private final String key;

    private RunLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    static RunLock tryAcquire(DataSource dataSource, String period) throws SQLException {
        String key = "billrun:" + period;
        Connection connection = dataSource.getConnection();
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new RunLock(connection, key);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    /**
     * Releases the lock. When the lock's session already ended (the connection was lost, or the server terminated it),
     * the server released the lock with the session: nothing is left to release, and the run's own outcome stands.
     */
    @Override
    public void close() throws SQLException {
        try (connection) {
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                st.setString(1, key);
                st.execute();
            } catch (SQLException e) {
                if (connection.isValid(1)) {
                    throw e;
                }
                LoggerFactory.getLogger(RunLock.class).warn("The run lock's database session ended before the run released it ({});"
                        + " the database released the lock with the session", e.getMessage());
            }
        }
    }
}
