package org.billrun.posting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock on an entity's posting, held on its own connection while a post job
 * for the entity runs (like the run command's lock on a period): one post process per entity at a time,
 * and the database drops the lock when the process dies, so a posting found {@code sending} under the
 * lock was left so by a process that is gone.
 */
final class PostLock implements AutoCloseable {

    private final Connection connection;
    private final String key;

    private PostLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock, or null when another process holds it. */
    static PostLock tryAcquire(DataSource dataSource, String entityId) throws SQLException {
        String key = "billrun:post:" + entityId;
        Connection connection = dataSource.getConnection();
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new PostLock(connection, key);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            st.setString(1, key);
            st.execute();
        }
    }
}
