package org.billrun.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.PersonRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The approval stage's SQL: the directory (current_person, current_approval_limit), invoice versions, review
 * tasks and actions (V14__approval.sql). Other stages read approval's tables only through this class.
 * Versions count only while their draft is live (a later run may supersede a draft no one acted on), so
 * the reads join draft_invoice for its status.
 */
@Component
public class ApprovalQueries {

    /** A person of the directory with their roles, entities ({@code *}: all) and approval limits per currency. */
    public record Person(String userId, String name, String email, Set<PersonRole> roles, Set<String> entities,
            Map<String, BigDecimal> limits) {

        public boolean holds(PersonRole role) {
            return roles.contains(role);
        }

        public boolean actsFor(String entityId) {
            return entities.contains("*") || entities.contains(entityId);
        }
    }

    /** One version of a draft invoice. {@code live}: its draft is still the period's live draft. */
    public record Version(long versionId, long runId, String draftId, int versionNo, VersionState state, String entityId,
            String currency, BigDecimal net, BigDecimal tax, BigDecimal gross, BigDecimal writeDown, boolean straightThrough,
            String preparedBy, OffsetDateTime createdAt, String reasonCode, String comment, String decidedBy,
            OffsetDateTime decidedAt, boolean live) {}

    /** One review task. */
    public record Task(long taskId, long versionId, int stepNo, PersonRole role, String rule, String assignee,
            OffsetDateTime createdAt, OffsetDateTime dueAt, TaskState state, Long escalatedFrom, String doneBy, OffsetDateTime doneAt) {}

    /** One recorded action. */
    public record Action(long actionId, long versionId, Long taskId, ApprovalActionType action, String actor, String actingUser,
            String role, String rule, BigDecimal grossBefore, BigDecimal grossAfter, String reason, String comment, OffsetDateTime at) {}

    /** A line of a version 2 or later: net and tax, the adjustment made to it in this version, if any. */
    public record VersionLine(int lineNo, BigDecimal net, BigDecimal tax, String adjustment, BigDecimal change, boolean writtenOff) {}

    /** An open task of a live draft, as the queue lists it. */
    public record QueueRow(String draftId, long runId, int versionNo, String entityId, String clientId, String currency,
            BigDecimal gross, Task task) {}

    private static final String VERSION_COLUMNS = """
            v.version_id, v.run_id, v.draft_id, v.version_no, v.state, v.entity_id, v.currency, v.net, v.tax, v.gross,
            v.write_down, v.straight_through, v.prepared_by, v.created_at, v.reason_code, v.comment, v.decided_by, v.decided_at,
            d.status = 'live' AS live""";

    private static final String TASK_COLUMNS = """
            t.task_id, t.version_id, t.step_no, t.role, t.rule, t.assignee, t.created_at, t.due_at, t.state, t.escalated_from,
            t.done_by, t.done_at""";

    private final JdbcClient jdbc;

    public ApprovalQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ the directory

    /** The person whose user id, or else whose e-mail address, is {@code idOrEmail}. */
    public Optional<Person> person(String idOrEmail) {
        List<Person> found = jdbc.sql("""
                SELECT user_id, name, email, roles, entities FROM current_person
                WHERE user_id = :who OR lower(email) = lower(:who) ORDER BY user_id = :who DESC, user_id LIMIT 1""")
                .param("who", idOrEmail)
                .query((rs, i) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), roles(rs.getString(4)),
                        list(rs.getString(5)), Map.of()))
                .list();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Person p = found.get(0);
        Map<String, BigDecimal> limits = new LinkedHashMap<>();
        jdbc.sql("SELECT currency, limit_amount FROM current_approval_limit WHERE user_id = ? ORDER BY currency").param(p.userId())
                .query(rs -> {
                    limits.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return Optional.of(new Person(p.userId(), p.name(), p.email(), p.roles(), p.entities(), Map.copyOf(limits)));
    }

    /** How many people the directory holds. */
    public long people() {
        return jdbc.sql("SELECT count(*) FROM current_person").query(Long.class).single();
    }

    private static Set<PersonRole> roles(String value) {
        return list(value).stream().map(PersonRole::parse).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    // ------------------------------------------------------------------ versions

    /** Run and draft ids of the drafts that have a version: "runId/draftId". */
    public Set<String> opened() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT run_id || '/' || draft_id FROM invoice_version").query(String.class).list());
    }

    /** Who started the run: the preparer of its drafts. */
    public String runPreparer(long runId) {
        return jdbc.sql("SELECT preparer FROM billing_run WHERE run_id = ?").param(runId).query(String.class).single();
    }

    public long insertVersion(long runId, String draftId, int versionNo, String entityId, String currency, BigDecimal net,
            BigDecimal tax, BigDecimal gross, BigDecimal writeDown, boolean straightThrough, String preparedBy, OffsetDateTime createdAt,
            String reasonCode, String comment) {
        return jdbc.sql("""
                INSERT INTO invoice_version (run_id, draft_id, version_no, entity_id, currency, net, tax, gross, write_down,
                                             straight_through, prepared_by, created_at, reason_code, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, clock_timestamp()), ?, ?) RETURNING version_id""")
                .params(runId, draftId, versionNo, entityId, currency, net, tax, gross, writeDown, straightThrough, preparedBy, createdAt,
                        reasonCode, comment)
                .query(Long.class).single();
    }

    public void insertTask(long versionId, int stepNo, PersonRole role, String rule, String assignee, OffsetDateTime createdAt,
            OffsetDateTime dueAt, Long escalatedFrom) {
        jdbc.sql("""
                INSERT INTO approval_task (version_id, step_no, role, rule, assignee, created_at, due_at, escalated_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(versionId, stepNo, role.label(), rule, assignee, createdAt, dueAt, escalatedFrom).update();
    }

    /** The latest version of the draft with this id: of its live draft, else of the latest run that had one. */
    public Optional<Version> latest(String draftId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE v.draft_id = ? ORDER BY d.status = 'live' DESC, v.run_id DESC, v.version_no DESC LIMIT 1""")
                .param(draftId).query(ApprovalQueries::version).optional();
    }

    /** Version {@code versionNo} of the draft with this id (of its live draft, else of the latest run). */
    public Optional<Version> version(String draftId, int versionNo) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE v.draft_id = ? AND v.version_no = ? ORDER BY d.status = 'live' DESC, v.run_id DESC LIMIT 1""")
                .params(draftId, versionNo).query(ApprovalQueries::version).optional();
    }

    /** Every version of one run's draft, oldest first. */
    public List<Version> versions(long runId, String draftId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE v.run_id = ? AND v.draft_id = ? ORDER BY v.version_no""")
                .params(runId, draftId).query(ApprovalQueries::version).list();
    }

    /** Locks the version's row for the rest of the transaction and reads it again: one action per draft at a time. */
    public Version lock(long versionId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE v.version_id = ? FOR UPDATE OF v""")
                .param(versionId).query(ApprovalQueries::version).single();
    }

    /** An approved version by its id, without locking it (what posting builds the final invoice of); empty for any other. */
    public Optional<Version> approved(long versionId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE v.version_id = ? AND v.state = 'approved'""")
                .param(versionId).query(ApprovalQueries::version).optional();
    }

    /** Live versions in review that the matrix asks no approval of, of one run or (null) of every run. */
    public List<Version> straightThrough(Long runId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + """
                 FROM invoice_version v JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE d.status = 'live' AND v.state = 'in_review' AND v.straight_through
                  AND (CAST(? AS bigint) IS NULL OR v.run_id = ?)
                  AND NOT EXISTS (SELECT 1 FROM approval_task t WHERE t.version_id = v.version_id)
                ORDER BY v.run_id, v.draft_id""")
                .params(runId, runId).query(ApprovalQueries::version).list();
    }

    public void decide(long versionId, VersionState state, String who) {
        jdbc.sql("UPDATE invoice_version SET state = ?, decided_by = ?, decided_at = clock_timestamp() WHERE version_id = ?")
                .params(state.label(), who, versionId).update();
    }

    /** The lines of a version 2 or later (version 1's are the draft's). */
    public List<VersionLine> lines(long versionId) {
        return jdbc.sql("""
                SELECT l.line_no, l.net, l.tax, l.adjustment, l.change, l.written_off, v.currency
                FROM invoice_version_line l JOIN invoice_version v ON v.version_id = l.version_id
                WHERE l.version_id = ? ORDER BY l.line_no""")
                .param(versionId)
                .query((rs, i) -> new VersionLine(rs.getInt(1), minor(rs.getBigDecimal(2), rs.getString(7)), minor(rs.getBigDecimal(3), rs.getString(7)),
                        rs.getString(4), minor(rs.getBigDecimal(5), rs.getString(7)), rs.getBoolean(6)))
                .list();
    }

    public void insertLines(long versionId, List<VersionLine> lines) {
        for (VersionLine l : lines) {
            jdbc.sql("INSERT INTO invoice_version_line (version_id, line_no, net, tax, adjustment, change, written_off) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(versionId, l.lineNo(), l.net(), l.tax(), l.adjustment(), l.change(), l.writtenOff()).update();
        }
    }

    /**
     * A record a written-off line billed, of an approved version: it ends written off (invariant 1), with the
     * adjustment's reason code, the value the record carried and who approved the version.
     */
    public record WrittenOffRecord(String draftId, int versionNo, int lineNo, String recordKind, String recordKey, String currency,
            BigDecimal value, String reasonCode, String writtenOffBy, String approvedBy) {}

    /** The records written off in the run's approved versions, by draft, line and record. */
    public List<WrittenOffRecord> writtenOff(long runId) {
        return jdbc.sql("""
                SELECT v.draft_id, v.version_no, l.line_no, s.record_kind, s.record_key, v.currency, s.value + s.markup AS value,
                       w.reason_code, w.prepared_by, v.decided_by
                FROM invoice_version v
                JOIN invoice_version_line l ON l.version_id = v.version_id AND l.written_off
                JOIN draft_line_source s ON s.run_id = v.run_id AND s.draft_id = v.draft_id AND s.line_no = l.line_no
                JOIN LATERAL (SELECT x.reason_code, x.prepared_by FROM invoice_version x JOIN invoice_version_line xl
                              ON xl.version_id = x.version_id AND xl.line_no = l.line_no AND xl.adjustment = 'write_off'
                              WHERE x.run_id = v.run_id AND x.draft_id = v.draft_id ORDER BY x.version_no LIMIT 1) w ON true
                WHERE v.run_id = ? AND v.state = 'approved'
                ORDER BY v.draft_id, l.line_no, s.record_kind, s.record_key""")
                .param(runId)
                .query((rs, i) -> new WrittenOffRecord(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                .list();
    }

    // ------------------------------------------------------------------ tasks and actions

    public List<Task> tasks(long versionId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM approval_task t WHERE t.version_id = ? ORDER BY t.step_no, t.task_id")
                .param(versionId).query(ApprovalQueries::task).list();
    }

    public void taskDone(long taskId, String who) {
        jdbc.sql("UPDATE approval_task SET state = 'done', done_by = ?, done_at = clock_timestamp() WHERE task_id = ?")
                .params(who, taskId).update();
    }

    /** Sets when an open task is due (its clock starts when the step before it is done). */
    public void setDue(long taskId, OffsetDateTime due) {
        jdbc.sql("UPDATE approval_task SET due_at = ? WHERE task_id = ?").params(due, taskId).update();
    }

    /** Cancels the open tasks of a version that is no longer in review. */
    public void cancelOpenTasks(long versionId) {
        jdbc.sql("UPDATE approval_task SET state = 'cancelled' WHERE version_id = ? AND state = 'open'").param(versionId).update();
    }

    /** Marks an open task escalated (a task of the next role replaces it; see {@link #insertTask}). */
    public void escalate(long taskId) {
        jdbc.sql("UPDATE approval_task SET state = 'escalated' WHERE task_id = ? AND state = 'open'").param(taskId).update();
    }

    public long insertAction(long versionId, Long taskId, ApprovalActionType action, String actor, String actingUser, PersonRole role,
            String rule, BigDecimal grossBefore, BigDecimal grossAfter, String reason, String comment) {
        return jdbc.sql("""
                INSERT INTO approval_action (version_id, task_id, action, actor, acting_user, role, rule, gross_before, gross_after,
                                             reason, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING action_id""")
                .params(versionId, taskId, action.label(), actor, actingUser, role == null ? null : role.label(), rule, grossBefore,
                        grossAfter, reason, comment)
                .query(Long.class).single();
    }

    public List<Action> actions(long versionId) {
        return jdbc.sql("""
                SELECT action_id, version_id, task_id, action, actor, acting_user, role, rule, gross_before, gross_after, reason, comment, at
                FROM approval_action WHERE version_id = ? ORDER BY action_id""")
                .param(versionId)
                .query((rs, i) -> new Action(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3),
                        ApprovalActionType.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getString(11), rs.getString(12),
                        rs.getObject(13, OffsetDateTime.class)))
                .list();
    }

    /**
     * The open tasks of live drafts' latest versions, oldest due first. {@code overdueAt}: only tasks due
     * before it; {@code entityId}: only that entity's drafts; null means any.
     */
    public List<QueueRow> queue(Instant overdueAt, String entityId) {
        return jdbc.sql("SELECT v.draft_id, v.run_id, v.version_no, v.entity_id, d.client_id, v.currency, v.gross, " + TASK_COLUMNS + """
                 FROM approval_task t JOIN invoice_version v ON v.version_id = t.version_id
                JOIN draft_invoice d ON d.run_id = v.run_id AND d.draft_id = v.draft_id
                WHERE t.state = 'open' AND v.state = 'in_review' AND d.status = 'live'
                  AND (CAST(:overdue AS timestamptz) IS NULL OR t.due_at < :overdue)
                  AND (CAST(:entity AS text) IS NULL OR v.entity_id = :entity)
                  AND NOT EXISTS (SELECT 1 FROM approval_task e WHERE e.version_id = t.version_id AND e.state = 'open'
                                  AND e.step_no < t.step_no)
                ORDER BY t.due_at NULLS LAST, v.draft_id""")
                .param("overdue", overdueAt == null ? null : OffsetDateTime.ofInstant(overdueAt, java.time.ZoneOffset.UTC))
                .param("entity", entityId)
                .query((rs, i) -> new QueueRow(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), minor(rs.getBigDecimal(7), rs.getString(6)), task(rs, i)))
                .list();
    }

    /** An amount at its currency's minor unit (the database keeps 4 decimals; versions are rounded there). */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(MoneyFormat.minorDigits(currency), RoundingMode.HALF_UP);
    }

    private static Version version(ResultSet rs, int i) throws SQLException {
        String ccy = rs.getString("currency");
        return new Version(rs.getLong("version_id"), rs.getLong("run_id"), rs.getString("draft_id"), rs.getInt("version_no"),
                VersionState.of(rs.getString("state")), rs.getString("entity_id"), ccy, minor(rs.getBigDecimal("net"), ccy),
                minor(rs.getBigDecimal("tax"), ccy), minor(rs.getBigDecimal("gross"), ccy), minor(rs.getBigDecimal("write_down"), ccy),
                rs.getBoolean("straight_through"),
                rs.getString("prepared_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getString("reason_code"),
                rs.getString("comment"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getBoolean("live"));
    }

    private static Task task(ResultSet rs, int i) throws SQLException {
        return new Task(rs.getLong("task_id"), rs.getLong("version_id"), rs.getInt("step_no"), PersonRole.parse(rs.getString("role")),
                rs.getString("rule"), rs.getString("assignee"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("due_at", OffsetDateTime.class), TaskState.of(rs.getString("state")), (Long) rs.getObject("escalated_from"),
                rs.getString("done_by"), rs.getObject("done_at", OffsetDateTime.class));
    }
}
