package org.billrun.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.billrun.infra.Actor;
import org.springframework.beans.factory.annotation.Value;
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
     * {@code anchorBroken} says what happened (say, the last entries were removed). With an audit key,
     * {@code signedAnchors} of the {@code anchors} carried an HMAC and were checked, and {@code hmacBroken}
     * names the first that failed: an anchor rewritten, or an entry it signed changed (a rebuilt chain).
     */
    public record Verification(long rows, Optional<Long> firstBrokenRow, long lastId, String lastHash, Optional<String> anchorBroken,
            boolean keyed, long anchors, long signedAnchors, Optional<String> hmacBroken) {
        public boolean intact() {
            return firstBrokenRow.isEmpty() && anchorBroken.isEmpty() && hmacBroken.isEmpty();
        }
    }

    /** An anchored head: the last entry's id and hash, and its HMAC when an audit key was configured. */
    public record Head(long auditId, String hash, String hmac) {}

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Actor actor;
    private final String keyFile;
    private volatile Optional<AuditKey> key;

    /** @param keyFile the audit key's file ({@code billrun.audit.key-file}, else $BILLRUN_AUDIT_KEY_FILE); blank: none */
    public AuditLog(JdbcTemplate jdbcTemplate, Actor actor,
            @Value("${billrun.audit.key-file:${" + AuditKey.FILE_ENV + ":}}") String keyFile) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.actor = actor;
        this.keyFile = keyFile;
    }

    /** The configured audit key, read on first use (a command that never anchors does not need it). */
    public Optional<AuditKey> configuredKey() {
        Optional<AuditKey> read = key;
        if (read == null) {
            read = keyFile == null || keyFile.isBlank() ? Optional.empty() : Optional.of(AuditKey.read(Path.of(keyFile.strip())));
            key = read;
        }
        return read;
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
        return verify(configuredKey());
    }

    /** {@link #verify()} with this key, or none, instead of the configured one. */
    public Verification verify(Optional<AuditKey> withKey) {
        var state = new Object() {
            long rows;
            long lastId;
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
                        state.lastId = rs.getLong(1);
                    }
                });
        long anchors = jdbc.sql("SELECT count(*) FROM audit_anchor").query(Long.class).single();
        var signed = new Object() {
            long count;
            String broken;
        };
        withKey.ifPresent(k -> jdbc.sql("""
                SELECT n.anchor_id, n.audit_id, n.hash, n.hmac, n.at, a.hash FROM audit_anchor n
                LEFT JOIN audit_log a ON a.audit_id = n.audit_id WHERE n.hmac IS NOT NULL ORDER BY n.anchor_id""")
                .query(rs -> {
                    signed.count++;
                    if (signed.broken == null) {
                        signed.broken = signedAnchorBroken(k, rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6));
                    }
                }));
        return new Verification(state.rows, Optional.ofNullable(state.broken), state.lastId, state.previous, anchorBroken(),
                withKey.isPresent(), anchors, signed.count, Optional.ofNullable(signed.broken));
    }

    private static String signedAnchorBroken(AuditKey key, long anchorId, long auditId, String hash, String hmac, String at, String logged) {
        if (!key.signed(auditId, hash, hmac)) {
            return "anchor " + anchorId + " (entry " + auditId + ", " + at + ") does not carry this key's HMAC of its head: "
                    + "the anchor was rewritten, or the key is not the one it was signed with";
        }
        if (logged == null) {
            return "entry " + auditId + ", signed by anchor " + anchorId + " at " + at + ", is gone";
        }
        if (!logged.equals(hash)) {
            return "entry " + auditId + " no longer has the hash signed by anchor " + anchorId + " at " + at
                    + ": the chain up to it was changed and its hashes recomputed";
        }
        return null;
    }

    /**
     * Anchors the chain's head: records the last entry's id and hash in audit_anchor, which the database
     * keeps append-only, so that removing the last entries of the log is detected by {@link #verify}; with
     * an audit key, also the head's HMAC, so that a chain rebuilt with recomputed hashes is detected too.
     * Empty when the log has no entries.
     */
    public Optional<Head> anchorHead(String by) {
        return anchorHead(by, configuredKey());
    }

    /** {@link #anchorHead(String)} signed with this key, or unsigned, instead of the configured key. */
    public Optional<Head> anchorHead(String by, Optional<AuditKey> signer) {
        Optional<Head> head = head(signer);
        head.ifPresent(h -> jdbc.sql("INSERT INTO audit_anchor (audit_id, hash, anchored_by, hmac) VALUES (?, ?, ?, ?)")
                .params(h.auditId(), h.hash(), by, h.hmac()).update());
        return head;
    }

    /**
     * The chain's head as it is now (the last entry's id and hash), with its HMAC under the configured key when there is one;
     * writes nothing. Empty when the log has no entries. The run report records it.
     */
    public Optional<Head> head() {
        return head(configuredKey());
    }

    private Optional<Head> head(Optional<AuditKey> signer) {
        return jdbc.sql("SELECT audit_id, hash FROM audit_log ORDER BY audit_id DESC LIMIT 1")
                .query((rs, i) -> {
                    long id = rs.getLong(1);
                    String hash = rs.getString(2);
                    return new Head(id, hash, signer.map(k -> k.sign(id, hash)).orElse(null));
                })
                .optional();
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
