package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import javax.sql.DataSource;
import org.billrun.support.BillrunIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The advisory locks of the run command (per period) and of the post job (per entity), each on a connection of its own. */
@BillrunIntegrationTest
class AdvisoryLockIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oneHolderOfAKeyAtATimeUntilItCloses() throws Exception {
        try (AdvisoryLock first = AdvisoryLock.period(dataSource, "2031-01")) {
            assertThat(first).isNotNull();
            assertThat(AdvisoryLock.period(dataSource, "2031-01")).as("another session asks for the same period").isNull();
            try (AdvisoryLock other = AdvisoryLock.period(dataSource, "2031-02")) {
                assertThat(other).as("another period").isNotNull();
            }
        }
        try (AdvisoryLock again = AdvisoryLock.period(dataSource, "2031-01")) {
            assertThat(again).as("released on close").isNotNull();
        }
    }

    @Test
    void aPeriodAndAnEntitysPostingOfTheSameNameAreDifferentLocks() throws Exception {
        try (AdvisoryLock posting = AdvisoryLock.posting(dataSource, "2031-03")) {
            assertThat(posting).isNotNull();
            assertThat(AdvisoryLock.posting(dataSource, "2031-03")).isNull();
            try (AdvisoryLock period = AdvisoryLock.period(dataSource, "2031-03")) {
                assertThat(period).isNotNull();
            }
        }
        assertThat(AdvisoryLock.periodKey("2026-10")).isEqualTo("billrun:2026-10");
        assertThat(AdvisoryLock.postingKey("DE01")).isEqualTo("billrun:post:DE01");
    }

    @Test
    void theDatabaseDropsTheLockWithTheSessionThatHeldIt() throws Exception {
        AdvisoryLock held = AdvisoryLock.posting(dataSource, "XX99");
        assertThat(held).isNotNull();
        long key = jdbc.sql("SELECT hashtext(?)::bigint").param(AdvisoryLock.postingKey("XX99")).query(Long.class).single();
        int terminated = jdbc.sql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND classid = ((? >> 32) & 4294967295)::oid AND objid = (? & 4294967295)::oid""")
                .params(key, key).query(Integer.class).single();
        assertThat(terminated).as("the holding session, as when its process dies").isEqualTo(1);
        // pg_terminate_backend only signals the backend: wait until it has ended and its lock is gone
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND classid = ((? >> 32) & 4294967295)::oid AND objid = (? & 4294967295)::oid""")
                .params(key, key).query(Integer.class).single() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        try (AdvisoryLock next = AdvisoryLock.posting(dataSource, "XX99")) {
            assertThat(next).isNotNull();
        }
        assertThat(catchThrowable(held::close)).as("its session is gone: close logs that and does not throw").isNull();
    }
}
