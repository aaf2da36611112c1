package org.billrun.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.ApprovalKpis.By;
import org.billrun.billing.ApprovalKpis.Row;

/**
 * The run report's approval figures (docs/run-report.md, KPIs; docs/approval.md, "KPIs"), as key figures
 * of the report: first-pass rate, cycle time median and p90, approval write-down and write-off shares
 * per currency, SLA breaches, and pending approvals by region and by client. Empty while no draft of the
 * run has a review (the run's own report stage writes before anyone acts; `billrun report RUN` later
 * shows where approval stands).
 */
final class ApprovalFigures {

    private ApprovalFigures() {}

    static List<RunReport.Kpi> kpis(List<ApprovalKpis.Invoice> invoices, Instant now) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        if (invoices.isEmpty()) {
            return kpis;
        }
        List<Row> byCurrency = ApprovalKpis.of(invoices, By.ALL, now);
        for (Row r : byCurrency) {
            String c = r.currency();
            kpis.add(ratio("approval_first_pass_rate", "First-pass approval rate", c, r.firstPass(), r.approved() + r.rejected(),
                    "reviewed drafts approved at version 1, never adjusted / reviewed drafts approved or rejected (straight-through drafts left out)"));
            kpis.add(hours("approval_cycle_time_median", "Approval cycle time, median", c, r.cycleMedian(), r.approved(),
                    "hours from the draft being ready to its approval, median over the reviewed approvals (nearest rank); denominator: approvals"));
            kpis.add(hours("approval_cycle_time_p90", "Approval cycle time, p90", c, r.cycleP90(), r.approved(),
                    "the same, 90th percentile (nearest rank)"));
            kpis.add(new RunReport.Kpi("approval_write_down_share", "Approval write-down share", c, "ratio",
                    Amounts.ratio(r.writtenDown().amount(), r.drafted().amount()), Amounts.exact(r.writtenDown().amount(), c),
                    Amounts.exact(r.drafted().amount(), c), "net written down (less written up) by reviewers' adjustments / net of the drafts as drafted"));
            kpis.add(new RunReport.Kpi("approval_write_off_share", "Approval write-off share", c, "ratio",
                    Amounts.ratio(r.writtenOff().amount(), r.drafted().amount()), Amounts.exact(r.writtenOff().amount(), c),
                    Amounts.exact(r.drafted().amount(), c), "net of the lines reviewers wrote off / net of the drafts as drafted"));
        }
        int breaches = byCurrency.stream().mapToInt(Row::slaBreaches).sum();
        int tasks = byCurrency.stream().mapToInt(Row::tasks).sum();
        kpis.add(ratio("approval_sla_breaches", "Review tasks past their due time", null, breaches, tasks,
                "review tasks done after their due time, or open past it when the report was made / review tasks with a due time"));
        pending(kpis, ApprovalKpis.of(invoices, By.REGION, now), "region");
        pending(kpis, ApprovalKpis.of(invoices, By.CLIENT, now), "client");
        return kpis;
    }

    /** Pending approvals of each region or client that has any, as a count out of its reviewed drafts. */
    private static void pending(List<RunReport.Kpi> kpis, List<Row> rows, String by) {
        for (Row r : rows) {
            if (r.pending() > 0) {
                kpis.add(new RunReport.Kpi("approval_pending_by_" + by, "Pending approvals, " + by + " " + r.group(), r.currency(), "count",
                        Integer.toString(r.pending()), Integer.toString(r.pending()), Integer.toString(r.reviewed()),
                        "reviewed drafts of this " + by + " still waiting for an approval / its reviewed drafts"));
            }
        }
    }

    private static RunReport.Kpi ratio(String code, String name, String currency, int numerator, int denominator, String definition) {
        return new RunReport.Kpi(code, name, currency, "ratio", Amounts.ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator)),
                Integer.toString(numerator), Integer.toString(denominator), definition);
    }

    private static RunReport.Kpi hours(String code, String name, String currency, Duration value, int approvals, String definition) {
        String hours = value == null ? null
                : BigDecimal.valueOf(value.toSeconds()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP).toPlainString();
        return new RunReport.Kpi(code, name, currency, "hours", hours, hours, Integer.toString(approvals), definition);
    }
}
