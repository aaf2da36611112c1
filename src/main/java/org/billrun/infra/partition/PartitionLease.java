package org.billrun.infra.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Proof that a partition's worker is alive: a PostgreSQL session advisory lock on the partition's step
 * execution, held on a connection of its own while the worker runs the partition. PostgreSQL drops it
 * when that session ends, so a worker killed with kill -9 (or whose machine is gone, once TCP keepalive
 * notices) stops holding it, and the manager can tell a lost partition from a slow one without a
 * heartbeat table. The two-key form keeps these locks apart from the run and posting locks
 * (pg_advisory_lock(bigint)).
 */
final class PartitionLease implements AutoCloseable {

    /** "bill" in ASCII: the first key of every partition lease. */
    static final int NAMESPACE = 0x62696c6c;

    private final Connection connection;
    private final long stepExecutionId;

    private PartitionLease(Connection connection, long stepExecutionId) {
        this.connection = connection;
        this.stepExecutionId = stepExecutionId;
    }

    /** Waits for the lease (a manager holds it only for a moment while it gives the partition up). */
    static PartitionLease take(DataSource dataSource, long stepExecutionId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            execute(connection, "SELECT pg_advisory_lock(?, ?)", stepExecutionId);
            return new PartitionLease(connection, stepExecutionId);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The lease if nobody holds it, else empty: a live worker runs the partition. */
    static Optional<PartitionLease> tryTake(DataSource dataSource, long stepExecutionId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (execute(connection, "SELECT pg_try_advisory_lock(?, ?)", stepExecutionId)) {
                return Optional.of(new PartitionLease(connection, stepExecutionId));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            execute(connection, "SELECT pg_advisory_unlock(?, ?)", stepExecutionId);
        }
    }

    /** The function's boolean answer; pg_advisory_lock answers void, read as false. */
    private static boolean execute(Connection connection, String sql, long stepExecutionId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setInt(1, NAMESPACE);
            // step execution ids are a bigint sequence; the low 32 bits are unique among the partitions of a run
            st.setInt(2, (int) stepExecutionId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return "bool".equals(rs.getMetaData().getColumnTypeName(1)) && rs.getBoolean(1);
            }
        }
    }
}
