package org.billrun.credit;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billrun.credit.CreditArithmetic.Credited;
import org.billrun.billing.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The credit stage's SQL (V25__credit_memos.sql): credit memos, their lines and lineage, tasks and number
 * series. Every method runs in its caller's transaction. Other stages read these tables only through here.
 */
@Component
public class CreditQueries {

    private final JdbcClient jdbc;

    CreditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises credits of one invoice: two credits asked at once cannot both take what is left of a line. */
    void lockInvoice(String invoiceNumber) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('billrun.credit:' || ?, 0))").param(invoiceNumber).query(Object.class).single();
    }

    /** What credits not rejected gave back of each line of the invoice posted as {@code postingId}. */
    List<Credited> credited(long postingId, String currency) {
        return jdbc.sql("""
                SELECT l.line_no, sum(l.quantity), sum(l.net), sum(l.tax) FROM credit_memo_line l JOIN credit_memo m ON m.credit_id = l.credit_id
                WHERE m.posting_id = ? AND m.state <> 'rejected' GROUP BY l.line_no ORDER BY l.line_no""").param(postingId)
                .query((rs, i) -> new Credited(rs.getInt(1), rs.getBigDecimal(2), Money.rounded(rs.getBigDecimal(3), currency),
                        Money.rounded(rs.getBigDecimal(4), currency)))
                .list();
    }

    /** The fields of a new credit memo. */
    record NewCredit(String invoiceNumber, long postingId, long versionId, long runId, String draftId, int versionNo, String entityId,
            String clientId, String currency, BigDecimal net, BigDecimal tax, BigDecimal gross, CreditReason reason, String comment,
            boolean rebill, String requestedBy, String actingUser) {}

    long insert(NewCredit c) {
        return jdbc.sql("""
                INSERT INTO credit_memo (invoice_number, posting_id, version_id, run_id, draft_id, version_no, entity_id, client_id, currency,
                                         net, tax, gross, reason_code, comment, rebill, requested_by, acting_user)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING credit_id""")
                .params(c.invoiceNumber(), c.postingId(), c.versionId(), c.runId(), c.draftId(), c.versionNo(), c.entityId(), c.clientId(),
                        c.currency(), c.net(), c.tax(), c.gross(), c.reason().label(), c.comment(), c.rebill(), c.requestedBy(), c.actingUser())
                .query(Long.class).single();
    }

    void insertLine(long creditId, CreditMemo.Line l) {
        jdbc.sql("""
                INSERT INTO credit_memo_line (credit_id, line_no, description, quantity, unit_price, net, tax, tax_rule_id, tax_category, tax_rate,
                                              closes_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(creditId, l.lineNo(), l.description(), l.quantity(), l.unitPrice(), l.net(), l.tax(), l.taxRuleId(), l.taxCategory(),
                        l.taxRate(), l.closesLine())
                .update();
    }

    void insertSource(long creditId, int lineNo, String kind, String key) {
        jdbc.sql("INSERT INTO credit_line_source (credit_id, line_no, record_kind, record_key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(creditId, lineNo, kind, key).update();
    }

    void insertTask(long creditId, int stepNo, String role, String rule) {
        jdbc.sql("INSERT INTO credit_task (credit_id, step_no, role, rule) VALUES (?, ?, ?, ?)").params(creditId, stepNo, role, rule).update();
    }

    void taskDone(long taskId, String doneBy, String actingUser, String comment) {
        jdbc.sql("UPDATE credit_task SET state = 'done', done_by = ?, acting_user = ?, done_at = clock_timestamp(), comment = ? WHERE task_id = ?")
                .params(doneBy, actingUser, comment, taskId).update();
    }

    void cancelOpenTasks(long creditId) {
        jdbc.sql("UPDATE credit_task SET state = 'cancelled' WHERE credit_id = ? AND state = 'open'").param(creditId).update();
    }

    /** Locks the credit's row; the id of a {@code CR-n} reference or a credit's final number. */
    Optional<Long> lock(String reference) {
        Optional<Long> id = idOf(reference);
        return id.flatMap(i -> jdbc.sql("SELECT credit_id FROM credit_memo WHERE credit_id = ? FOR UPDATE").param(i).query(Long.class).optional());
    }

    Optional<Long> idOf(String reference) {
        String r = reference.strip();
        if (r.matches("(?i)CR-\\d{1,18}")) {
            return Optional.of(Long.parseLong(r.substring(3)));
        }
        return jdbc.sql("SELECT credit_id FROM credit_memo WHERE final_number = ?").param(r).query(Long.class).optional();
    }

    /**
     * Takes the next number of the entity's credit series for the year ({@code INSERT ... ON CONFLICT DO UPDATE
     * ... RETURNING}: the counter row stays locked until the caller commits; a rollback gives it back).
     */
    long nextNumber(String entityId, int year) {
        return jdbc.sql("""
                INSERT INTO credit_number_counter (entity_id, fiscal_year, last_no) VALUES (?, ?, 1)
                ON CONFLICT (entity_id, fiscal_year) DO UPDATE SET last_no = credit_number_counter.last_no + 1
                RETURNING last_no""").params(entityId, year).query(Long.class).single();
    }

    /** The entity's invoice prefix (entities.csv), the entity's id without one. */
    String invoicePrefix(String entityId) {
        return jdbc.sql("SELECT invoice_prefix FROM current_entity WHERE entity_id = ?").param(entityId).query(String.class).optional()
                .filter(p -> !p.isBlank()).orElse(entityId);
    }

    void approve(long creditId, String decidedBy, int year, long seq, String number, LocalDate issueDate) {
        jdbc.sql("""
                UPDATE credit_memo SET state = 'approved', decided_by = ?, decided_at = clock_timestamp(), fiscal_year = ?, seq = ?,
                                       final_number = ?, issue_date = ?
                WHERE credit_id = ?""").params(decidedBy, year, seq, number, issueDate, creditId).update();
    }

    void reject(long creditId, String decidedBy, String reason) {
        jdbc.sql("UPDATE credit_memo SET state = 'rejected', decided_by = ?, decided_at = clock_timestamp(), decision_reason = ? WHERE credit_id = ?")
                .params(decidedBy, reason, creditId).update();
    }

    private static final String COLUMNS = """
            credit_id, final_number, issue_date, invoice_number, run_id, draft_id, entity_id, client_id, currency, net, tax, gross,
            reason_code, comment, rebill, state, requested_by, requested_at, decided_by, decision_reason""";

    /** One credit with its lines and tasks. */
    public Optional<CreditMemo> find(long creditId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credit_memo WHERE credit_id = ?").param(creditId)
                .query((rs, i) -> memo(rs, lines(creditId, rs.getString("currency")), tasks(creditId))).optional();
    }

    /** Credits, newest first: of one invoice, or in one state, or all (null filters). */
    public List<CreditMemo> list(String invoiceNumber, CreditState state) {
        List<Long> ids = jdbc.sql("""
                SELECT credit_id FROM credit_memo WHERE (CAST(? AS text) IS NULL OR invoice_number = ?) AND (CAST(? AS text) IS NULL OR state = ?)
                ORDER BY credit_id DESC""")
                .params(invoiceNumber, invoiceNumber, state == null ? null : state.label(), state == null ? null : state.label())
                .query(Long.class).list();
        return ids.stream().map(id -> find(id).orElseThrow()).toList();
    }

    /**
     * The gross given back on an invoice by its approved credit memos (zero for none): what the client no longer owes.
     * Credit memos in review or rejected give nothing back.
     */
    public BigDecimal approvedGrossOf(String invoiceNumber) {
        return jdbc.sql("SELECT coalesce(sum(gross), 0) FROM credit_memo WHERE invoice_number = ? AND state = 'approved'")
                .param(invoiceNumber).query(BigDecimal.class).single();
    }

    /** Credit memo figures of one entity and currency: approved (count, net, gross) and in review (count, gross). */
    public record Figures(String entityId, String currency, long approved, BigDecimal approvedNet, BigDecimal approvedGross, long inReview,
            BigDecimal inReviewGross, long rejected) {}

    /**
     * Per entity and currency, the credit memos of one run's invoices ({@code runId}, null: of every run), or of
     * the invoices of one billing period ({@code period} YYYY-MM, null: every period).
     */
    public List<Figures> byEntity(Long runId, String period) {
        return jdbc.sql("""
                SELECT m.entity_id, m.currency,
                       count(*) FILTER (WHERE m.state = 'approved'), coalesce(sum(m.net) FILTER (WHERE m.state = 'approved'), 0),
                       coalesce(sum(m.gross) FILTER (WHERE m.state = 'approved'), 0),
                       count(*) FILTER (WHERE m.state = 'in_review'), coalesce(sum(m.gross) FILTER (WHERE m.state = 'in_review'), 0),
                       count(*) FILTER (WHERE m.state = 'rejected')
                FROM credit_memo m
                WHERE (CAST(? AS bigint) IS NULL OR m.run_id = ?)
                  AND (CAST(? AS text) IS NULL OR EXISTS (SELECT 1 FROM billing_run r WHERE r.run_id = m.run_id AND r.period = ?))
                GROUP BY m.entity_id, m.currency ORDER BY m.entity_id, m.currency""")
                .params(runId, runId, period, period)
                .query((rs, i) -> new Figures(rs.getString(1), rs.getString(2), rs.getLong(3), minor(rs.getBigDecimal(4), rs.getString(2)),
                        minor(rs.getBigDecimal(5), rs.getString(2)), rs.getLong(6), minor(rs.getBigDecimal(7), rs.getString(2)), rs.getLong(8)))
                .list();
    }

    /**
     * The net of the approved credit memos, per contract and the period of the invoice they credit (the dispute
     * risk's credit history, docs/assistance.md): in the invoice's currency, a credit in review or refused not counted.
     */
    public Map<String, Map<YearMonth, BigDecimal>> creditedNetByContractAndPeriod() {
        Map<String, Map<YearMonth, BigDecimal>> credited = new HashMap<>();
        jdbc.sql("""
                SELECT d.contract_id, d.period, sum(m.net) FROM credit_memo m
                JOIN draft_invoice d ON d.run_id = m.run_id AND d.draft_id = m.draft_id
                WHERE m.state = 'approved' GROUP BY d.contract_id, d.period""")
                .query(rs -> {
                    credited.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(YearMonth.parse(rs.getString(2)), rs.getBigDecimal(3));
                });
        return credited;
    }

    /** The approved credit memos of the invoices of one period in one currency: how many, and the net and gross they give back. */
    public record PeriodCredits(String period, String currency, long approved, BigDecimal net, BigDecimal gross) {}

    /** Per period and currency of the credited invoices, the approved credit memos; {@code runId} narrows them to one run's invoices. */
    public List<PeriodCredits> approvedByPeriod(Long runId) {
        return jdbc.sql("""
                SELECT r.period, m.currency, count(*), sum(m.net), sum(m.gross) FROM credit_memo m
                JOIN billing_run r ON r.run_id = m.run_id
                WHERE m.state = 'approved' AND (CAST(? AS bigint) IS NULL OR m.run_id = ?)
                GROUP BY r.period, m.currency ORDER BY r.period, m.currency""")
                .params(runId, runId)
                .query((rs, i) -> new PeriodCredits(rs.getString(1), rs.getString(2), rs.getLong(3), minor(rs.getBigDecimal(4), rs.getString(2)),
                        minor(rs.getBigDecimal(5), rs.getString(2))))
                .list();
    }

    /** A credit line that gives back (part of) a line which billed a record: the credit and the line. */
    public record CreditedRecord(long creditId, String finalNumber, CreditState state, String invoiceNumber, int lineNo, BigDecimal quantity,
            BigDecimal net, BigDecimal tax, String currency, boolean closesLine, CreditReason reason, boolean rebill, String requestedBy,
            String decidedBy) {}

    /** The credit lines whose lineage names the record {@code recordKey}, oldest credit first. */
    public List<CreditedRecord> creditsOf(String recordKey) {
        return jdbc.sql("""
                SELECT m.credit_id, m.final_number, m.state, m.invoice_number, l.line_no, l.quantity, l.net, l.tax, m.currency, l.closes_line,
                       m.reason_code, m.rebill, m.requested_by, m.decided_by
                FROM credit_line_source s JOIN credit_memo_line l ON l.credit_id = s.credit_id AND l.line_no = s.line_no
                JOIN credit_memo m ON m.credit_id = s.credit_id
                WHERE s.record_key = ? ORDER BY m.credit_id, l.line_no""").param(recordKey)
                .query((rs, i) -> new CreditedRecord(rs.getLong(1), rs.getString(2), CreditState.of(rs.getString(3)), rs.getString(4), rs.getInt(5),
                        rs.getBigDecimal(6), minor(rs.getBigDecimal(7), rs.getString(9)), minor(rs.getBigDecimal(8), rs.getString(9)), rs.getString(9),
                        rs.getBoolean(10),
                        CreditReason.of(rs.getString(11)), rs.getBoolean(12), rs.getString(13), rs.getString(14)))
                .list();
    }

    /**
     * The approved credits asked with a rebill of the invoices of one billing period (YYYY-MM), oldest first,
     * with the records of the lines they give back (docs/credits.md, "Rebills").
     */
    List<org.billrun.draft.port.Rebills.Reopened> approvedRebills(String period) {
        Map<Long, java.util.Set<org.billrun.draft.port.Rebills.Record>> records = new java.util.LinkedHashMap<>();
        Map<Long, String[]> credits = new HashMap<>();
        jdbc.sql("""
                SELECT m.credit_id, m.final_number, m.draft_id, s.record_kind, s.record_key
                FROM credit_memo m JOIN credit_line_source s ON s.credit_id = m.credit_id
                WHERE m.state = 'approved' AND m.rebill
                  AND EXISTS (SELECT 1 FROM billing_run r WHERE r.run_id = m.run_id AND r.period = ?)
                ORDER BY m.credit_id, s.record_kind, s.record_key""").param(period)
                .query(rs -> {
                    long id = rs.getLong(1);
                    credits.putIfAbsent(id, new String[] {rs.getString(2), rs.getString(3)});
                    records.computeIfAbsent(id, k -> new java.util.HashSet<>())
                            .add(new org.billrun.draft.port.Rebills.Record(rs.getString(4), rs.getString(5)));
                });
        return records.entrySet().stream().map(e -> new org.billrun.draft.port.Rebills.Reopened(e.getKey(), credits.get(e.getKey())[0],
                credits.get(e.getKey())[1], e.getValue())).toList();
    }

    /** The records of the lines of the run's invoices that approved credits gave back (in full or in part). */
    List<String> creditedRecordsOfRun(long runId) {
        return jdbc.sql("""
                SELECT DISTINCT s.record_key FROM credit_line_source s JOIN credit_memo m ON m.credit_id = s.credit_id
                WHERE m.run_id = ? AND m.state = 'approved'""").param(runId).query(String.class).list();
    }

    private List<CreditMemo.Line> lines(long creditId, String currency) {
        Map<Integer, List<String>> keys = new HashMap<>();
        jdbc.sql("SELECT line_no, record_key FROM credit_line_source WHERE credit_id = ? ORDER BY line_no, record_key").param(creditId)
                .query((rs, i) -> keys.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2))).list();
        return jdbc.sql("""
                SELECT line_no, description, quantity, unit_price, net, tax, tax_rule_id, tax_category, tax_rate, closes_line
                FROM credit_memo_line WHERE credit_id = ? ORDER BY line_no""").param(creditId)
                .query((rs, i) -> new CreditMemo.Line(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        minor(rs.getBigDecimal(5), currency), minor(rs.getBigDecimal(6), currency), rs.getString(7), rs.getString(8),
                        rs.getBigDecimal(9), rs.getBoolean(10), keys.getOrDefault(rs.getInt(1), List.of())))
                .list();
    }

    private List<CreditMemo.Task> tasks(long creditId) {
        return jdbc.sql("""
                SELECT task_id, step_no, role, rule, state, done_by, acting_user, done_at, comment FROM credit_task
                WHERE credit_id = ? ORDER BY step_no""").param(creditId)
                .query((rs, i) -> new CreditMemo.Task(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        CreditTaskState.of(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                        rs.getString(9)))
                .list();
    }

    /** An amount stored with 4 decimals, at its currency's minor unit (credits are stored at it: nothing is rounded). */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return amount.setScale(org.billrun.billing.MoneyFormat.minorDigits(currency), java.math.RoundingMode.UNNECESSARY);
    }

    private static CreditMemo memo(ResultSet rs, List<CreditMemo.Line> lines, List<CreditMemo.Task> tasks) throws SQLException {
        long id = rs.getLong("credit_id");
        String number = rs.getString("final_number");
        return new CreditMemo(id, number == null ? CreditMemo.reference(id) : number, number, rs.getObject("issue_date", LocalDate.class),
                rs.getString("invoice_number"), rs.getLong("run_id"), rs.getString("draft_id"), rs.getString("entity_id"),
                rs.getString("client_id"), rs.getString("currency"), minor(rs.getBigDecimal("net"), rs.getString("currency")),
                minor(rs.getBigDecimal("tax"), rs.getString("currency")), minor(rs.getBigDecimal("gross"), rs.getString("currency")),
                CreditReason.of(rs.getString("reason_code")), rs.getString("comment"), rs.getBoolean("rebill"), CreditState.of(rs.getString("state")),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class), rs.getString("decided_by"),
                rs.getString("decision_reason"), lines, tasks);
    }
}
