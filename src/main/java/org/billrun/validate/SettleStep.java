package org.billrun.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Last step of validation. Closes the period's open exceptions that this run no longer raised, saying
 * why (the record was corrected by a newer version, withdrawn from the export, or simply passes now),
 * each with an audit entry; then writes the missing-time report. One transaction. Validation checks
 * every record of the period whatever the run's scope, so every open exception of the period is one
 * this run would have raised again: the scope does not narrow what it settles.
 */
class SettleStep implements Tasklet {

    private final ValidationRun run;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    SettleStep(ValidationRun run, AuditLog audit, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.run = run;
        this.audit = audit;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = run.runId();
        List<AuditLog.Entry> closed = jdbc.sql("""
                WITH stale AS (
                    SELECT e.exception_id,
                           CASE WHEN v.record_status = 'superseded' THEN 'superseded by a corrected version loaded by run ' || v.ended_by_run_id
                                WHEN v.record_status = 'withdrawn' THEN 'record withdrawn from the export by run ' || v.ended_by_run_id
                                ELSE 'no longer raised by run ' || :run END AS reason
                    FROM validation_exception e
                    LEFT JOIN LATERAL (
                        SELECT record_status, ended_by_run_id FROM time_entry WHERE e.record_kind = 'time_entry' AND id = e.record_row_id
                        UNION ALL SELECT record_status, ended_by_run_id FROM expense WHERE e.record_kind = 'expense' AND id = e.record_row_id
                        UNION ALL SELECT record_status, ended_by_run_id FROM milestone WHERE e.record_kind = 'milestone' AND id = e.record_row_id
                        UNION ALL SELECT record_status, ended_by_run_id FROM contract WHERE e.record_kind = 'contract' AND id = e.record_row_id
                        UNION ALL SELECT record_status, ended_by_run_id FROM consultant WHERE e.record_kind = 'consultant' AND id = e.record_row_id
                        UNION ALL SELECT record_status, ended_by_run_id FROM project WHERE e.record_kind = 'project' AND id = e.record_row_id) v ON true
                    WHERE e.period = :period AND e.status = 'open' AND e.last_seen_run_id <> :run)
                UPDATE validation_exception e SET status = 'resolved', status_changed_at = now(), status_changed_by = :actor,
                       status_reason = stale.reason
                FROM stale WHERE e.exception_id = stale.exception_id
                RETURNING e.exception_id, stale.reason""")
                .param("run", runId).param("period", run.period().toString()).param("actor", audit.actor())
                .query((rs, i) -> audit.entry(AuditAction.RESOLVED, "exception", rs.getLong(1), runId, rs.getString(2)))
                .list();
        audit.append(closed.stream().sorted(Comparator.comparingLong(AuditLog.Entry::subjectId)).toList());

        LocalDate asOf = run.asOf();
        Map<String, BigDecimal> recorded = new HashMap<>();
        jdbc.sql("""
                SELECT consultant_id, sum(hours) FROM current_time_entry
                WHERE ingest_period = ? AND work_date BETWEEN ? AND ? GROUP BY consultant_id""")
                .params(run.period().toString(), run.period().atDay(1), asOf)
                .query(rs -> {
                    recorded.put(rs.getString(1), rs.getBigDecimal(2));
                });
        List<MissingTime.Row> missing = MissingTime.report(run.period(), asOf, run.policy(), run.master(), recorded);
        jdbc.sql("DELETE FROM missing_time WHERE run_id = ?").param(runId).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO missing_time (run_id, consultant_id, consultant_name, entity_id, manager_id, manager_name, as_of,
                                          working_days, expected_hours, recorded_hours, missing_hours)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                missing.stream().map(row -> new Object[] {runId, row.consultantId(), row.consultantName(), row.entityId(), row.managerId(),
                        row.managerName(), row.asOf(), row.workingDays(), row.expectedHours(), row.recordedHours(), row.missingHours()})
                        .toList());
        contribution.incrementWriteCount(closed.size() + missing.size());
        return RepeatStatus.FINISHED;
    }
}
