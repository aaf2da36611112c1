package org.billrun.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.ApprovalKpis.Outcome;
import org.billrun.billing.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facts the approval KPIs need (docs/approval.md, "KPIs"), one {@link ApprovalKpis.Invoice} per live
 * draft that has a review: version 1's net and time, the latest version's state and decision time, the
 * net written down and off by the adjustments of all its versions, and its review tasks (cancelled ones
 * left out: their version was rejected or replaced before they came due).
 */
@Component
public class ApprovalKpiQueries {

    /** The drafts asked for: of one run (live or not), else the live drafts of a period or of all periods. */
    private static final String SCOPE = """
            (CASE WHEN CAST(:run AS bigint) IS NULL THEN d.status = 'live' AND (CAST(:period AS text) IS NULL OR d.period = :period)
                  ELSE d.run_id = :run END)""";

    private final JdbcClient jdbc;

    ApprovalKpiQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The live drafts of {@code period} (null: of every period) with their reviews. */
    public List<ApprovalKpis.Invoice> invoices(String period) {
        return invoices(period, null);
    }

    /** The drafts of run {@code runId}, live or superseded since, with their reviews (the run report's approval figures). */
    public List<ApprovalKpis.Invoice> invoicesOfRun(long runId) {
        return invoices(null, runId);
    }

    /**
     * Per currency, the value of the records on lines written off in an approved version of run
     * {@code runId}'s drafts: the records that end written off rather than billed (the run report's
     * conservation, invariant 1). A write-off in a version still in review is not one yet.
     */
    public Map<String, BigDecimal> writtenOffRecordValue(long runId) {
        Map<String, BigDecimal> values = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT v.currency, sum(s.value)
                FROM invoice_version v
                JOIN invoice_version_line l ON l.version_id = v.version_id AND l.written_off
                JOIN draft_line_source s ON s.run_id = v.run_id AND s.draft_id = v.draft_id AND s.line_no = l.line_no
                WHERE v.run_id = ? AND v.state = 'approved'
                GROUP BY v.currency""")
                .param(runId)
                .query(rs -> {
                    values.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return values;
    }

    /**
     * Per contract and period of the live drafts with an approved version, what reviewers took off the drafted net
     * before it was issued: written down (less written up) and written off, as the drafted net less the approved
     * version's (never below zero). The dispute risk's write-down history, beside the drafts' cap write-downs.
     */
    public Map<String, Map<YearMonth, BigDecimal>> reviewerWriteDowns() {
        Map<String, Map<YearMonth, BigDecimal>> down = new HashMap<>();
        jdbc.sql("""
                SELECT d.contract_id, d.period, sum(greatest(d.net - v.net, 0))
                FROM draft_invoice d JOIN invoice_version v ON v.run_id = d.run_id AND v.draft_id = d.draft_id AND v.state = 'approved'
                WHERE d.status = 'live' GROUP BY d.contract_id, d.period""")
                .query(rs -> {
                    down.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(YearMonth.parse(rs.getString(2)), rs.getBigDecimal(3));
                });
        return down;
    }

    private List<ApprovalKpis.Invoice> invoices(String period, Long runId) {
        Map<String, List<ApprovalKpis.Task>> tasks = new HashMap<>();
        jdbc.sql("""
                SELECT v.run_id || '/' || v.draft_id, t.due_at, t.done_at
                FROM approval_task t JOIN invoice_version v ON v.version_id = t.version_id
                JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE """ + SCOPE + """
                  AND t.state <> 'cancelled' AND t.due_at IS NOT NULL""")
                .param("period", period).param("run", runId)
                .query(rs -> {
                    OffsetDateTime done = rs.getObject(3, OffsetDateTime.class);
                    tasks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ApprovalKpis.Task(rs.getObject(2, OffsetDateTime.class).toInstant(), done == null ? null : done.toInstant()));
                });
        return jdbc.sql("""
                SELECT d.run_id || '/' || d.draft_id AS id, d.draft_id, d.entity_id, d.client_id, c.country, d.currency, v1.net,
                       v1.created_at, v1.straight_through AND vl.version_no = 1 AS straight, vl.state, vl.decided_at, vl.version_no,
                       coalesce(adj.down, 0) AS down, coalesce(adj.off, 0) AS off
                FROM draft_invoice d
                JOIN invoice_version v1 ON v1.run_id = d.run_id AND v1.draft_id = d.draft_id AND v1.version_no = 1
                JOIN LATERAL (SELECT v.state, v.decided_at, v.version_no FROM invoice_version v
                              WHERE v.run_id = d.run_id AND v.draft_id = d.draft_id ORDER BY v.version_no DESC LIMIT 1) vl ON true
                LEFT JOIN LATERAL (SELECT sum(CASE WHEN l.adjustment IN ('write_down', 'write_up') THEN -l.change END) AS down,
                                          sum(CASE WHEN l.adjustment = 'write_off' THEN -l.change END) AS off
                                   FROM invoice_version_line l JOIN invoice_version v ON v.version_id = l.version_id
                                   WHERE v.run_id = d.run_id AND v.draft_id = d.draft_id AND l.adjustment IS NOT NULL) adj ON true
                LEFT JOIN current_client c ON c.client_id = d.client_id
                WHERE """ + SCOPE + """
                ORDER BY d.draft_id""")
                .param("period", period).param("run", runId)
                .query((rs, i) -> {
                    String currency = rs.getString("currency");
                    Outcome outcome = switch (rs.getString("state")) {
                        case "approved" -> Outcome.APPROVED;
                        case "rejected" -> Outcome.REJECTED;
                        default -> Outcome.PENDING;
                    };
                    OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
                    BigDecimal down = rs.getBigDecimal("down").max(BigDecimal.ZERO);
                    return new ApprovalKpis.Invoice(rs.getString("draft_id"), rs.getString("entity_id"), rs.getString("client_id"),
                            rs.getString("country"), Money.of(rs.getBigDecimal("net"), currency), outcome,
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            outcome == Outcome.PENDING ? null : instant(decided), rs.getInt("version_no"), rs.getBoolean("straight"),
                            Money.of(down, currency), Money.of(rs.getBigDecimal("off"), currency),
                            tasks.getOrDefault(rs.getString("id"), List.of()));
                })
                .list();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
