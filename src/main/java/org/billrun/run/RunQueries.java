package org.billrun.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.billrun.draft.DraftQueries;
import org.billrun.ingest.IngestQueries;
import org.billrun.ingest.IngestQueries.Rejection;
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

    RunQueries(JdbcClient jdbc, IngestQueries ingest, ValidationQueries validation, DraftQueries drafts) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.validation = validation;
        this.drafts = drafts;
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

    /** Worker partitions are folded into one line per step name; a restarted step counts all its attempts. */
    private List<RunSummary.StepTiming> steps(long runId) {
        return jdbc.sql("""
                SELECT CASE WHEN s.step_name LIKE 'loadSourceFile:%' THEN 'loadSourceFile' ELSE s.step_name END AS step,
                       CASE WHEN bool_and(s.status = 'COMPLETED') THEN 'COMPLETED' ELSE max(s.status) END AS status,
                       sum(s.read_count) AS reads, sum(s.write_count) AS writes,
                       sum(extract(epoch FROM (s.end_time - s.start_time)))::float8 AS seconds,
                       min(s.step_execution_id) AS first
                FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE e.job_instance_id = ?
                GROUP BY 1 ORDER BY first""")
                .param(runId)
                .query((rs, i) -> new RunSummary.StepTiming(rs.getString("step"), rs.getString("status"), rs.getLong("reads"),
                        rs.getLong("writes"), (Double) rs.getObject("seconds")))
                .list();
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
