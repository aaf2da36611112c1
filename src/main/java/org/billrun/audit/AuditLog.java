package org.billrun.audit;

import java.util.List;
import java.util.Optional;
import org.billrun.infra.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only, hash-chained audit log (table audit_log). The database chains each row to the one
 * before it and refuses updates and deletes (see V4__validation.sql); this class appends, in the
 * caller's transaction, and verifies the chain.
 */
@Component
public class AuditLog {

    /** One state change: who did what to which subject, in which run, and why. */
    public record Entry(String actor, AuditAction action, String subjectType, long subjectId, Long runId, String detail) {}

    /**
     * The first row whose stored hash does not match its content or its predecessor, if any; and, when the
     * chain's head was anchored (audit_anchor), whether the anchored entry is still there unchanged: if not,
     * {@code anchorBroken} says what happened (say, the last entries were removed).
     */
    public record Verification(long rows, Optional<Long> firstBrokenRow, String lastHash, Optional<String> anchorBroken) {
        public boolean intact() {
            return firstBrokenRow.isEmpty() && anchorBroken.isEmpty();
        }
    }

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Actor actor;

    public AuditLog(JdbcTemplate jdbcTemplate, Actor actor) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.actor = actor;
    }

    /** Who runs this command: every entry the command makes for itself names them (see {@link #entry}). */
    public String actor() {
        return actor.name();
    }

    /** An entry made by the command's own actor (a person acting under another name gives it to {@link Entry} directly). */
    public Entry entry(AuditAction action, String subjectType, long subjectId, Long runId, String detail) {
        return new Entry(actor.name(), action, subjectType, subjectId, runId, detail);
    }

    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // prev_hash and hash are set by the chaining trigger
        jdbcTemplate.batchUpdate("""
                INSERT INTO audit_log (actor, action, subject_type, subject_id, run_id, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, '', '')""", entries, 500, (ps, e) -> {
            ps.setString(1, e.actor());
            ps.setString(2, e.action().label());
            ps.setString(3, e.subjectType());
            ps.setLong(4, e.subjectId());
            ps.setObject(5, e.runId());
            ps.setString(6, e.detail());
        });
    }

    /**
     * Recomputes every row's hash in id order and checks that each row names its predecessor's hash, in
     * one pass that keeps only the last hash.
     */
    public Verification verify() {
        var state = new Object() {
            long rows;
            Long broken;
            String previous = "0".repeat(64);
        };
        jdbc.sql("""
                SELECT a.audit_id, a.prev_hash, a.hash, encode(sha256(convert_to(audit_log_payload(a), 'UTF8')), 'hex')
                FROM audit_log a ORDER BY a.audit_id""")
                .query(rs -> {
                    state.rows++;
                    if (state.broken != null) {
                        return;
                    }
                    if (!rs.getString(2).equals(state.previous) || !rs.getString(3).equals(rs.getString(4))) {
                        state.broken = rs.getLong(1);
                    } else {
                        state.previous = rs.getString(3);
                    }
                });
        return new Verification(state.rows, Optional.ofNullable(state.broken), state.previous, anchorBroken());
    }

    /**
     * Anchors the chain's head: records the last entry's id and hash in audit_anchor, which the database
     * keeps append-only, so that removing the last entries of the log is detected by {@link #verify}.
     */
    public void anchorHead(String by) {
        jdbc.sql("""
                INSERT INTO audit_anchor (audit_id, hash, anchored_by)
                SELECT audit_id, hash, ? FROM audit_log ORDER BY audit_id DESC LIMIT 1""").param(by).update();
    }

    /** Whether the latest anchored head is still in the log with its hash; the problem if not. */
    private Optional<String> anchorBroken() {
        return jdbc.sql("""
                SELECT n.audit_id, n.hash, n.at, a.hash FROM audit_anchor n LEFT JOIN audit_log a ON a.audit_id = n.audit_id
                ORDER BY n.anchor_id DESC LIMIT 1""")
                .query((rs, i) -> {
                    String stored = rs.getString(4);
                    if (stored == null) {
                        return Optional.of("entry " + rs.getLong(1) + ", the head anchored at " + rs.getString(3) + ", is gone: the last entries were removed");
                    }
                    return stored.equals(rs.getString(2)) ? Optional.<String>empty()
                            : Optional.of("entry " + rs.getLong(1) + " no longer has the hash anchored at " + rs.getString(3));
                })
                .optional().flatMap(o -> o);
    }
}
