package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.approval.port.ApprovedVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Final numbers on the sample firm: given in the approval's transaction, gapless and strictly increasing
 * per entity and year, never twice, and given back by a rollback.
 */
@BillrunIntegrationTest
class FinalNumberIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostingQueries postings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void runTheSampleFirm() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.openReviews();
    }

    /** Versions of one entity, as approval would hand them over. */
    private List<ApprovedVersion> versionsOf(String entityId) {
        return jdbc.sql("""
                SELECT version_id, run_id, draft_id, version_no, entity_id, currency, net, tax, gross FROM invoice_version
                WHERE entity_id = ? ORDER BY version_id""").param(entityId)
                .query((rs, i) -> new ApprovedVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)))
                .list();
    }

    private List<Long> sequences(String entityId) {
        return jdbc.sql("SELECT seq FROM posting WHERE entity_id = ? ORDER BY posting_id").param(entityId).query(Long.class).list();
    }

    @Test
    void straightThroughApprovalNumbersEachEntitysInvoicesOneAfterAnotherWithThePrefixAndYear() {
        List<ApprovalService.Outcome> released = approvals.approveStraightThrough(null, Acting.as("finance"));

        assertThat(released).isNotEmpty();
        List<String> entities = jdbc.sql("SELECT DISTINCT entity_id FROM posting ORDER BY 1").query(String.class).list();
        assertThat(entities).isNotEmpty();
        for (String entity : entities) {
            List<Long> seqs = sequences(entity);
            assertThat(seqs).as("gapless from 1, strictly increasing in approval order, for %s", entity)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM posting p JOIN current_entity e ON e.entity_id = p.entity_id
                WHERE p.state = 'pending' AND p.final_number = e.invoice_prefix || '-' || p.fiscal_year || '-' || lpad(p.seq::text, 6, '0')
                  AND p.fiscal_year = extract(year FROM p.issue_date)""").query(Long.class).single())
                .as("every posting is pending under PREFIX-YYYY-NNNNNN").isEqualTo((long) released.size());
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_version v WHERE state = 'approved' AND NOT EXISTS "
                + "(SELECT 1 FROM posting p WHERE p.version_id = v.version_id)").query(Long.class).single())
                .as("no approved version without its posting row").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'numbered'").query(Long.class).single())
                .isEqualTo((long) released.size());
        assertThat(released).allMatch(o -> o.message().contains(" as " + postings.finalNumber(
                jdbc.sql("SELECT version_id FROM invoice_version WHERE draft_id = ? AND version_no = ?").params(o.draftId(), o.versionNo())
                        .query(Long.class).single()).orElseThrow()));
    }

    @Test
    void aRolledBackApprovalGivesItsNumberBack() {
        List<ApprovedVersion> versions = versionsOf("DE01");
        TransactionTemplate tx = new TransactionTemplate(transactions);

        tx.executeWithoutResult(status -> {
            postings.enqueue(versions.get(0), "tester");
            status.setRollbackOnly();
        });
        String kept = tx.execute(status -> postings.enqueue(versions.get(1), "tester").finalNumber());

        assertThat(kept).endsWith("-000001");
        assertThat(sequences("DE01")).containsExactly(1L);
    }

    @Test
    void twoApproversAtOnceNeverGetTheSameNumber() throws Exception {
        List<ApprovedVersion> versions = versionsOf("DE01");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstNumbered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> tx.execute(status -> {
                String number = postings.enqueue(versions.get(0), "first").finalNumber();
                firstNumbered.countDown();
                await(release);
                return number;
            }));
            assertThat(firstNumbered.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> second = pool.submit(() -> tx.execute(status -> postings.enqueue(versions.get(1), "second").finalNumber()));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second approver waits for the first's counter row").isFalse();
            release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).endsWith("-000001");
            assertThat(second.get(30, TimeUnit.SECONDS)).endsWith("-000002");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(sequences("DE01")).containsExactly(1L, 2L);
    }

    @Test
    void manyConcurrentApprovalsOfOneEntityGetDistinctGaplessNumbers() throws Exception {
        List<ApprovedVersion> versions = versionsOf("DE01");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> numbers = versions.stream()
                    .map(v -> pool.submit(() -> tx.execute(status -> postings.enqueue(v, "tester").finalNumber()))).toList();
            for (Future<String> n : numbers) {
                n.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT seq FROM posting WHERE entity_id = 'DE01' ORDER BY seq").query(Long.class).list())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, versions.size()).boxed().toList());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
