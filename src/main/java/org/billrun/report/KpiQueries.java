package org.billrun.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The run report's key figures, each with what it is computed from and its definition (docs/run-report.md). */
final class KpiQueries {

    private final JdbcClient jdbc;

    KpiQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RunReport.Kpi> kpis(RunScope p, List<Conservation.StateCount> states, Map<String, LineTotals> lines,
            Map<String, InvoiceBridge.DraftTotals> drafts) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        kpis.add(ratio("straight_through_rate", "Straight-through rate", null,
                BigDecimal.valueOf(drafts.values().stream().mapToLong(InvoiceBridge.DraftTotals::straightThrough).sum()),
                BigDecimal.valueOf(drafts.values().stream().mapToLong(InvoiceBridge.DraftTotals::drafts).sum()),
                "drafts routed straight through (no exception, within every threshold) / all drafts of the run"));

        long excepted = jdbc.sql("""
                SELECT count(*) FROM (SELECT DISTINCT record_kind, record_row_id FROM validation_exception
                                      WHERE period = :period AND raised_by_run_id <= :run AND last_seen_run_id >= :run
                                        AND status = 'open' AND record_kind IN ('time_entry', 'expense', 'milestone')) x""")
                .param("run", p.run()).param("period", p.period()).query(Long.class).single();
        kpis.add(ratio("exception_rate", "Exception rate", null, BigDecimal.valueOf(excepted),
                BigDecimal.valueOf(states.stream().mapToLong(Conservation.StateCount::records).sum()),
                "period records (time entries, expenses, billable milestones) with at least one open exception of this run "
                        + "(blocking or warning) / all period records the run validated"));

        BigDecimal recorded = states.stream().filter(r -> r.kind().equals("time_entry") && !r.state().equals("non_billable"))
                .map(Conservation.StateCount::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal onDrafts = lines.values().stream().map(l -> l.timeHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        kpis.add(ratio("billed_vs_recorded_hours", "Billed vs recorded hours", null, onDrafts, recorded,
                "hours of the time entries on the run's drafts (billed at a rate, drawn from a retainer or covered by a fixed fee) "
                        + "/ billable hours recorded (valid and held time entries)"));

        drafts.forEach((c, d) -> {
            BigDecimal timeValue = lines.containsKey(c) ? lines.get(c).timeValue : BigDecimal.ZERO;
            kpis.add(new RunReport.Kpi("write_down_share", "Write-down share", c, "ratio", Amounts.ratio(d.writeDown(), timeValue),
                    Amounts.exact(d.writeDown(), c), Amounts.exact(timeValue, c),
                    "written down to not-to-exceed caps / value of the time entries on the run's drafts before write-down"));
        });

        jdbc.sql("""
                SELECT v.currency,
                       coalesce(sum(v.amount) FILTER (WHERE coalesce(t.approval_status, x.approval_status,
                                CASE m.status WHEN 'accepted' THEN 'approved' END) = 'approved'), 0),
                       sum(v.amount)
                FROM validated_record v
                LEFT JOIN time_entry t ON v.record_kind = 'time_entry' AND t.id = v.record_row_id
                LEFT JOIN expense x ON v.record_kind = 'expense' AND x.id = v.record_row_id
                LEFT JOIN milestone m ON v.record_kind = 'milestone' AND m.id = v.record_row_id
                WHERE v.run_id = :run AND v.state = 'held' AND v.amount IS NOT NULL AND v.currency IS NOT NULL
                GROUP BY v.currency ORDER BY v.currency""")
                .param("run", p.run())
                .query(rs -> {
                    String c = rs.getString(1);
                    kpis.add(new RunReport.Kpi("unbilled_approved_work", "Unbilled approved work", c, "amount",
                            Amounts.exact(rs.getBigDecimal(2), c), Amounts.exact(rs.getBigDecimal(2), c), Amounts.exact(rs.getBigDecimal(3), c),
                            "value of held records that were approved at the source (time and expenses approved, milestones "
                                    + "accepted) / value of all held records: approved work an exception keeps off the invoices"));
                });
        return kpis;
    }

    private static RunReport.Kpi ratio(String code, String name, String currency, BigDecimal numerator, BigDecimal denominator,
            String definition) {
        return new RunReport.Kpi(code, name, currency, "ratio", Amounts.ratio(numerator, denominator),
                numerator.stripTrailingZeros().toPlainString(), denominator.stripTrailingZeros().toPlainString(), definition);
    }
}
