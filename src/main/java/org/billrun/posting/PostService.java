package org.billrun.posting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.infra.AdvisoryLock;
import org.billrun.infra.LeftUnknown;
import org.billrun.infra.RefusedException;
import org.billrun.infra.RootCause;
import org.billrun.infra.RunFailure;
import org.billrun.infra.Termination;
import org.billrun.posting.PostingStore.Batch;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code billrun post}: per entity, under the entity's post lock, resumes the batch a dead or stopped post
 * process left open, or opens a batch of the postings due now (control totals recorded first) and runs
 * the post job on it. {@code billrun post --retry} re-queues a failed posting.
 */
@Service
public class PostService {

    private static final Logger log = LoggerFactory.getLogger(PostService.class);

    /** Default of --limit: postings per batch. */
    public static final int DEFAULT_LIMIT = 10_000;

    /** One batch's outcome: its job's status and how its postings stand now. */
    public record BatchOutcome(String entityId, long batchId, String batchRef, boolean resumed, BatchStatus status, BatchState state,
            Map<PostingState, Long> postings, String stoppedBecause) {

        public long count(PostingState s) {
            return postings.getOrDefault(s, 0L);
        }
    }

    /**
     * What a post call did: the batches it ran, the entities another process was posting; whether SIGTERM stopped it
     * (the invoice in flight was finished, the batch stays open for the next post), and why a batch's job failed (it lost
     * the database session of the entity's post lock, or the database failed it), null when none did.
     */
    public record PostReport(List<BatchOutcome> batches, List<String> busy, boolean stopped, String stoppedBecause) {

        public PostReport(List<BatchOutcome> batches, List<String> busy) {
            this(batches, busy, false, null);
        }

        /** A posting of these batches that failed, or a batch whose job did not complete. */
        public boolean failed() {
            return batches.stream().anyMatch(b -> b.status() != BatchStatus.COMPLETED || b.postings().entrySet().stream()
                    .anyMatch(e -> e.getKey().failing() && e.getValue() > 0));
        }
    }

    private final PostingStore store;
    private final PostLocks locks;
    private final PostingQueries queries;
    private final ErpAdapter adapter;
    private final Poster poster;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job postJob;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LeftUnknown leftUnknown;

    PostService(PostingStore store, PostLocks locks, PostingQueries queries, ErpAdapter adapter, Poster poster, JobOperator jobOperator,
            JobRepository jobRepository, Job postJob, DataSource dataSource, JdbcClient jdbc, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock, LeftUnknown leftUnknown) {
        this.store = store;
        this.locks = locks;
        this.queries = queries;
        this.adapter = adapter;
        this.poster = poster;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.postJob = postJob;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.leftUnknown = leftUnknown;
    }

    /** The configured adapter's name ("file", "rest", "tryton"). */
    public String adapterName() {
        return poster.adapterName();
    }

    /**
     * Posts the due postings of {@code entityId} (null: of every entity with postings due), at most
     * {@code limit} per entity. A named entity another process is posting is refused ({@link PostBusyException});
     * with every entity, a busy one is skipped and listed. SIGTERM ({@link Termination}) stops the call after the invoice
     * in flight, and so does losing the lock's database session (checked before each invoice): no further entity is posted.
     */
    public PostReport post(String entityId, int limit) throws Exception {
        if (limit < 1) {
            throw new RefusedException("--limit must be at least 1, not " + limit);
        }
        List<String> entities = entityId != null ? List.of(entityId) : store.entitiesDue(clock.instant());
        List<BatchOutcome> outcomes = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        for (String entity : entities) {
            if (Termination.requested()) {
                return new PostReport(outcomes, busy, true, null);
            }
            try (AdvisoryLock lock = AdvisoryLock.posting(dataSource, entity)) {
                if (lock == null) {
                    if (entityId != null) {
                        throw new PostBusyException("another billrun process is posting " + entity + " right now; wait for it");
                    }
                    busy.add(entity);
                    continue;
                }
                locks.hold(entity, lock);
                try {
                    Optional<BatchOutcome> outcome = postEntity(entity, limit);
                    outcome.ifPresent(outcomes::add);
                    String why = outcome.map(o -> o.stoppedBecause()).orElse(null);
                    if (why != null) {
                        log.warn("Posting stopped: {}", why);
                        return new PostReport(outcomes, busy, false, why);
                    }
                    if (outcome.isPresent() && outcome.get().status() == BatchStatus.STOPPED) {
                        return new PostReport(outcomes, busy, true, null);
                    }
                } finally {
                    locks.release(entity);
                }
            }
        }
        return new PostReport(outcomes, busy, Termination.requested(), null);
    }

    private Optional<BatchOutcome> postEntity(String entity, int limit) throws Exception {
        Integer interrupted = tx.execute(s -> store.recoverInterrupted(entity));
        if (interrupted != null && interrupted > 0) {
            log.warn("{} posting(s) of {} were left sending by a post process that died; each is looked up in the ERP before it is sent again",
                    interrupted, entity);
        }
        Optional<Batch> open = store.openBatch(entity);
        boolean resumed = open.isPresent();
        Optional<Batch> batch = open.isPresent() ? open
                : tx.execute(s -> store.openBatch(entity, limit, poster.adapterName(), audit.actor(), clock.instant()));
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Batch b = batch.get();
        JobParameters parameters = new JobParametersBuilder().addLong(PostJobConfiguration.BATCH, b.batchId()).toJobParameters();
        JobInstance instance = jobRepository.getJobInstance(PostJobConfiguration.JOB_NAME, parameters);
        JobExecution execution;
        if (instance == null) {
            execution = jobOperator.start(postJob, parameters);
        } else {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last.getStatus().isRunning()) {
                // we hold the entity's lock, so nobody runs it: the process that did is gone
                log.warn("Posting batch {} was left {} by a process that stopped without finishing; recovering it", b.batchRef(),
                        last.getStatus());
                last = jobOperator.recover(last);
            }
            if (leftUnknown.in(last)) {
                // JobOperator.recover leaves an UNKNOWN job as it is, and its restart would be refused for good
                log.warn("Posting batch {} was left UNKNOWN by a lost database connection; recovering it", b.batchRef());
                last = leftUnknown.fail(last);
            }
            log.info("Resuming posting batch {} (its last attempt ended {})", b.batchRef(), last.getStatus());
            execution = jobOperator.restart(last);
        }
        Batch after = store.batch(b.batchId());
        return Optional.of(new BatchOutcome(entity, b.batchId(), b.batchRef(), resumed, execution.getStatus(), after.state(),
                store.states(b.batchId()), stoppedBecause(execution)));
    }

    /**
     * Why a post job that did not end (COMPLETED, or STOPPED on SIGTERM) stopped, in one line: the lost lock, else the
     * first fault's root cause (a database fault, say); null when it ended. A job whose failure could not be recorded on a
     * dead connection ends UNKNOWN, not FAILED, and stops the call all the same.
     */
    private static String stoppedBecause(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.STOPPED || failures.isEmpty()) {
            return null;
        }
        return failures.stream().flatMap(PostService::causes).filter(PostLockLostException.class::isInstance).map(Throwable::getMessage)
                .findFirst().orElseGet(() -> "the post job failed: " + RootCause.firstLine(RunFailure.of(execution).orElse(failures.get(0))));
    }

    private static java.util.stream.Stream<Throwable> causes(Throwable t) {
        return java.util.stream.Stream.iterate(t, c -> c != null, Throwable::getCause);
    }

    /**
     * Re-queues a posting that failed (by posting id or final number), once its cause is fixed: pending now,
     * the policy's attempts counted afresh; a posting whose outcome was unknown is still looked up first.
     */
    public String retry(String idOrNumber) {
        return tx.execute(s -> {
            record Row(long postingId, String finalNumber, String state, long runId) {}
            Row row = jdbc.sql("SELECT posting_id, final_number, state, run_id FROM posting WHERE final_number = ? OR posting_id::text = ? "
                    + "FOR UPDATE").params(idOrNumber, idOrNumber)
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).optional()
                    .orElseThrow(() -> new RefusedException("no posting " + idOrNumber + " (billrun postings lists them)"));
            PostingState state = PostingState.of(row.state());
            if (!state.failing()) {
                throw new RefusedException(row.finalNumber() + " is " + state.label() + "; only a failed posting is re-queued");
            }
            jdbc.sql("""
                    UPDATE posting SET state = 'pending', retry_from = attempts, next_attempt_at = clock_timestamp(),
                           lookup_first = lookup_first OR state = 'needs_reconciliation', updated_at = clock_timestamp()
                    WHERE posting_id = ?""").param(row.postingId()).update();
            audit.append(List.of(audit.entry(AuditAction.POSTING_REQUEUED, "posting", row.postingId(), row.runId(),
                    row.finalNumber() + " re-queued from " + state.label() + " by " + audit.actor())));
            return row.finalNumber() + " was " + state.label() + "; it is pending again and goes with the next billrun post";
        });
    }

    /** A difference between the ledger and the ERP, found by `billrun reconcile`. */
    public record Difference(String entityId, String reference, Kind kind, String detail) {

        public enum Kind {
            /** Posted by the ledger; the ERP has no document with its reference. */
            MISSING,
            /** The ERP holds more than one document with the reference. */
            DUPLICATED,
            /** The ERP's gross (or currency) differs from the invoice's. */
            DIFFERENT_GROSS,
            /** The ERP holds a document the ledger does not count as posted (unknown reference, or a posting not posted). */
            NOT_IN_LEDGER
        }
    }

    /** Compares the ledger of {@code entityId} (null: every entity with postings) with what the ERP holds, by reference. */
    public List<Difference> reconcile(String entityId) {
        List<String> entities = entityId != null ? List.of(entityId) : queries.entities();
        List<Difference> differences = new ArrayList<>();
        for (String entity : entities) {
            Map<String, List<ErpDocument>> erp = new java.util.TreeMap<>();
            adapter.documents(entity).forEach(d -> erp.computeIfAbsent(d.reference(), r -> new ArrayList<>()).add(d));
            Map<String, PostingQueries.Held> ledger = new java.util.HashMap<>();
            for (PostingQueries.Held held : queries.held(entity)) {
                ledger.put(held.finalNumber(), held);
                List<ErpDocument> docs = erp.getOrDefault(held.finalNumber(), List.of());
                if (held.state() == PostingState.POSTED && docs.isEmpty()) {
                    differences.add(new Difference(entity, held.finalNumber(), Difference.Kind.MISSING,
                            "posted as " + held.erpDocumentId() + " by the ledger; the ERP has no document with this reference"));
                }
                if (docs.size() > 1) {
                    differences.add(new Difference(entity, held.finalNumber(), Difference.Kind.DUPLICATED,
                            "the ERP holds " + docs.size() + ": " + docs.stream().map(ErpDocument::documentId).toList()));
                }
                for (ErpDocument d : docs) {
                    boolean otherCurrency = d.currency() != null && !d.currency().equals(held.currency());
                    if (d.gross() != null && (otherCurrency || d.gross().compareTo(held.gross()) != 0)) {
                        differences.add(new Difference(entity, held.finalNumber(), Difference.Kind.DIFFERENT_GROSS, "billrun %s %s, ERP %s %s (%s)"
                                .formatted(held.gross().toPlainString(), held.currency(), d.gross().toPlainString(),
                                        d.currency() == null ? held.currency() : d.currency(), d.documentId())));
                    }
                }
                if (!docs.isEmpty() && held.state() != PostingState.POSTED && held.state() != PostingState.NEEDS_RECONCILIATION) {
                    differences.add(new Difference(entity, held.finalNumber(), Difference.Kind.NOT_IN_LEDGER,
                            "the ERP holds it, the ledger says " + held.state().label() + "; the next billrun post looks it up"));
                }
            }
            erp.forEach((reference, docs) -> {
                if (!ledger.containsKey(reference)) {
                    differences.add(new Difference(entity, reference, Difference.Kind.NOT_IN_LEDGER,
                            "the ERP holds " + docs.stream().map(ErpDocument::documentId).toList() + "; billrun has no posting " + reference));
                }
            });
        }
        return differences;
    }
}
