package org.billrun.validate;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.ExceptionStatus;
import org.billrun.billing.RuleCode;
import org.billrun.infra.RefusedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exception queue as people work it: list with filters, and waive or resolve one exception, each
 * with who and why, in the same transaction as its audit entry.
 */
@Service
public class ExceptionQueue {

    public record Filter(String period, Long runId, String owner, String rule, String severity, String status) {}

    public record Row(long id, String period, String status, String severity, String rule, String ownerRole, String ownerId,
            String recordKind, String recordKey, String file, Integer line, String message, BigDecimal amount, String currency,
            long raisedByRun, long lastSeenRun, OffsetDateTime raisedAt, OffsetDateTime statusChangedAt, String statusChangedBy,
            String statusReason) {}

    private static final String COLUMNS = """
            exception_id, period, status, severity, rule_code, owner_role, owner_id, record_kind, record_key, source_file, line_no,
            message, amount, currency, raised_by_run_id, last_seen_run_id, raised_at, status_changed_at, status_changed_by,
            status_reason""";

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("exception_id"), rs.getString("period"),
            rs.getString("status"), rs.getString("severity"), rs.getString("rule_code"), rs.getString("owner_role"),
            rs.getString("owner_id"), rs.getString("record_kind"), rs.getString("record_key"), rs.getString("source_file"),
            (Integer) rs.getObject("line_no"), rs.getString("message"), rs.getBigDecimal("amount"), rs.getString("currency"),
            rs.getLong("raised_by_run_id"), rs.getLong("last_seen_run_id"), rs.getObject("raised_at", OffsetDateTime.class),
            rs.getObject("status_changed_at", OffsetDateTime.class), rs.getString("status_changed_by"), rs.getString("status_reason"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ExceptionQueue(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Row> list(Filter f) {
        return jdbc.sql("""
                SELECT %s FROM validation_exception
                WHERE (CAST(:period AS text) IS NULL OR period = :period)
                  AND (CAST(:run AS bigint) IS NULL OR (raised_by_run_id <= :run AND last_seen_run_id >= :run
                       AND period = (SELECT period FROM billing_run WHERE run_id = :run)))
                  AND (CAST(:owner AS text) IS NULL OR owner_id = :owner OR owner_role = :owner)
                  AND (CAST(:rule AS text) IS NULL OR rule_code = upper(:rule))
                  AND (CAST(:severity AS text) IS NULL OR severity = lower(:severity))
                  AND (CAST(:status AS text) IS NULL OR status = lower(:status))
                ORDER BY period, owner_role, owner_id NULLS LAST, rule_code, source_file, line_no, exception_id""".formatted(COLUMNS))
                .param("period", f.period()).param("run", f.runId()).param("owner", f.owner()).param("rule", f.rule())
                .param("severity", f.severity()).param("status", f.status())
                .query(ROW)
                .list();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM validation_exception WHERE exception_id = ?").param(id).query(ROW).optional();
    }

    /** Accepts an open exception as it is: its record bills from the next run on. */
    @Transactional
    public Row waive(long id, String actor, String reason) {
        return close(id, ExceptionStatus.WAIVED, actor, reason);
    }

    /** Marks an open exception fixed at the source; if the next run still finds the problem, it reopens. */
    @Transactional
    public Row resolve(long id, String actor, String reason) {
        return close(id, ExceptionStatus.RESOLVED, actor, reason);
    }

    private Row close(long id, ExceptionStatus status, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedException("--reason is required: say why, for the audit trail");
        }
        if (actor == null || actor.isBlank()) {
            throw new RefusedException("--as is required when the OS user is unknown");
        }
        record Current(String status, String rule) {}
        Current row = jdbc.sql("SELECT status, rule_code FROM validation_exception WHERE exception_id = ? FOR UPDATE").param(id)
                .query((rs, i) -> new Current(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new RefusedException("there is no exception " + id));
        String current = row.status();
        if (status == ExceptionStatus.WAIVED && RuleCode.valueOf(row.rule()).pricesTheRecord()) {
            throw new RefusedException("exception " + id + " is " + row.rule() + ": a waiver cannot supply the missing rate, and "
                    + "billrun never bills at zero; add the rate to the input and run again");
        }
        if (!current.equals(ExceptionStatus.OPEN.label())) {
            throw new RefusedException("exception " + id + " is " + current + ", not open; only open exceptions can be "
                    + status.label() + " (see billrun exceptions --status all)");
        }
        jdbc.sql("""
                UPDATE validation_exception SET status = ?, status_changed_at = now(), status_changed_by = ?, status_reason = ?
                WHERE exception_id = ?""")
                .params(status.label(), actor.strip(), reason.strip(), id)
                .update();
        audit.append(List.of(new AuditLog.Entry(actor.strip(), status == ExceptionStatus.WAIVED ? AuditAction.WAIVED : AuditAction.RESOLVED, "exception", id, null, reason.strip())));
        return find(id).orElseThrow();
    }
}
