package org.billrun.posting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.billrun.audit.AuditAction;
import org.billrun.approval.port.ApprovedVersion;
import org.billrun.audit.AuditLog;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.Money;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other stages may ask of the posting stage. Approval's last step calls {@link #enqueue} (through
 * {@link PostingNumbering}, approval's {@code FinalNumbering} port) in its own transaction (the
 * transactional outbox, DESIGN.md "Outbox"): the version gets its final number and its posting row, or, if
 * that transaction rolls back, neither, and the number is not used up.
 */
@Component
public class PostingQueries {

    /** The final number an approved version got, and the day it is issued. */
    public record Numbered(long postingId, String finalNumber, LocalDate issueDate) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PostingQueries(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Gives the approved version its final number and its pending posting row, in the caller's transaction.
     * The entity's counter row for the year is taken with {@code INSERT ... ON CONFLICT DO UPDATE ...
     * RETURNING}: it stays locked until the caller commits, so a second approver of the entity waits and
     * gets the next number; a rollback returns the number. Issue date: today (UTC); fiscal year: its
     * calendar year ({@link FinalNumber#fiscalYearOf}).
     */
    public Numbered enqueue(ApprovedVersion v, String actor) {
        Optional<Numbered> already = jdbc.sql("SELECT posting_id, final_number, issue_date FROM posting WHERE version_id = ?")
                .param(v.versionId()).query((rs, i) -> new Numbered(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .optional();
        if (already.isPresent()) {
            return already.get();
        }
        LocalDate issueDate = LocalDate.now(clock);
        int year = FinalNumber.fiscalYearOf(issueDate);
        String prefix = jdbc.sql("SELECT invoice_prefix FROM current_entity WHERE entity_id = ?").param(v.entityId())
                .query(String.class).optional().filter(p -> !p.isBlank()).orElse(v.entityId());
        long sequence = jdbc.sql("""
                INSERT INTO final_number_counter (entity_id, fiscal_year, last_no) VALUES (?, ?, 1)
                ON CONFLICT (entity_id, fiscal_year) DO UPDATE SET last_no = final_number_counter.last_no + 1
                RETURNING last_no""").params(v.entityId(), year).query(Long.class).single();
        String number = new FinalNumber(prefix, year, sequence).text();
        long postingId = jdbc.sql("""
                INSERT INTO posting (version_id, run_id, draft_id, version_no, entity_id, fiscal_year, seq, final_number, issue_date,
                                     idempotency_key, currency, net, tax, gross)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING posting_id""")
                .params(v.versionId(), v.runId(), v.draftId(), v.versionNo(), v.entityId(), year, sequence, number, issueDate,
                        OutgoingInvoice.idempotencyKey(v.entityId(), number, v.versionNo()), v.currency(), v.net(), v.tax(), v.gross())
                .query(Long.class).single();
        audit.append(List.of(new AuditLog.Entry(actor, AuditAction.NUMBERED, "posting", postingId, v.runId(),
                "%s version %d: final number %s, issued %s, gross %s %s; pending posting".formatted(v.draftId(), v.versionNo(), number,
                        issueDate, v.gross().toPlainString(), v.currency()))));
        return new Numbered(postingId, number, issueDate);
    }

    /** A final invoice as a credit memo sees it: its posting, approved version and figures, and where its posting stands. */
    public record FinalInvoice(long postingId, long versionId, long runId, String draftId, int versionNo, String entityId, String currency,
            BigDecimal net, BigDecimal tax, BigDecimal gross, LocalDate issueDate, String state, String finalNumber) {}

    /** The invoice numbered {@code finalNumber}, if an approved invoice version has that number. */
    public Optional<FinalInvoice> invoice(String finalNumber) {
        return jdbc.sql("""
                SELECT posting_id, version_id, run_id, draft_id, version_no, entity_id, currency, net, tax, gross, issue_date, state
                FROM posting WHERE final_number = ? AND credit_id IS NULL""").param(finalNumber)
                .query((rs, i) -> new FinalInvoice(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getObject(11, LocalDate.class),
                        rs.getString(12), finalNumber))
                .optional();
    }

    /** An approved credit memo's posting: the credited invoice's run, draft and version, and the credit note's number and figures. */
    public record CreditPosting(long creditId, long runId, String draftId, int versionNo, String entityId, int fiscalYear, long seq,
            String finalNumber, LocalDate issueDate, String currency, BigDecimal net, BigDecimal tax, BigDecimal gross) {}

    /**
     * Queues an approved credit memo for posting as a credit note, in the caller's transaction (the approval that
     * numbered it, in the credit stage's own series): its pending posting row and an audit entry {@code numbered}.
     */
    public long enqueueCredit(CreditPosting c, String actor) {
        long postingId = jdbc.sql("""
                INSERT INTO posting (credit_id, run_id, draft_id, version_no, entity_id, fiscal_year, seq, final_number, issue_date,
                                     idempotency_key, currency, net, tax, gross)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING posting_id""")
                .params(c.creditId(), c.runId(), c.draftId(), c.versionNo(), c.entityId(), c.fiscalYear(), c.seq(), c.finalNumber(),
                        c.issueDate(), OutgoingInvoice.idempotencyKey(c.entityId(), c.finalNumber(), 1), c.currency(), c.net(), c.tax(), c.gross())
                .query(Long.class).single();
        audit.append(List.of(new AuditLog.Entry(actor, AuditAction.NUMBERED, "posting", postingId, c.runId(),
                "credit note %s of %s version %d, issued %s, gross %s %s; pending posting".formatted(c.finalNumber(), c.draftId(), c.versionNo(),
                        c.issueDate(), c.gross().toPlainString(), c.currency()))));
        return postingId;
    }

    /** The final number and posting state of a draft's approved invoice version, if it has one. */
    public Optional<FinalInvoice> invoiceOf(long runId, String draftId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE run_id = ? AND draft_id = ? AND credit_id IS NULL ORDER BY version_no DESC LIMIT 1")
                .params(runId, draftId).query(String.class).optional().flatMap(this::invoice);
    }

    /** The final number of a version, once approved. */
    public Optional<String> finalNumber(long versionId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE version_id = ?").param(versionId).query(String.class).optional();
    }

    /** One posting as `billrun postings` lists it: its state and its last attempt. */
    public record PostingRow(long postingId, String finalNumber, String entityId, String draftId, int versionNo, String currency,
            BigDecimal gross, PostingState state, int attempts, String batchRef, String adapter, String erpDocumentId, String message,
            OffsetDateTime approvedAt, OffsetDateTime postedAt, OffsetDateTime nextAttemptAt) {}

    /** A posted invoice version and the client it bills, for the client delivery (org.billrun.delivery). */
    public record Posted(long postingId, long runId, String finalNumber, String entityId, int versionNo, String clientId) {}

    /** The posted invoices of {@code entityId} (null: every entity), oldest first. */
    public List<Posted> posted(String entityId) {
        return jdbc.sql("""
                SELECT p.posting_id, p.run_id, p.final_number, p.entity_id, p.version_no, d.client_id
                FROM posting p JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                WHERE p.state = 'posted' AND p.credit_id IS NULL AND (CAST(? AS text) IS NULL OR p.entity_id = ?)
                ORDER BY p.posting_id""")
                .params(entityId, entityId)
                .query((rs, i) -> new Posted(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6)))
                .list();
    }

    /** The final PDF and UBL (null when the invoice has no e-invoice) the post job handed to the ERP adapter. */
    public record FinalDocuments(byte[] pdf, byte[] ublXml) {}

    /**
     * The documents of a posting as the post job stored them whatever the adapter (posting_document, V38);
     * empty for a posting sent before they were stored.
     */
    public Optional<FinalDocuments> documents(long postingId) {
        return jdbc.sql("SELECT pdf, ubl_xml FROM posting_document WHERE posting_id = ?").param(postingId)
                .query((rs, i) -> new FinalDocuments(rs.getBytes(1), rs.getBytes(2))).optional();
    }

    /** The postings, newest first; {@code state} and {@code entityId} narrow them (null: all). */
    public List<PostingRow> postings(PostingState state, String entityId) {
        return jdbc.sql("""
                SELECT p.posting_id, p.final_number, p.entity_id, p.draft_id, p.version_no, p.currency, p.gross, p.state, p.attempts,
                       b.batch_ref, p.adapter, p.erp_document_id, p.last_message, p.approved_at, p.posted_at, p.next_attempt_at
                FROM posting p LEFT JOIN posting_batch b ON b.batch_id = p.batch_id
                WHERE (CAST(? AS text) IS NULL OR p.state = ?) AND (CAST(? AS text) IS NULL OR p.entity_id = ?)
                ORDER BY p.posting_id DESC""")
                .params(state == null ? null : state.label(), state == null ? null : state.label(), entityId, entityId)
                .query((rs, i) -> new PostingRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), minor(rs.getBigDecimal(7), rs.getString(6)), PostingState.of(rs.getString(8)), rs.getInt(9),
                        rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), rs.getObject(14, OffsetDateTime.class),
                        rs.getObject(15, OffsetDateTime.class), rs.getObject(16, OffsetDateTime.class)))
                .list();
    }

    /**
     * One batch's figures in one currency: the control totals recorded before sending, and how its postings
     * stand now (posted, still pending or being retried, failed for good or waiting for reconciliation).
     */
    public record BatchTotal(String batchRef, String entityId, BatchState state, OffsetDateTime createdAt, String currency, long controlCount,
            BigDecimal controlNet, BigDecimal controlTax, BigDecimal controlGross, long postedCount, BigDecimal postedGross, long pendingCount,
            BigDecimal pendingGross, long failedCount, BigDecimal failedGross) {}

    public List<BatchTotal> batches(String entityId) {
        return jdbc.sql("""
                SELECT b.batch_ref, b.entity_id, b.state, b.created_at, t.currency, t.control_count, t.control_net, t.control_tax,
                       t.control_gross,
                       count(p.*) FILTER (WHERE p.state = 'posted'), coalesce(sum(p.gross * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state = 'posted'), 0),
                       count(p.*) FILTER (WHERE p.state IN ('pending', 'sending', 'failed_retryable')),
                       coalesce(sum(p.gross * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state IN ('pending', 'sending', 'failed_retryable')), 0),
                       count(p.*) FILTER (WHERE p.state IN ('failed_permanent', 'needs_reconciliation')),
                       coalesce(sum(p.gross * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state IN ('failed_permanent', 'needs_reconciliation')), 0)
                FROM posting_batch b JOIN posting_batch_total t ON t.batch_id = b.batch_id
                LEFT JOIN posting_batch_item i ON i.batch_id = b.batch_id
                LEFT JOIN posting p ON p.posting_id = i.posting_id AND p.currency = t.currency
                WHERE CAST(? AS text) IS NULL OR b.entity_id = ?
                GROUP BY b.batch_id, t.batch_id, t.currency ORDER BY b.batch_id DESC, t.currency""").params(entityId, entityId)
                .query((rs, i) -> {
                    String ccy = rs.getString(5);
                    return new BatchTotal(rs.getString(1), rs.getString(2), BatchState.of(rs.getString(3)), rs.getObject(4, OffsetDateTime.class),
                            ccy, rs.getLong(6), minor(rs.getBigDecimal(7), ccy), minor(rs.getBigDecimal(8), ccy), minor(rs.getBigDecimal(9), ccy),
                            rs.getLong(10), minor(rs.getBigDecimal(11), ccy), rs.getLong(12), minor(rs.getBigDecimal(13), ccy), rs.getLong(14),
                            minor(rs.getBigDecimal(15), ccy));
                })
                .list();
    }

    /** One attempt of the ledger. */
    public record Attempt(long ledgerId, String finalNumber, int attempt, String batchRef, String adapter, String status,
            String erpDocumentId, String erpStatus, String requestDigest, String responseDigest, String message, OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {}

    /** The ledger, newest first; {@code entityId} narrows it (null: all). */
    public List<Attempt> attempts(String entityId) {
        return jdbc.sql("""
                SELECT l.ledger_id, p.final_number, l.attempt, b.batch_ref, l.adapter, l.status, l.erp_document_id, l.erp_status,
                       l.request_digest, l.response_digest, l.message, l.started_at, l.finished_at
                FROM posting_ledger l JOIN posting p ON p.posting_id = l.posting_id LEFT JOIN posting_batch b ON b.batch_id = l.batch_id
                WHERE CAST(? AS text) IS NULL OR p.entity_id = ? ORDER BY l.ledger_id DESC""").params(entityId, entityId)
                .query((rs, i) -> new Attempt(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class)))
                .list();
    }

    /**
     * Posting per entity for `billrun status`: approved (numbered) invoices, how many are posted, waiting,
     * failing; the latency from approval to posted (nearest-rank median and 90th percentile); and the failure
     * rate, failed attempts in percent of the attempts that finished.
     */
    public record EntityStatus(String entityId, long approved, long posted, long waiting, long failing, Duration latencyMedian,
            Duration latencyP90, BigDecimal failureRatePct, long finishedAttempts, long failedAttempts) {}

    public List<EntityStatus> byEntity() {
        return byEntity(null);
    }

    /** The same for the invoices of one run ({@code runId}; null: of every run), as its run report shows them. */
    public List<EntityStatus> byEntity(Long runId) {
        record Counts(String entityId, long approved, long posted, long waiting, long failing, long attempts, long failed) {}
        List<Counts> counts = jdbc.sql("""
                SELECT p.entity_id, count(*), count(*) FILTER (WHERE p.state = 'posted'),
                       count(*) FILTER (WHERE p.state IN ('pending', 'sending')),
                       count(*) FILTER (WHERE p.state IN ('failed_retryable', 'failed_permanent', 'needs_reconciliation')),
                       (SELECT count(*) FROM posting_ledger l JOIN posting q ON q.posting_id = l.posting_id
                        WHERE q.entity_id = p.entity_id AND q.credit_id IS NULL AND l.status <> 'sending' AND (CAST(:run AS bigint) IS NULL OR q.run_id = :run)),
                       (SELECT count(*) FROM posting_ledger l JOIN posting q ON q.posting_id = l.posting_id
                        WHERE q.entity_id = p.entity_id AND q.credit_id IS NULL AND l.status NOT IN ('sending', 'posted', 'found')
                          AND (CAST(:run AS bigint) IS NULL OR q.run_id = :run))
                FROM posting p WHERE p.credit_id IS NULL AND (CAST(:run AS bigint) IS NULL OR p.run_id = :run) GROUP BY p.entity_id ORDER BY p.entity_id""")
                .param("run", runId, java.sql.Types.BIGINT)
                .query((rs, i) -> new Counts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7)))
                .list();
        List<EntityStatus> rows = new java.util.ArrayList<>();
        for (Counts c : counts) {
            List<Duration> latencies = jdbc.sql("""
                    SELECT extract(epoch FROM posted_at - approved_at) * 1000 FROM posting
                    WHERE entity_id = :entity AND state = 'posted' AND credit_id IS NULL AND (CAST(:run AS bigint) IS NULL OR run_id = :run)
                    ORDER BY 1""").param("entity", c.entityId()).param("run", runId, java.sql.Types.BIGINT).query(Double.class).list().stream().map(ms -> Duration.ofMillis(Math.round(ms)))
                    .sorted().toList();
            BigDecimal rate = c.attempts() == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(c.failed() * 100)
                    .divide(BigDecimal.valueOf(c.attempts()), 1, java.math.RoundingMode.HALF_UP);
            rows.add(new EntityStatus(c.entityId(), c.approved(), c.posted(), c.waiting(), c.failing(),
                    latencies.isEmpty() ? null : ApprovalKpis.percentile(latencies, 50),
                    latencies.isEmpty() ? null : ApprovalKpis.percentile(latencies, 90), rate, c.attempts(), c.failed()));
        }
        return rows;
    }

    /** A numbered invoice as payments and dispute notices name it: by its final number. */
    public record NumberedInvoice(long postingId, long versionId, long runId, String draftId, String finalNumber, String entityId,
            String currency, BigDecimal gross, PostingState state) {}

    public Optional<NumberedInvoice> byFinalNumber(String finalNumber) {
        return jdbc.sql("""
                SELECT posting_id, version_id, run_id, draft_id, final_number, entity_id, currency, gross, state FROM posting
                WHERE final_number = ? AND credit_id IS NULL""").param(finalNumber)
                .query((rs, i) -> new NumberedInvoice(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBigDecimal(8), PostingState.of(rs.getString(9))))
                .optional();
    }

    /** A numbered invoice (no credit note) by the period it billed and its currency: what the dispute frequency counts. */
    public record InvoiceOfPeriod(String period, String currency, String finalNumber) {}

    /** The numbered invoices, credit notes left out; {@code runId} narrows them to one run's invoices (null: all). */
    public List<InvoiceOfPeriod> invoicesOfPeriods(Long runId) {
        return jdbc.sql("""
                SELECT d.period, p.currency, p.final_number FROM posting p
                JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                WHERE p.credit_id IS NULL AND (CAST(? AS bigint) IS NULL OR p.run_id = ?) ORDER BY d.period, p.currency, p.final_number""")
                .params(runId, runId)
                .query((rs, i) -> new InvoiceOfPeriod(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** A posting finance has to settle: failed for good, or its outcome unknown until a lookup or a person settles it. */
    public record Failure(long postingId, long runId, String period, String draftId, String finalNumber, String entityId, PostingState state,
            String currency, BigDecimal gross, String lastMessage, int attempts, OffsetDateTime since) {}

    /** The postings in failed_permanent or needs_reconciliation, oldest first; {@code runId} narrows them to one run (null: all). */
    public List<Failure> failures(Long runId) {
        return jdbc.sql("""
                SELECT p.posting_id, p.run_id, r.period, p.draft_id, p.final_number, p.entity_id, p.state, p.currency, p.gross,
                       p.last_message, p.attempts, p.updated_at
                FROM posting p LEFT JOIN billing_run r ON r.run_id = p.run_id
                WHERE p.state IN ('failed_permanent', 'needs_reconciliation') AND (CAST(:run AS bigint) IS NULL OR p.run_id = :run)
                ORDER BY p.posting_id""").param("run", runId, java.sql.Types.BIGINT)
                .query((rs, i) -> new Failure(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        PostingState.of(rs.getString(7)), rs.getString(8), rs.getBigDecimal(9), rs.getString(10), rs.getInt(11),
                        rs.getObject(12, OffsetDateTime.class)))
                .list();
    }

    /** A posting as reconciliation compares it with the ERP's documents. */
    record Held(String finalNumber, PostingState state, String currency, BigDecimal gross, String erpDocumentId) {}

    List<Held> held(String entityId) {
        return jdbc.sql("SELECT final_number, state, currency, gross, erp_document_id FROM posting WHERE entity_id = ? ORDER BY posting_id")
                .param(entityId).query((rs, i) -> new Held(rs.getString(1), PostingState.of(rs.getString(2)), rs.getString(3),
                        minor(rs.getBigDecimal(4), rs.getString(3)), rs.getString(5)))
                .list();
    }

    /** Postings by entity, document (invoice or credit_note) and state, for the post command's metrics. */
    public record StateCount(String entityId, String document, PostingState state, long count) {}

    public List<StateCount> countsByState() {
        return jdbc.sql("""
                SELECT entity_id, CASE WHEN credit_id IS NULL THEN 'invoice' ELSE 'credit_note' END, state, count(*)
                FROM posting GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
                .query((rs, i) -> new StateCount(rs.getString(1), rs.getString(2), PostingState.of(rs.getString(3)), rs.getLong(4)))
                .list();
    }

    /**
     * Per entity and document, how long the oldest posting not yet final (pending, sending or waiting for a retry) has waited
     * since its approval numbered it, at the database's clock; entities with nothing waiting are not listed.
     */
    public record Waiting(String entityId, String document, double seconds) {}

    public List<Waiting> oldestWaiting() {
        return jdbc.sql("""
                SELECT entity_id, CASE WHEN credit_id IS NULL THEN 'invoice' ELSE 'credit_note' END,
                       extract(epoch FROM clock_timestamp() - min(approved_at))
                FROM posting WHERE state IN ('pending', 'sending', 'failed_retryable') GROUP BY 1, 2 ORDER BY 1, 2""")
                .query((rs, i) -> new Waiting(rs.getString(1), rs.getString(2), rs.getDouble(3))).list();
    }

    /** The database's clock now: where a post call starts, to find what it posted by {@link #postedSince}. */
    public OffsetDateTime databaseNow() {
        return jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single();
    }

    /** A posting's latency: from its approval (when it was numbered) to the ERP holding it. */
    public record Latency(String entityId, String document, Duration latency) {}

    /** The latencies of the postings posted at or after {@code since} (the database's clock). */
    public List<Latency> postedSince(OffsetDateTime since) {
        return jdbc.sql("""
                SELECT entity_id, CASE WHEN credit_id IS NULL THEN 'invoice' ELSE 'credit_note' END,
                       extract(epoch FROM posted_at - approved_at) * 1000
                FROM posting WHERE state = 'posted' AND posted_at >= ? ORDER BY posting_id""")
                .param(since)
                .query((rs, i) -> new Latency(rs.getString(1), rs.getString(2), Duration.ofMillis(Math.round(rs.getDouble(3))))).list();
    }

    List<String> entities() {
        return jdbc.sql("SELECT DISTINCT entity_id FROM posting ORDER BY 1").query(String.class).list();
    }

    /** A stored amount (numeric(19,4)) at its currency's minor unit, as invoices print it: 29887.50 EUR, 1200 JPY. */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return amount == null ? null : Money.rounded(amount, currency).amount();
    }
}
