package org.billrun.posting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.billrun.posting.port.ErpAnswer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The post job's SQL: batches and their control totals, claims, and the answers recorded in the posting
 * and its ledger. Every method runs in its caller's transaction; {@link Poster} decides where they begin
 * and end (a claim commits before the send, the answer is recorded in a second transaction).
 */
@Component
class PostingStore {

    /** A batch as the job knows it. */
    record Batch(long batchId, String batchRef, String entityId, String adapter, BatchState state) {}

    /** A claimed posting: what the send needs, and whether it must look the reference up first. */
    record Claim(long postingId, long ledgerId, long versionId, long runId, String draftId, int versionNo, String entityId, String finalNumber,
            LocalDate issueDate, String currency, BigDecimal gross, int attempt, int retryFrom, boolean lookupFirst, Long creditId) {}

    /** The states a batch may claim from: never sent, or waiting for a retry (a posting being sent is never claimed). */
    private static final String CLAIMABLE = "('pending', 'failed_retryable')";

    private final JdbcClient jdbc;

    PostingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Batch> openBatch(String entityId) {
        return jdbc.sql("SELECT batch_id, batch_ref, entity_id, adapter, state FROM posting_batch WHERE entity_id = ? AND state = 'open' "
                + "ORDER BY batch_id LIMIT 1").param(entityId).query(PostingStore::batch).optional();
    }

    Batch batch(long batchId) {
        return jdbc.sql("SELECT batch_id, batch_ref, entity_id, adapter, state FROM posting_batch WHERE batch_id = ?").param(batchId)
                .query(PostingStore::batch).single();
    }

    private static Batch batch(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Batch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), BatchState.of(rs.getString(5)));
    }

    /** The entities with postings due now, in id order. */
    List<String> entitiesDue(Instant now) {
        return jdbc.sql("SELECT DISTINCT entity_id FROM posting WHERE state = 'sending' OR state IN " + CLAIMABLE + " AND next_attempt_at <= ? "
                + "UNION SELECT entity_id FROM posting_batch WHERE state = 'open' ORDER BY 1").param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(String.class).list();
    }

    /**
     * Postings of the entity left {@code sending} by a process that died between claim and record (the caller
     * holds the entity's post lock, so no live process is sending them): their outcome is unknown, so they wait
     * for a retry that looks them up in the ERP first; their open ledger rows are marked interrupted.
     */
    int recoverInterrupted(String entityId) {
        jdbc.sql("""
                UPDATE posting_ledger SET status = 'interrupted', message = 'the post process died before the answer was recorded',
                       finished_at = clock_timestamp()
                WHERE status = 'sending' AND posting_id IN (SELECT posting_id FROM posting WHERE entity_id = ? AND state = 'sending')""")
                .param(entityId).update();
        return jdbc.sql("""
                UPDATE posting SET state = 'failed_retryable', lookup_first = true, last_message = 'interrupted while sending',
                       updated_at = clock_timestamp()
                WHERE entity_id = ? AND state = 'sending'""").param(entityId).update();
    }

    /**
     * Opens a batch of the entity's due postings (at most {@code limit}, oldest first) and records its control
     * totals per currency, before anything is sent. Empty when nothing is due.
     */
    Optional<Batch> openBatch(String entityId, int limit, String adapter, String actor, Instant now) {
        // a credit note waits until the ERP holds the invoice it credits
        List<Long> due = jdbc.sql("SELECT posting_id FROM posting p WHERE entity_id = ? AND state IN " + CLAIMABLE
                + " AND next_attempt_at <= ? AND (credit_id IS NULL OR EXISTS (SELECT 1 FROM posting i WHERE i.credit_id IS NULL"
                + " AND i.run_id = p.run_id AND i.draft_id = p.draft_id AND i.state = 'posted'))"
                + " ORDER BY posting_id LIMIT ? FOR UPDATE OF p SKIP LOCKED")
                .params(entityId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit).query(Long.class).list();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        long batchId = jdbc.sql("SELECT nextval('posting_batch_batch_id_seq')").query(Long.class).single();
        String ref = "PB-%s-%s-%06d".formatted(entityId, LocalDate.ofInstant(now, ZoneOffset.UTC).toString().replace("-", ""), batchId);
        jdbc.sql("INSERT INTO posting_batch (batch_id, batch_ref, entity_id, adapter, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(batchId, ref, entityId, adapter, actor).update();
        jdbc.sql("INSERT INTO posting_batch_item (batch_id, posting_id) SELECT ?, unnest(?::bigint[])")
                .params(batchId, due.toArray(Long[]::new)).update();
        jdbc.sql("UPDATE posting SET batch_id = ?, updated_at = clock_timestamp() WHERE posting_id = ANY (?::bigint[])")
                .params(batchId, due.toArray(Long[]::new)).update();
        jdbc.sql("""
                INSERT INTO posting_batch_total (batch_id, currency, control_count, control_net, control_tax, control_gross)
                SELECT i.batch_id, p.currency, count(*), sum(p.net * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END), sum(p.tax * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END), sum(p.gross * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END)
                FROM posting_batch_item i JOIN posting p ON p.posting_id = i.posting_id WHERE i.batch_id = ? GROUP BY i.batch_id, p.currency""")
                .param(batchId).update();
        return Optional.of(batch(batchId));
    }

    /**
     * Claims the batch's next posting that has no finished attempt in this batch yet (an interrupted one may go
     * again): {@code FOR UPDATE SKIP LOCKED}, so two claimers never take the same one, and a claimed posting is
     * {@code sending}, which no claim takes. It gets one more attempt and a ledger row; the caller commits this
     * before it sends.
     */
    Optional<Claim> claimNext(long batchId, String adapter) {
        Optional<Long> row = jdbc.sql("""
                SELECT p.posting_id FROM posting p JOIN posting_batch_item i ON i.posting_id = p.posting_id
                WHERE i.batch_id = ? AND p.state IN %s
                  AND NOT EXISTS (SELECT 1 FROM posting_ledger l WHERE l.posting_id = p.posting_id AND l.batch_id = i.batch_id
                                  AND l.status NOT IN ('sending', 'interrupted'))
                ORDER BY p.posting_id LIMIT 1 FOR UPDATE OF p SKIP LOCKED""".formatted(CLAIMABLE))
                .param(batchId).query(Long.class).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long postingId = row.get();
        jdbc.sql("UPDATE posting SET state = 'sending', attempts = attempts + 1, adapter = ?, updated_at = clock_timestamp() "
                + "WHERE posting_id = ?").params(adapter, postingId).update();
        return Optional.of(jdbc.sql("""
                WITH l AS (INSERT INTO posting_ledger (posting_id, batch_id, attempt, adapter)
                           SELECT posting_id, ?, attempts, ? FROM posting WHERE posting_id = ? RETURNING ledger_id)
                SELECT l.ledger_id, p.version_id, p.run_id, p.draft_id, p.version_no, p.entity_id, p.final_number, p.issue_date, p.currency,
                       p.gross, p.attempts, p.retry_from, p.lookup_first, p.credit_id
                FROM posting p, l WHERE p.posting_id = ?""").params(batchId, adapter, postingId, postingId)
                .query((rs, i) -> new Claim(postingId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9), rs.getBigDecimal(10),
                        rs.getInt(11), rs.getInt(12), rs.getBoolean(13), rs.getObject(14, Long.class)))
                .single());
    }

    /** Records what an attempt came to: the posting's new state and the ledger row's answer. */
    void record(Claim claim, PostingState state, LedgerStatus status, ErpAnswer answer, String message, boolean lookupFirst,
            Instant nextAttempt) {
        String documentId = answer == null ? null : answer.documentId();
        jdbc.sql("""
                UPDATE posting SET state = ?, lookup_first = ?, erp_document_id = coalesce(?, erp_document_id), last_message = ?,
                       next_attempt_at = coalesce(?, next_attempt_at),
                       posted_at = CASE WHEN ? = 'posted' THEN clock_timestamp() END, updated_at = clock_timestamp()
                WHERE posting_id = ?""")
                .params(state.label(), lookupFirst, documentId, message,
                        nextAttempt == null ? null : OffsetDateTime.ofInstant(nextAttempt, ZoneOffset.UTC), state.label(), claim.postingId())
                .update();
        jdbc.sql("""
                UPDATE posting_ledger SET status = ?, erp_document_id = ?, erp_status = ?, request_digest = ?, response_digest = ?,
                       message = ?, finished_at = clock_timestamp() WHERE ledger_id = ?""")
                .params(status.label(), documentId, answer == null ? null : answer.erpStatus(),
                        answer == null ? null : answer.requestDigest(), answer == null ? null : answer.responseDigest(), message,
                        claim.ledgerId())
                .update();
    }

    /** Closes the batch: what it posted, per currency, against its control totals. */
    BatchState close(long batchId) {
        jdbc.sql("""
                UPDATE posting_batch_total t SET posted_count = x.n, posted_net = x.net, posted_tax = x.tax, posted_gross = x.gross
                FROM (SELECT p.currency, count(p.posting_id) FILTER (WHERE p.state = 'posted') AS n,
                             coalesce(sum(p.net * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state = 'posted'), 0) AS net,
                             coalesce(sum(p.tax * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state = 'posted'), 0) AS tax,
                             coalesce(sum(p.gross * CASE WHEN p.credit_id IS NULL THEN 1 ELSE -1 END) FILTER (WHERE p.state = 'posted'), 0) AS gross
                      FROM posting_batch_item i JOIN posting p ON p.posting_id = i.posting_id WHERE i.batch_id = ? GROUP BY p.currency) x
                WHERE t.batch_id = ? AND t.currency = x.currency""").params(batchId, batchId).update();
        Boolean balanced = jdbc.sql("""
                SELECT bool_and(posted_count = control_count AND posted_net = control_net AND posted_tax = control_tax
                                AND posted_gross = control_gross) FROM posting_batch_total WHERE batch_id = ?""")
                .param(batchId).query(Boolean.class).single();
        BatchState state = Boolean.TRUE.equals(balanced) ? BatchState.BALANCED : BatchState.UNBALANCED;
        jdbc.sql("UPDATE posting_batch SET state = ?, closed_at = clock_timestamp() WHERE batch_id = ?").params(state.label(), batchId)
                .update();
        return state;
    }

    /** How the batch's postings stand now, per state. */
    java.util.Map<PostingState, Long> states(long batchId) {
        java.util.Map<PostingState, Long> counts = new java.util.EnumMap<>(PostingState.class);
        jdbc.sql("SELECT p.state, count(*) FROM posting_batch_item i JOIN posting p ON p.posting_id = i.posting_id WHERE i.batch_id = ? "
                + "GROUP BY p.state").param(batchId).query((rs, i) -> counts.put(PostingState.of(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Keeps the final PDF and UBL the adapter is about to get, for the client delivery whatever the adapter
     * (the REST and Tryton adapters write no files). A later attempt's assembly replaces an earlier one's:
     * the stored documents are the last ones sent.
     */
    void keepDocuments(long postingId, byte[] pdf, byte[] ublXml) {
        jdbc.sql("""
                INSERT INTO posting_document (posting_id, pdf, ubl_xml, pdf_sha256, ubl_sha256) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (posting_id) DO UPDATE SET pdf = EXCLUDED.pdf, ubl_xml = EXCLUDED.ubl_xml, pdf_sha256 = EXCLUDED.pdf_sha256,
                    ubl_sha256 = EXCLUDED.ubl_sha256, stored_at = clock_timestamp()""")
                .params(postingId, pdf, ublXml, sha256(pdf), sha256(ublXml)).update();
    }

    private static String sha256(byte[] content) {
        if (content == null) {
            return null;
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
