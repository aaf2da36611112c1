package org.billrun.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.billrun.draft.DraftQueries;
import org.billrun.ingest.IngestQueries;
import org.billrun.ingest.IngestQueries.Rejection;
import org.billrun.report.RunReportQueries;
import org.billrun.validate.ValidationQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only views of runs for the status, rejections and run commands. */
@Component
public class RunQueries {

    private final JdbcClient jdbc;
    private final IngestQueries ingest;
    private final ValidationQueries validation;
    private final DraftQueries drafts;
    private final RunReportQueries reports;

    RunQueries(JdbcClient jdbc, IngestQueries ingest, ValidationQueries validation, DraftQueries drafts, RunReportQueries reports) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.validation = validation;
        this.drafts = drafts;
        this.reports = reports;
    }

    public record RunRow(long runId, String period, String scope, long runNumber, String status, LocalDateTime started,
            LocalDateTime ended, long rowsRead, long rowsRejected) {}

    public List<RunRow> list(String period) {
        return jdbc.sql("""
                SELECT r.run_id, r.period, r.scope, r.run_number, e.status, first.start_time, e.end_time,
                       coalesce(sum(s.rows_read), 0) AS rows_read, coalesce(sum(s.rows_rejected), 0) AS rows_rejected
                FROM billing_run r
                JOIN LATERAL (SELECT status, end_time FROM batch_job_execution
                              WHERE job_instance_id = r.run_id ORDER BY job_execution_id DESC LIMIT 1) e ON true
                JOIN LATERAL (SELECT min(start_time) AS start_time FROM batch_job_execution
                              WHERE job_instance_id = r.run_id) first ON true
                LEFT JOIN source_file_totals s ON s.run_id = r.run_id
                WHERE (CAST(:period AS text) IS NULL OR r.period = :period)
                GROUP BY r.run_id, r.period, r.scope, r.run_number, e.status, first.start_time, e.end_time
                ORDER BY r.run_id""")
                .param("period", period)
                .query((rs, i) -> new RunRow(rs.getLong("run_id"), rs.getString("period"), rs.getString("scope"),
                        rs.getLong("run_number"), rs.getString("status"), timestamp(rs, "start_time"), timestamp(rs, "end_time"),
                        rs.getLong("rows_read"), rs.getLong("rows_rejected")))
                .list();
    }

    public Optional<RunSummary> summary(long runId, int rejectionLimit) {
        return jdbc.sql("""
                SELECT r.run_id, r.period, r.scope, r.run_number, r.input_dir, r.until_stage, e.status, e.exit_message,
                       (SELECT min(start_time) FROM batch_job_execution WHERE job_instance_id = r.run_id) AS started, e.end_time
                FROM billing_run r
                JOIN LATERAL (SELECT status, exit_message, end_time FROM batch_job_execution
                              WHERE job_instance_id = r.run_id ORDER BY job_execution_id DESC LIMIT 1) e ON true
                WHERE r.run_id = ?""")
                .param(runId)
                .query((rs, i) -> new RunSummary(rs.getLong("run_id"), rs.getString("period"), rs.getString("scope"),
                        rs.getLong("run_number"), rs.getString("status"), shortExitMessage(rs.getString("exit_message")),
                        rs.getString("input_dir"), rs.getString("until_stage"), timestamp(rs, "started"),
                        timestamp(rs, "end_time"), ingest.sources(runId), ingest.rejectedRows(runId),
                        ingest.rejections(runId, rejectionLimit), steps(runId), validation.summary(runId, kind -> ingest.rejectedRecords(runId, kind))
                                .orElse(null), drafts.totalsByCurrency(runId)))
                .optional();
    }

    /** The first {@code limit} rows the run rejected (billrun rejections). */
    public List<Rejection> rejections(long runId, int limit) {
        return ingest.rejections(runId, limit);
    }

    public Optional<String> latestPeriod() {
        return jdbc.sql("SELECT period FROM billing_run ORDER BY run_id DESC LIMIT 1").query(String.class).optional();
    }

    public Optional<Long> latestRunId() {
        return jdbc.sql("SELECT max(run_id) FROM billing_run").query(Long.class).optional();
    }

    /**
     * One line per step (worker partitions folded into loadSourceFile), as the run report counts it: the
     * step's last execution, with the executions of earlier attempts as its history, so that a step that
     * failed and then completed on a resume shows COMPLETED.
     */
    private List<RunSummary.StepTiming> steps(long runId) {
        return reports.steps(runId).stream()
                .map(s -> new RunSummary.StepTiming(s.step(), s.status(), s.reads(), s.writes(), seconds(s.seconds()), s.attempt(),
                        s.earlierAttempts().stream()
                                .map(a -> new RunSummary.EarlierAttempt(a.attempt(), a.status(), a.reads(), a.writes(), seconds(a.seconds())))
                                .toList()))
                .toList();
    }

    private static Double seconds(String seconds) {
        return seconds == null ? null : Double.valueOf(seconds);
    }

    private static String shortExitMessage(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return null;
        }
        String firstLine = exitMessage.lines().findFirst().orElse("");
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
    }

    private static LocalDateTime timestamp(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toLocalDateTime();
    }
}
