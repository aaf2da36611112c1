package org.billrun.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session advisory lock held on a connection of its own while the work it guards runs: one process at a
 * time per key, and the database drops the lock when the process dies, so work found unfinished under the lock was
 * left so by a process that is gone.
 *
 * <ul>
 * <li>{@link #period}: a billing run of a period. It tells a crashed run (execution still marked STARTED, nobody holding
 * the lock) from a run another process is executing right now. The lock is the period's, whatever the run's scope:
 * every run ingests the period's files and validates all its records into one exception per record and rule, so two
 * runs of one period at once (say one for DE01 and one for all) would settle each other's exceptions. billrun purge
 * takes the same key for its transaction, to leave a period being run alone.</li>
 * <li>{@link #posting}: the post job of a legal entity; a posting found {@code sending} under the lock was left so by
 * a post process that is gone.</li>
 * </ul>
 */
public final class AdvisoryLock implements AutoCloseable {

    private final Connection connection;
    private final String key;

    private AdvisoryLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /** The key of a period's runs: {@code billrun:2026-10}. */
    public static String periodKey(String period) {
        return "billrun:" + period;
    }

    /** The key of an entity's posting: {@code billrun:post:DE01}. */
    public static String postingKey(String entityId) {
        return "billrun:post:" + entityId;
    }

    /** The lock on a period's runs, or null when another process holds it. */
    public static AdvisoryLock period(DataSource dataSource, String period) throws SQLException {
        return tryAcquire(dataSource, periodKey(period));
    }

    /** The lock on an entity's posting, or null when another process holds it. */
    public static AdvisoryLock posting(DataSource dataSource, String entityId) throws SQLException {
        return tryAcquire(dataSource, postingKey(entityId));
    }

    private static AdvisoryLock tryAcquire(DataSource dataSource, String key) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new AdvisoryLock(connection, key);
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
     * Whether the lock's database session is still there, and with it the lock (a session advisory lock ends only with an
     * unlock or with its session): one round trip on the lock's own connection. False once the connection was lost or the
     * server terminated the session (pg_terminate_backend, a failover): the lock is gone and another process may take it.
     */
    public boolean held() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Releases the lock. When the lock's session already ended (the connection was lost, or the server terminated it),
     * the server released the lock with the session: nothing is left to release, and the guarded work's own outcome stands.
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
                LoggerFactory.getLogger(AdvisoryLock.class).warn("The lock's database session ({}) ended before it was released ({});"
                        + " the database released the lock with the session", key, e.getMessage());
            }
        }
    }
}
