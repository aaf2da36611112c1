package org.billrun.infra.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Optional;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The lease that tells a manager whether a partition's worker lives, on a real PostgreSQL: held while a
 * worker has it, free once the worker lets it go, and free once the worker's session is gone without
 * letting go (what kill -9 does), which is how a manager finds a lost partition.
 */
class PartitionLeaseIntegrationTests {

    private final DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", "");

    @Test
    void aManagerCannotTakeTheLeaseOfAPartitionAWorkerRuns() throws Exception {
        try (PartitionLease worker = PartitionLease.take(database, 41)) {
            assertThat(PartitionLease.tryTake(database, 41)).isEmpty();
            try (PartitionLease other = PartitionLease.tryTake(database, 42).orElseThrow()) {
                assertThat(other).as("another partition's lease is its own").isNotNull();
            }
        }
        Optional<PartitionLease> afterTheWorker = PartitionLease.tryTake(database, 41);
        assertThat(afterTheWorker).isPresent();
        afterTheWorker.get().close();
    }

    @Test
    void theLeaseOfAWorkerWhoseSessionEndedIsFree() throws Exception {
        Connection session = database.getConnection();
        PartitionLease.take(new SingleConnectionDataSource(session, true), 43);
        assertThat(PartitionLease.tryTake(database, 43)).as("the worker still lives").isEmpty();

        session.close(); // the process dies: its connection ends without unlocking

        Optional<PartitionLease> found = Optional.empty();
        for (int i = 0; i < 50 && found.isEmpty(); i++) {
            found = PartitionLease.tryTake(database, 43);
            Thread.sleep(20);
        }
        assertThat(found).as("PostgreSQL let the lease go with the session").isPresent();
        found.get().close();
    }

    @Test
    void partitionLeasesAreApartFromTheRunAndPostingLocks() throws Exception {
        try (Connection runLock = database.getConnection(); var st = runLock.createStatement()) {
            // RunLock and PostLock take pg_advisory_lock(bigint); a lease is the two-key form
            st.execute("SELECT pg_advisory_lock(" + (((long) PartitionLease.NAMESPACE << 32) | 44) + ")");
            try (PartitionLease lease = PartitionLease.tryTake(database, 44).orElseThrow()) {
                assertThat(lease).isNotNull();
            }
        }
    }
}
