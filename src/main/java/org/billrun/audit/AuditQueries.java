package org.billrun.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.billrun.infra.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the audit log (table audit_log) for people: its entries in chain order, all or those of one subject. */
@Component
public class AuditQueries {

    /** One entry as stored: when, who, what, to which subject, in which run, why, and its place in the chain. */
    public record Logged(long id, OffsetDateTime at, String actor, String action, String subjectType, long subjectId, Long runId,
                         String detail, String hash) {

        /** The subject as {@code --subject} names it, e.g. "exception:17". */
        public String subject() {
            return subjectType + ":" + subjectId;
        }
    }

    /**
     * Which entries: every one, those of a subject type ("exception", "run"), or of one subject ("exception:17").
     * Parsed from the text a person typed; a malformed id is refused.
     */
    public record Subject(String type, Long id) {

        public static final Subject ALL = new Subject(null, null);

        public static Subject parse(String text) {
            if (text == null || text.isBlank()) {
                return ALL;
            }
            String[] parts = text.strip().split(":", 2);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                throw new RefusedException("--subject takes TYPE or TYPE:ID, e.g. exception or exception:17, not '" + text + "'");
            }
            if (parts.length == 1) {
                return new Subject(type, null);
            }
            try {
                return new Subject(type, Long.parseLong(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new RefusedException("--subject takes TYPE or TYPE:ID with a numeric id, e.g. exception:17, not '" + text + "'");
            }
        }
    }

    private final JdbcClient jdbc;

    public AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The entries of {@code subject} in chain order (oldest first). */
    public List<Logged> list(Subject subject) {
        return jdbc.sql("""
                SELECT audit_id, at, actor, action, subject_type, subject_id, run_id, detail, hash
                FROM audit_log
                WHERE (CAST(:type AS text) IS NULL OR subject_type = :type)
                  AND (CAST(:id AS bigint) IS NULL OR subject_id = :id)
                ORDER BY audit_id""")
                .param("type", subject.type())
                .param("id", subject.id())
                .query((rs, i) -> new Logged(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getObject(7, Long.class), rs.getString(8), rs.getString(9)))
                .list();
    }
}
