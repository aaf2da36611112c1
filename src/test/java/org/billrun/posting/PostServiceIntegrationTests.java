package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.posting.ScriptedErp.Fault;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import java.util.stream.Collectors;
import org.billrun.report.RunReportQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The post job on the sample firm's straight-through invoices, against an ERP in memory with scripted faults:
 * batches with control totals, one ledger row per attempt, the state machine (retry with backoff, refused,
 * unknown outcome looked up first, duplicates for finance), re-queueing, and a post job that died resumed.
 */
@BillrunIntegrationTest
class PostServiceIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    PostingStore store;

    @Autowired
    ScriptedErp erp;

    @Autowired
    InjectedFaults faults;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    RunReportQueries runReports;

    List<String> numbers;

    long runId;

    @BeforeEach
    void approveTheSampleFirmsStraightThroughDrafts() throws Exception {
        new DatabaseState(jdbc).reset();
        erp.clear();
        faults.clear();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = outcome.runId();
        approvals.approveStraightThrough(null, Acting.as("finance"));
        numbers = jdbc.sql("SELECT final_number FROM posting ORDER BY posting_id").query(String.class).list();
        assertThat(numbers).hasSizeGreaterThan(2);
    }

    @AfterEach
    void noFaultsLeft() {
        faults.clear();
    }

    private String state(String number) {
        return jdbc.sql("SELECT state FROM posting WHERE final_number = ?").param(number).query(String.class).single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private void dueNow(String number) {
        jdbc.sql("UPDATE posting SET next_attempt_at = clock_timestamp() WHERE final_number = ?").param(number).update();
    }

    @Test
    void everyApprovedInvoiceReachesTheErpOnceInOneBatchPerEntityWithItsControlTotals() throws Exception {
        PostService.PostReport report = post.post(null, PostService.DEFAULT_LIMIT);

        List<String> entities = jdbc.sql("SELECT DISTINCT entity_id FROM posting ORDER BY 1").query(String.class).list();
        assertThat(report.batches()).extracting(PostService.BatchOutcome::entityId).containsExactlyElementsOf(entities);
        assertThat(report.batches()).allMatch(b -> b.status() == BatchStatus.COMPLETED && b.state() == BatchState.BALANCED);
        assertThat(report.failed()).isFalse();
        assertThat(count("SELECT count(*) FROM posting WHERE state = 'posted' AND erp_document_id IS NOT NULL")).isEqualTo(numbers.size());
        assertThat(erp.documents()).isEqualTo(numbers.size());
        assertThat(numbers).allMatch(n -> erp.documentsWith(n) == 1);
        assertThat(count("SELECT count(*) FROM posting_ledger WHERE status = 'posted' AND finished_at IS NOT NULL "
                + "AND request_digest IS NOT NULL AND adapter = 'scripted'")).isEqualTo(numbers.size());
        assertThat(count("""
                SELECT count(*) FROM posting_batch_total t JOIN (SELECT batch_id, currency, count(*) n, sum(gross) g FROM posting
                GROUP BY batch_id, currency) p ON p.batch_id = t.batch_id AND p.currency = t.currency
                WHERE t.control_count = p.n AND t.control_gross = p.g AND t.posted_count = p.n AND t.posted_gross = p.g""")).as(
                "control totals per batch and currency, and the same posted").isEqualTo(count("SELECT count(*) FROM posting_batch_total"));
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'posted'")).isEqualTo(numbers.size());
        assertThat(jdbc.sql("SELECT final_number FROM event_outbox WHERE run_id = ? AND type = 'posted' ORDER BY final_number").param(runId)
                .query(String.class).list()).as("one posted event per invoice, with its final number").containsExactlyElementsOf(
                        numbers.stream().sorted().toList());
        assertThat(audit.verify().intact()).isTrue();
        Map<String, Long> postedInReport = runReports.build(runId).kpis().stream().filter(k -> k.code().equals("posting_posted"))
                .collect(Collectors.toMap(k -> k.name(), k -> Long.parseLong(k.value())));
        assertThat(postedInReport.values().stream().mapToLong(Long::longValue).sum()).as("the run report's posted invoices per entity")
                .isEqualTo(numbers.size());
        assertThat(postedInReport).hasSize(entities.size());
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).batches()).as("nothing left to post").isEmpty();
        assertThat(count("SELECT count(*) FROM event_outbox WHERE run_id = ? AND type = 'posted'", runId)).as("no second event")
                .isEqualTo(numbers.size());
    }

    @Test
    void aPassingFailureBacksOffAndTheNextPostSendsItWhenDue() throws Exception {
        String first = numbers.get(0);
        erp.script(first, Fault.RETRYABLE);

        PostService.PostReport report = post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(report.failed()).isTrue();
        assertThat(state(first)).isEqualTo("failed_retryable");
        assertThat(count("SELECT count(*) FROM posting WHERE final_number = ? AND next_attempt_at > clock_timestamp() + interval '25 seconds'",
                first)).as("30 s backoff after the first attempt").isEqualTo(1);
        assertThat(report.batches()).anyMatch(b -> b.state() == BatchState.UNBALANCED);
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).batches()).as("not due yet").isEmpty();

        dueNow(first);
        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("posted");
        assertThat(jdbc.sql("SELECT status FROM posting_ledger l JOIN posting p USING (posting_id) WHERE final_number = ? ORDER BY attempt")
                .param(first).query(String.class).list()).containsExactly("retryable", "posted");
        assertThat(erp.documentsWith(first)).isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeIsLookedUpFirstAndNeverSentTwice() throws Exception {
        String first = numbers.get(0);
        erp.script(first, Fault.ACCEPTED_NO_ANSWER);
        post.post(null, PostService.DEFAULT_LIMIT);
        assertThat(state(first)).isEqualTo("failed_retryable");

        dueNow(first);
        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("posted");
        assertThat(erp.sent.stream().filter(first::equals)).as("sent once; the retry found it").hasSize(1);
        assertThat(erp.documentsWith(first)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM posting_ledger l JOIN posting p USING (posting_id) WHERE final_number = ? ORDER BY attempt")
                .param(first).query(String.class).list()).containsExactly("unknown", "found");
    }

    @Test
    void aPostingLeftSendingByADeadProcessIsLookedUpAndSentAgainOnlyIfTheErpHasNothing() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        PostingStore.Batch batch = tx.execute(s -> store.openBatch("DE01", 2, "scripted", "tester", java.time.Instant.now())).orElseThrow();
        PostingStore.Claim accepted = tx.execute(s -> store.claimNext(batch.batchId(), "scripted")).orElseThrow();
        PostingStore.Claim lost = tx.execute(s -> store.claimNext(batch.batchId(), "scripted")).orElseThrow();
        erp.plant("DE01", accepted.finalNumber(), "ERP-BEFORE-CRASH"); // the ERP took the first, then the process died

        post.post("DE01", PostService.DEFAULT_LIMIT);

        assertThat(state(accepted.finalNumber())).isEqualTo("posted");
        assertThat(jdbc.sql("SELECT erp_document_id FROM posting WHERE final_number = ?").param(accepted.finalNumber()).query(String.class)
                .single()).isEqualTo("ERP-BEFORE-CRASH");
        assertThat(erp.sent).doesNotContain(accepted.finalNumber()).contains(lost.finalNumber());
        assertThat(state(lost.finalNumber())).isEqualTo("posted");
        assertThat(erp.documentsWith(accepted.finalNumber())).isEqualTo(1);
        assertThat(erp.documentsWith(lost.finalNumber())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM posting_ledger l JOIN posting p USING (posting_id) WHERE final_number = ? ORDER BY ledger_id")
                .param(accepted.finalNumber()).query(String.class).list()).containsExactly("interrupted", "found");
    }

    @Test
    void aRefusedInvoiceGoesToFinanceIsNeverRetriedByItselfAndPostsOnceRequeued() throws Exception {
        String first = numbers.get(0);
        erp.script(first, Fault.PERMANENT);
        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("failed_permanent");
        assertThat(jdbc.sql("SELECT last_message FROM posting WHERE final_number = ?").param(first).query(String.class).single())
                .contains("422 customer");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'posting_failed' AND detail LIKE ?", "%" + first + "%")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM event_outbox WHERE run_id = ? AND type = 'posting_failed' AND final_number = ?", runId, first))
                .as("finance's failure reaches the PSA as an event").isEqualTo(1);
        jdbc.sql("UPDATE posting SET next_attempt_at = clock_timestamp() - interval '1 day'").update();
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).batches()).isEmpty();
        assertThatThrownBy(() -> post.retry(numbers.get(1))).isInstanceOf(RefusedException.class).hasMessageContaining("is posted");

        assertThat(post.retry(first)).contains("pending again");
        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("posted");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'posting_requeued'")).isEqualTo(1);
    }

    @Test
    void passingFailuresAreGivenUpAfterThePolicysAttempts() throws Exception {
        String first = numbers.get(0);
        jdbc.sql("UPDATE posting SET attempts = 7 WHERE final_number = ?").param(first).update();
        erp.script(first, Fault.RETRYABLE);

        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("failed_permanent");
        assertThat(jdbc.sql("SELECT message FROM posting_ledger l JOIN posting p USING (posting_id) WHERE final_number = ?").param(first)
                .query(String.class).single()).startsWith("given up after 8 attempts");
    }

    @Test
    void twoDocumentsWithOneReferenceInTheErpGoToFinanceToReconcile() throws Exception {
        String first = numbers.get(0);
        String entity = jdbc.sql("SELECT entity_id FROM posting WHERE final_number = ?").param(first).query(String.class).single();
        erp.plant(entity, first, "ERP-A");
        erp.plant(entity, first, "ERP-B");
        jdbc.sql("UPDATE posting SET lookup_first = true WHERE final_number = ?").param(first).update();

        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(state(first)).isEqualTo("needs_reconciliation");
        assertThat(erp.sent).doesNotContain(first);
    }

    @Test
    void twoClaimersAtOnceNeverTakeTheSamePosting() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        PostingStore.Batch batch = tx.execute(s -> store.openBatch("DE01", 100, "scripted", "tester", java.time.Instant.now())).orElseThrow();
        long size = count("SELECT count(*) FROM posting_batch_item WHERE batch_id = ?", batch.batchId());
        java.util.concurrent.CountDownLatch bothClaimed = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<Long>>> claimers = List.of(1, 2).stream().map(n -> pool.submit(() -> {
                List<Long> mine = new java.util.ArrayList<>();
                // the first claim of each stays uncommitted until both hold one: SKIP LOCKED must pass over the other's
                mine.add(tx.execute(s -> {
                    long id = store.claimNext(batch.batchId(), "scripted").orElseThrow().postingId();
                    bothClaimed.countDown();
                    try {
                        bothClaimed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return id;
                }));
                while (true) {
                    var next = tx.execute(s -> store.claimNext(batch.batchId(), "scripted"));
                    if (next.isEmpty()) {
                        return mine;
                    }
                    mine.add(next.get().postingId());
                    tx.executeWithoutResult(s -> store.record(next.get(), PostingState.POSTED, LedgerStatus.POSTED,
                            org.billrun.posting.port.ErpAnswer.posted("D" + next.get().postingId(), "posted", null, null), null, false, null));
                }
            })).toList();
            List<Long> a = claimers.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS);
            List<Long> b = claimers.get(1).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(a).doesNotContainAnyElementsOf(b);
            assertThat(a.size() + b.size()).isEqualTo((int) size);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPostJobThatDiedIsResumedOnTheSameBatchAndSendsNothingTwice() throws Exception {
        faults.failAfterTasklet("sendPostings");
        PostService.PostReport crashed = post.post("DE01", PostService.DEFAULT_LIMIT);
        assertThat(crashed.batches()).singleElement().satisfies(b -> assertThat(b.status()).isEqualTo(BatchStatus.FAILED));
        long batchId = crashed.batches().get(0).batchId();
        faults.clear();

        PostService.PostReport resumed = post.post("DE01", PostService.DEFAULT_LIMIT);

        assertThat(resumed.batches()).singleElement().satisfies(b -> {
            assertThat(b.batchId()).isEqualTo(batchId);
            assertThat(b.resumed()).isTrue();
            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(b.state()).isEqualTo(BatchState.BALANCED);
        });
        List<String> de01 = jdbc.sql("SELECT final_number FROM posting WHERE entity_id = 'DE01'").query(String.class).list();
        assertThat(de01).allMatch(n -> erp.documentsWith(n) == 1);
        assertThat(erp.sent).doesNotHaveDuplicates().hasSize(de01.size());
        assertThat(count("SELECT count(DISTINCT job_instance_id) FROM batch_job_instance WHERE job_name = 'post'")).isEqualTo(1);
        assertThat(Map.of("posted", count("SELECT count(*) FROM posting WHERE entity_id = 'DE01' AND state = 'posted'")))
                .containsEntry("posted", (long) de01.size());
    }

    @Test
    void reconcileFindsWhatIsMissingDuplicatedDifferentOrUnknownInTheErp() throws Exception {
        post.post(null, PostService.DEFAULT_LIMIT);
        assertThat(post.reconcile(null)).as("all posted: they agree").isEmpty();
        String entity = jdbc.sql("SELECT entity_id FROM posting WHERE final_number = ?").param(numbers.get(0)).query(String.class).single();
        String currency = jdbc.sql("SELECT currency FROM posting WHERE final_number = ?").param(numbers.get(2)).query(String.class).single();
        erp.forget(numbers.get(0));
        erp.plant(jdbc.sql("SELECT entity_id FROM posting WHERE final_number = ?").param(numbers.get(1)).query(String.class).single(),
                numbers.get(1), "ERP-TWICE");
        erp.plant(jdbc.sql("SELECT entity_id FROM posting WHERE final_number = ?").param(numbers.get(2)).query(String.class).single(),
                numbers.get(2), "ERP-ODD", currency, new java.math.BigDecimal("0.01"));
        erp.plant(entity, "NWXX-2026-000999", "ERP-STRAY");

        List<PostService.Difference> differences = post.reconcile(null);

        assertThat(differences).extracting(d -> d.reference() + " " + d.kind()).contains(numbers.get(0) + " MISSING",
                numbers.get(1) + " DUPLICATED", numbers.get(2) + " DUPLICATED", numbers.get(2) + " DIFFERENT_GROSS",
                "NWXX-2026-000999 NOT_IN_LEDGER");
        assertThat(post.reconcile(entity)).allMatch(d -> d.entityId().equals(entity));
    }

    @Test
    void statusAndBatchTotalsShowPostedPendingAndFailedPerEntityAndCurrency() throws Exception {
        String first = numbers.get(0);
        erp.script(first, Fault.PERMANENT);
        post.post(null, PostService.DEFAULT_LIMIT);
        PostingQueries queries = new PostingQueries(jdbc, audit, java.time.Clock.systemUTC());

        List<PostingQueries.EntityStatus> status = queries.byEntity();
        assertThat(status).allMatch(s -> s.approved() == s.posted() + s.waiting() + s.failing() && s.latencyMedian() != null);
        assertThat(status.stream().mapToLong(PostingQueries.EntityStatus::failing).sum()).isEqualTo(1);
        assertThat(status).anyMatch(s -> s.failureRatePct().signum() > 0);
        List<PostingQueries.BatchTotal> batches = queries.batches(null);
        assertThat(batches.stream().mapToLong(PostingQueries.BatchTotal::controlCount).sum()).isEqualTo(numbers.size());
        assertThat(batches.stream().mapToLong(PostingQueries.BatchTotal::postedCount).sum()).isEqualTo(numbers.size() - 1);
        assertThat(batches.stream().mapToLong(PostingQueries.BatchTotal::failedCount).sum()).isEqualTo(1);
        assertThat(queries.postings(PostingState.FAILED_PERMANENT, null)).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("422"));
        assertThat(queries.attempts(null)).hasSize(numbers.size());
    }
}
