package org.billrun.validate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.billrun.assist.evidence.MentionKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the milestone evidence validation found (milestone_evidence, V42): for the commands, for review
 * and for the next run's check of a milestone. Proposals first, most convincing first.
 */
@Component
public class MilestoneEvidenceQueries {

    /** {@code all} false leaves out what says nothing about acceptance (plain mentions, terms, quoted text). */
    public record Filter(String milestoneId, EvidenceState state, boolean all) {}

    static final String COLUMNS = """
            evidence_id, milestone_id, contract_id, kind, file, file_sha256, quote, evidence_date, date_source, sender, confidence, why,
            state, found_by_run_id, last_seen_run_id, found_at, decided_by, decided_at, decision_comment""";

    private static final String ORDER = """
            ORDER BY milestone_id, CASE state WHEN 'confirmed' THEN 0 WHEN 'proposed' THEN 1 WHEN 'rejected' THEN 2 ELSE 3 END,
                     confidence DESC, file, evidence_id""";

    static final RowMapper<MilestoneEvidence> ROW = (rs, i) -> new MilestoneEvidence(rs.getLong("evidence_id"), rs.getString("milestone_id"),
            rs.getString("contract_id"), MentionKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("file"),
            rs.getString("file_sha256"), rs.getString("quote"), rs.getObject("evidence_date", LocalDate.class), rs.getString("date_source"),
            rs.getString("sender"), rs.getBigDecimal("confidence"), rs.getString("why"), EvidenceState.of(rs.getString("state")),
            rs.getLong("found_by_run_id"), rs.getLong("last_seen_run_id"), rs.getObject("found_at", OffsetDateTime.class),
            rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_comment"));

    private final JdbcClient jdbc;

    public MilestoneEvidenceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MilestoneEvidence> list(Filter filter) {
        return jdbc.sql("""
                SELECT %s FROM milestone_evidence
                WHERE (CAST(:milestone AS text) IS NULL OR upper(milestone_id) = upper(:milestone))
                  AND (CAST(:state AS text) IS NULL OR state = :state)
                  AND (:all OR kind NOT IN ('mention', 'terms', 'quoted'))
                %s""".formatted(COLUMNS, ORDER))
                .param("milestone", filter.milestoneId()).param("state", filter.state() == null ? null : filter.state().label())
                .param("all", filter.all())
                .query(ROW).list();
    }

    public Optional<MilestoneEvidence> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM milestone_evidence WHERE evidence_id = ?").param(id).query(ROW).optional();
    }

    /** Everything found about these milestones, per milestone id (each list proposals and confirmations first). */
    public Map<String, List<MilestoneEvidence>> ofMilestones(Collection<String> milestoneIds) {
        Map<String, List<MilestoneEvidence>> byMilestone = new LinkedHashMap<>();
        if (milestoneIds.isEmpty()) {
            return byMilestone;
        }
        jdbc.sql("SELECT %s FROM milestone_evidence WHERE milestone_id = ANY(:ids) %s".formatted(COLUMNS, ORDER))
                .param("ids", milestoneIds.toArray(String[]::new))
                .query(ROW).list()
                .forEach(e -> byMilestone.computeIfAbsent(e.milestoneId(), k -> new java.util.ArrayList<>()).add(e));
        return byMilestone;
    }

    /** A milestone's confirmed evidence, the most convincing first: what review shows beside its line. */
    public List<MilestoneEvidence> confirmed(String milestoneId) {
        return ofMilestones(List.of(milestoneId)).getOrDefault(milestoneId, List.of()).stream()
                .filter(e -> e.state() == EvidenceState.CONFIRMED).toList();
    }
}
