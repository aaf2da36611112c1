package org.billrun.posting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other stages may ask of the posting stage. Approval's last step calls {@link #enqueue} in its own
 * transaction (the transactional outbox, DESIGN.md "Outbox"): the version gets its final number and its
 * posting row, or, if that transaction rolls back, neither, and the number is not used up.
 */
@Component
public class PostingQueries {

    /** The approved version as approval knows it. */
    public record Approved(long versionId, long runId, String draftId, int versionNo, String entityId, String currency, BigDecimal net,
            BigDecimal tax, BigDecimal gross) {}

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
    public Numbered enqueue(Approved v, String actor) {
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

    /** The final number of a version, once approved. */
    public Optional<String> finalNumber(long versionId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE version_id = ?").param(versionId).query(String.class).optional();
    }
}
