package org.billrun.run;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.billrun.billing.Rounding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only views of runs for the status, rejections and run commands. */
@Component
public class RunQueries {

    private final JdbcClient jdbc;

    RunQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                        timestamp(rs, "end_time"), sources(runId), rejectedRows(runId), rejections(runId, rejectionLimit),
                        steps(runId), validation(runId), drafts(runId)))
                .optional();
    }

    private List<RunSummary.Drafts> drafts(long runId) {
        return jdbc.sql("""
                SELECT currency, count(*), count(*) FILTER (WHERE route = 'straight_through'), count(*) FILTER (WHERE route = 'review'),
                       sum(net), sum(tax), sum(gross), sum(write_down), bool_and(status = 'live')
                FROM draft_invoice WHERE run_id = ? GROUP BY currency ORDER BY currency""")
                .param(runId)
                .query((rs, i) -> new RunSummary.Drafts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        money(rs.getBigDecimal(5), rs.getString(1)), money(rs.getBigDecimal(6), rs.getString(1)),
                        money(rs.getBigDecimal(7), rs.getString(1)), money(rs.getBigDecimal(8), rs.getString(1)), rs.getBoolean(9)))
                .list();
    }

    /** Amounts in a summary are exact decimal strings at the currency's minor unit: JSON readers must not get binary floats. */
    private static String money(BigDecimal amount, String currency) {
        return Rounding.toMinorUnit(amount, currency).toPlainString();
    }

    private RunSummary.Validation validation(long runId) {
        record Policy(String cutoff, String asOf) {}
        Optional<Policy> policy = jdbc.sql("SELECT to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), as_of::text FROM run_policy WHERE run_id = ?")
                .param(runId).query((rs, i) -> new Policy(rs.getString(1), rs.getString(2))).optional();
        if (policy.isEmpty() || jdbc.sql("SELECT count(*) FROM validated_record WHERE run_id = ?").param(runId).query(Long.class).single() == 0) {
            return null;
        }
        List<RunSummary.States> states = jdbc.sql("""
                SELECT k.kind,
                       count(*) FILTER (WHERE v.state = 'valid'), count(*) FILTER (WHERE v.state = 'held'),
                       count(*) FILTER (WHERE v.state = 'non_billable'),
                       (SELECT count(*) FROM ingest_rejection j JOIN source_file s ON s.source_file_id = j.source_file_id
                        WHERE s.source_file_id = (SELECT coalesce(f.same_as_source_file_id, f.source_file_id) FROM source_file f
                                                  WHERE f.run_id = :run AND f.kind = k.file_kind))
                FROM (VALUES ('time_entry', 'TIME_ENTRIES', 1), ('expense', 'EXPENSES', 2), ('milestone', 'MILESTONES', 3)) AS k(kind, file_kind, ord)
                LEFT JOIN validated_record v ON v.run_id = :run AND v.record_kind = k.kind
                GROUP BY k.kind, k.file_kind, k.ord ORDER BY k.ord""")
                .param("run", runId)
                .query((rs, i) -> new RunSummary.States(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(1).equals("milestone") ? 0 : rs.getLong(5)))
                .list();
        List<RunSummary.Exceptions> exceptions = jdbc.sql("""
                SELECT rule_code, severity, count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'waived'),
                       count(*) FILTER (WHERE raised_by_run_id = :run)
                FROM validation_exception WHERE last_seen_run_id = :run
                GROUP BY rule_code, severity ORDER BY severity, rule_code""")
                .param("run", runId)
                .query((rs, i) -> new RunSummary.Exceptions(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
        long closed = jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'resolved' AND subject_type = 'exception'")
                .param(runId).query(Long.class).single();
        long missing = jdbc.sql("SELECT count(*) FROM missing_time WHERE run_id = ?").param(runId).query(Long.class).single();
        return new RunSummary.Validation(policy.get().cutoff(), policy.get().asOf(), states, exceptions, closed, missing);
    }

    public List<RunSummary.Rejection> rejections(long runId, int limit) {
        return jdbc.sql("""
                SELECT s.file_name, j.line_no, j.column_name, j.value_excerpt, j.reason
                FROM ingest_rejection j JOIN source_file s ON s.source_file_id = j.source_file_id
                WHERE j.run_id = ? ORDER BY s.source_file_id, j.line_no LIMIT ?""")
                .params(runId, limit)
                .query((rs, i) -> new RunSummary.Rejection(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    public Optional<String> latestPeriod() {
        return jdbc.sql("SELECT period FROM billing_run ORDER BY run_id DESC LIMIT 1").query(String.class).optional();
    }

    public Optional<Long> latestRunId() {
        return jdbc.sql("SELECT max(run_id) FROM billing_run").query(Long.class).optional();
    }

    private long rejectedRows(long runId) {
        return jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE run_id = ?").param(runId).query(Long.class).single();
    }

    private List<RunSummary.Source> sources(long runId) {
        return jdbc.sql("""
                SELECT s.file_name, s.present, s.sha256, s.size_bytes, s.rows_read, s.rows_accepted, s.rows_rejected, s.rows_new,
                       s.rows_changed, s.rows_unchanged, s.rows_withdrawn, same.run_id AS same_as_run
                FROM source_file_totals s LEFT JOIN source_file same ON same.source_file_id = s.same_as_source_file_id
                WHERE s.run_id = ? ORDER BY s.source_file_id""")
                .param(runId)
                .query((rs, i) -> new RunSummary.Source(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getLong(5), (Long) rs.getObject(6), (Long) rs.getObject(7),
                        (Long) rs.getObject(8), (Long) rs.getObject(9), (Long) rs.getObject(10), (Long) rs.getObject(11),
                        (Long) rs.getObject(12)))
                .list();
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
