package org.billrun.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.billrun.report.port.RunPostings;
import org.billrun.report.port.RunPostings.EntityPostings;

/**
 * The run report's posting figures (docs/run-report.md, KPIs; docs/posting.md): per legal entity, the run's
 * approved (numbered) invoices posted, waiting and failing, the latency from approval to posted (median and
 * p90) and the failure rate of the attempts. Empty until an invoice of the run is approved: the run's own
 * report stage writes before that, `billrun report RUN` later shows where posting stands.
 */
final class PostingFigures {

    private PostingFigures() {}

    static List<RunReport.Kpi> kpis(List<EntityPostings> entities) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        for (EntityPostings e : entities) {
            String at = ", entity " + e.entityId();
            kpis.add(count("posting_posted", "Invoices posted" + at, e.posted(), e.approved(),
                    "approved invoices of the run the ERP holds / approved (numbered) invoices of the run"));
            kpis.add(count("posting_waiting", "Invoices waiting to be posted" + at, e.waiting(), e.approved(),
                    "approved invoices not yet sent or being sent / approved invoices of the run"));
            kpis.add(count("posting_failing", "Invoices failing to post" + at, e.failing(), e.approved(),
                    "approved invoices failed (waiting for a retry, refused by the ERP, or to reconcile) / approved invoices of the run"));
            kpis.add(hours("posting_latency_median", "Posting latency, median" + at, e.latencyMedian(), e.posted(),
                    "hours from the approval (final number) to the ERP's answer posted, nearest-rank median; denominator: posted invoices"));
            kpis.add(hours("posting_latency_p90", "Posting latency, p90" + at, e.latencyP90(), e.posted(), "the same, 90th percentile"));
            kpis.add(new RunReport.Kpi("posting_failure_rate", "Posting attempts failed" + at, null, "percent",
                    RunPostings.failureRatePct(e).toPlainString(), Long.toString(e.failedAttempts()), Long.toString(e.finishedAttempts()),
                    "attempts that did not end posted or found (retryable, refused, unknown, interrupted) / attempts with an answer"));
        }
        return kpis;
    }

    private static RunReport.Kpi count(String code, String name, long numerator, long denominator, String definition) {
        return new RunReport.Kpi(code, name, null, "count", Long.toString(numerator), Long.toString(numerator), Long.toString(denominator),
                definition);
    }

    private static RunReport.Kpi hours(String code, String name, Duration value, long posted, String definition) {
        String hours = value == null ? null
                : BigDecimal.valueOf(value.toMillis()).divide(BigDecimal.valueOf(3_600_000), 3, RoundingMode.HALF_UP).toPlainString();
        return new RunReport.Kpi(code, name, null, "hours", hours, hours, Long.toString(posted), definition);
    }
}
