package org.billrun.events.inbound;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The payments and the exceptions of imported rows (V32): recorded by {@link EventImportService}, listed by the CLI. */
@Component
public class InboundQueries {

    /** A recorded payment as `billrun events payments` lists it. */
    public record Payment(long paymentId, String finalNumber, BigDecimal amount, String currency, LocalDate paidOn, BigDecimal paidTotal,
            PaymentState state, String reference, String sourceFile, int line, String importKey, OffsetDateTime importedAt) {}

    /** An exception raised on an imported row, as `billrun exceptions` lists it. */
    public record RowException(long id, InboundKind kind, InboundRule rule, String finalNumber, BigDecimal amount, String currency,
            String sourceFile, Integer line, String message, InboundExceptionStatus status, OffsetDateTime raisedAt, String statusChangedBy,
            String statusReason) {}

    private static final String EXCEPTION_COLUMNS = """
            exception_id, kind, rule_code, final_number, amount, currency, source_file, line_no, message, status, raised_at,
            status_changed_by, status_reason""";

    private final JdbcClient jdbc;

    InboundQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An invoice paid in full: its contract, the period it billed and the days from its issue date to the payment that settled it. */
    record Settled(String contractId, String period, int days) {}

    /**
     * Every invoice paid in full, with the days from its issue date to the payment that made it paid (never
     * negative: a payment dated before the issue counts as paid on the day).
     */
    List<Settled> daysToPay() {
        return jdbc.sql("""
                SELECT d.contract_id, d.period, greatest(min(p.paid_on) - po.issue_date, 0)
                FROM payment p
                JOIN posting po ON po.posting_id = p.posting_id
                JOIN draft_invoice d ON d.run_id = po.run_id AND d.draft_id = po.draft_id
                WHERE p.invoice_state = 'paid'
                GROUP BY po.posting_id, d.contract_id, d.period, po.issue_date""")
                .query((rs, i) -> new Settled(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    /** The payment already recorded under this import key: its invoice and amount. */
    Optional<Payment> paymentByKey(String importKey) {
        return jdbc.sql("SELECT * FROM payment WHERE import_key = ?").param(importKey).query((rs, i) -> payment(rs)).optional();
    }

    /** Takes the invoice's payment lock for the transaction: two imports never add up one invoice's payments at once. */
    BigDecimal lockAndSumPayments(long postingId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('billrun.payment:' || ?, 0))").param(postingId).query().listOfRows();
        return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM payment WHERE posting_id = ?").param(postingId).query(BigDecimal.class).single();
    }

    void insertPayment(String importKey, InboundDecision.Invoice invoice, InboundDecision.NewPayment p, String reference, String file,
            String sha256, int line, String actor) {
        jdbc.sql("""
                INSERT INTO payment (import_key, posting_id, version_id, final_number, amount, currency, paid_on, reference, paid_total,
                                     invoice_state, source_file, source_sha256, line_no, imported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(importKey, invoice.postingId(), invoice.versionId(), invoice.finalNumber(), p.amount(), p.currency(), p.paidOn(),
                        reference, p.paidTotal(), p.state().label(), file, sha256, line, actor)
                .update();
    }

    /**
     * Claims a dispute notice for recording: false when this row was recorded before (a re-import). A claim
     * whose dispute was never recorded (the import died in between) is claimed again: the dispute service
     * opens one dispute per source and key, so asking again is safe.
     */
    boolean claimNotice(String importKey, InboundDecision.Invoice invoice, InboundDecision.Notice notice, String file, Integer line, String actor) {
        return jdbc.sql("""
                INSERT INTO dispute_notice (import_key, posting_id, final_number, received_on, reason, source_file, line_no, imported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (import_key) DO UPDATE SET imported_at = dispute_notice.imported_at WHERE dispute_notice.dispute_ref IS NULL""")
                .params(importKey, invoice.postingId(), invoice.finalNumber(), notice.receivedOn(), notice.reason(), file, line, actor)
                .update() == 1;
    }

    /** Gives a claimed notice back: the dispute service refused it (it is an exception now; a re-import tries again). */
    void forgetNotice(String importKey) {
        jdbc.sql("DELETE FROM dispute_notice WHERE import_key = ? AND dispute_ref IS NULL").param(importKey).update();
    }

    void noticeRecorded(String importKey, String disputeRef) {
        jdbc.sql("UPDATE dispute_notice SET dispute_ref = ? WHERE import_key = ?").params(disputeRef, importKey).update();
    }

    /** Raises the exception unless this row raised it already; true when it is new. */
    boolean raise(String importKey, InboundKind kind, InboundRule rule, String finalNumber, BigDecimal amount, String currency, String file,
            Integer line, String message, String actor) {
        return jdbc.sql("""
                INSERT INTO inbound_exception (import_key, kind, rule_code, final_number, amount, currency, source_file, line_no, message,
                                               raised_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (import_key, rule_code) DO NOTHING""")
                .params(importKey, kind.label(), rule.label(), finalNumber, amount, currency, file, line, message, actor).update() == 1;
    }

    /** The payments, newest first; {@code finalNumber} narrows them to one invoice (null: all). */
    public List<Payment> payments(String finalNumber) {
        return jdbc.sql("SELECT * FROM payment WHERE (CAST(? AS text) IS NULL OR final_number = ?) ORDER BY payment_id DESC")
                .params(finalNumber, finalNumber).query((rs, i) -> payment(rs)).list();
    }

    /** The exceptions of imported rows in this status (null: all), oldest first. */
    public List<RowException> exceptions(InboundExceptionStatus status) {
        return jdbc.sql("SELECT " + EXCEPTION_COLUMNS + " FROM inbound_exception WHERE (CAST(? AS text) IS NULL OR status = ?) ORDER BY exception_id")
                .params(status == null ? null : status.label(), status == null ? null : status.label())
                .query((rs, i) -> new RowException(rs.getLong(1), InboundKind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                        InboundRule.of(rs.getString(3)), rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7),
                        (Integer) rs.getObject(8), rs.getString(9), InboundExceptionStatus.of(rs.getString(10)),
                        rs.getObject(11, OffsetDateTime.class), rs.getString(12), rs.getString(13)))
                .list();
    }

    /** Closes an open exception (resolved or waived) with who and why; empty when there is no such open exception. */
    public Optional<RowException> decide(long id, InboundExceptionStatus status, String who, String reason) {
        int changed = jdbc.sql("""
                UPDATE inbound_exception SET status = ?, status_changed_at = clock_timestamp(), status_changed_by = ?, status_reason = ?
                WHERE exception_id = ? AND status = 'open'""").params(status.label(), who, reason, id).update();
        if (changed == 0) {
            return Optional.empty();
        }
        return exceptions(status).stream().filter(e -> e.id() == id).findFirst();
    }

    private static Payment payment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Payment(rs.getLong("payment_id"), rs.getString("final_number"), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getObject("paid_on", LocalDate.class), rs.getBigDecimal("paid_total"),
                PaymentState.valueOf(rs.getString("invoice_state").toUpperCase(java.util.Locale.ROOT)), rs.getString("reference"),
                rs.getString("source_file"), rs.getInt("line_no"), rs.getString("import_key"), rs.getObject("imported_at", OffsetDateTime.class));
    }
}
