package org.billrun.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.billrun.infra.RunParameters;
import org.billrun.run.RunQueries;
import org.billrun.draft.DraftQueries.CurrencyTotals;
import org.billrun.ingest.IngestQueries;
import org.billrun.run.RunSummary;
import org.billrun.validate.ValidationQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records a billing run's metrics: per step when it ends (time, items read, written and skipped;
 * partition workers add up under their step's name), and when the run ends what it did (status,
 * duration, rows per source file, records per state, exceptions by rule, drafts by route), which it
 * then hands to the exporters. The values are this attempt's: a resumed run counts the steps it ran.
 */
final class RunMetrics implements JobExecutionListener, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    private final Gauges gauges;
    private final RunQueries runs;
    private final RunMetricsExport export;

    RunMetrics(Gauges gauges, RunQueries runs, RunMetricsExport export) {
        this.gauges = gauges;
        this.runs = runs;
        this.export = export;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        Tags tags = Tags.of("step", stepName(step.getStepName()));
        gauges.add(MetricNames.STEP_DURATION, "Time the step took in the last run (partitions added up)", tags,
                seconds(step.getStartTime(), step.getEndTime()));
        gauges.add(MetricNames.STEP_ITEMS_READ, "Items the step read in the last run", tags, step.getReadCount());
        gauges.add(MetricNames.STEP_ITEMS_WRITTEN, "Items the step wrote in the last run", tags, step.getWriteCount());
        gauges.add(MetricNames.STEP_ITEMS_SKIPPED, "Items the step skipped in the last run", tags, step.getSkipCount());
        return null;
    }

    @Override
    public void afterJob(JobExecution job) {
        try {
            recordRun(job);
        } catch (RuntimeException e) {
            // Spring Batch would swallow it silently; metrics must never change a run's outcome
            log.warn("Metrics of job execution {} were not recorded: {}", job.getId(), e.getMessage());
        }
    }

    private void recordRun(JobExecution job) {
        if (job.getJobParameters().getString("period") == null) {
            return; // not a billing run: the post job (docs/posting.md) has no period
        }
        long runId = job.getJobInstance().getInstanceId();
        RunParameters run = RunParameters.from(job.getJobParameters());
        boolean completed = job.getStatus() == BatchStatus.COMPLETED;
        gauges.set(MetricNames.RUN_INFO, "The last run's period, scope and last stage (always 1)",
                Tags.of("period", run.period().toString(), "scope", run.scope(), "until", run.until().label()), 1);
        gauges.set(MetricNames.RUN_ID, "The last run's id", Tags.empty(), runId);
        gauges.set(MetricNames.RUN_SUCCESS, "1 when the last run completed, 0 when it failed or stopped", Tags.empty(), completed ? 1 : 0);
        gauges.set(MetricNames.RUN_DURATION, "How long the last run's attempt took", Tags.empty(), seconds(job.getStartTime(), job.getEndTime()));
        double end = epochSeconds(job.getEndTime());
        gauges.set(MetricNames.RUN_END, "When the last run ended (Unix time)", Tags.empty(), end);
        if (completed) {
            gauges.set(MetricNames.RUN_LAST_SUCCESS, "When a run last completed (Unix time)", Tags.empty(), end);
        }
        try {
            runs.summary(runId, 0).ifPresent(this::recordOutcome);
        } catch (RuntimeException e) {
            log.warn("Metrics of run {}: cannot read its outcome from the database ({}); exporting the rest", runId, e.getMessage());
        }
        export.export(run);
    }

    private void recordOutcome(RunSummary summary) {
        for (IngestQueries.Source source : summary.sources()) {
            Tags file = Tags.of("file", source.file());
            gauges.set(MetricNames.SOURCE_ROWS_READ, "Rows of the input file read by the last run", file, source.rowsRead());
            Optional.ofNullable(source.rowsRejected()).ifPresent(rejected ->
                    gauges.set(MetricNames.SOURCE_ROWS_REJECTED, "Rows of the input file the last run rejected", file, rejected));
        }
        if (summary.validation() != null) {
            for (ValidationQueries.States states : summary.validation().states()) {
                records(states.kind(), "valid", states.valid());
                records(states.kind(), "held", states.held());
                records(states.kind(), "non_billable", states.nonBillable());
                records(states.kind(), "rejected", states.rejected());
            }
            for (ValidationQueries.Exceptions exceptions : summary.validation().exceptions()) {
                Tags rule = Tags.of("rule", exceptions.rule(), "severity", exceptions.severity());
                gauges.set(MetricNames.EXCEPTIONS_RAISED, "Exceptions the last run raised, by rule", rule, exceptions.newThisRun());
                gauges.set(MetricNames.EXCEPTIONS_OPEN, "Exceptions open after the last run, by rule", rule, exceptions.open());
            }
        }
        for (CurrencyTotals drafts : summary.drafts()) {
            Tags currency = Tags.of("currency", drafts.currency());
            gauges.set(MetricNames.DRAFTS, "Draft invoices of the last run by route", currency.and("route", "straight_through"),
                    drafts.straightThrough());
            gauges.set(MetricNames.DRAFTS, "Draft invoices of the last run by route", currency.and("route", "review"), drafts.review());
        }
    }

    private void records(String kind, String state, long count) {
        gauges.set(MetricNames.RECORDS, "Period records by state after the last run", Tags.of("kind", kind, "state", state), count);
    }

    /** Partition workers are named step:partition; they count under the step. */
    private static String stepName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        return start == null || end == null ? 0 : Duration.between(start, end).toNanos() / 1e9;
    }

    private static double epochSeconds(LocalDateTime time) {
        return time == null ? 0 : time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1e3;
    }
}
