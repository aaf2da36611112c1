package org.billrun.disputes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The disputes table's SQL (V27__disputes.sql), and what other stages may read of it: the disputes of an
 * invoice or a client, and the figures the run report and {@code kpis} show.
 */
@Component
public class DisputeQueries {

    private static final String COLUMNS = """
            dispute_id, final_number, run_id, draft_id, version_no, entity_id, client_id, currency, lines, reason_text, source,
            external_ref, suggested_reason, suggested_confidence, suggestion, reason, classified_by, state, opened_by, opened_at,
            resolved_by, resolved_at, resolution_comment, credit_number""";

    private final JdbcClient jdbc;

    public DisputeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new dispute's row; returns its id. */
    long insert(long versionId, long runId, String draftId, int versionNo, String entityId, String clientId, String contractId,
            String period, String finalNumber,
            String currency, List<Integer> lines, String reasonText, String source, String externalRef, DisputeReason suggested,
            double confidence, String suggestion, String openedBy) {
        return jdbc.sql("""
                INSERT INTO dispute (version_id, run_id, draft_id, version_no, entity_id, client_id, contract_id, period, final_number, currency,
                                     lines, reason_text, source, external_ref, suggested_reason, suggested_confidence, suggestion, opened_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS integer[]), ?, ?, ?, ?, ?, ?, ?) RETURNING dispute_id""")
                .params(versionId, runId, draftId, versionNo, entityId, clientId, contractId, period, finalNumber, currency, arrayLiteral(lines), reasonText,
                        source, externalRef, suggested.code(), BigDecimal.valueOf(confidence).setScale(4, RoundingMode.HALF_UP), suggestion,
                        openedBy)
                .query(Long.class).single();
    }

    /** Locks the dispute's row for the rest of the transaction and reads it: one decision per dispute at a time. */
    Optional<Dispute> lock(long disputeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE dispute_id = ? FOR UPDATE").param(disputeId)
                .query(DisputeQueries::dispute).optional();
    }

    void classify(long disputeId, DisputeReason reason, String by) {
        jdbc.sql("UPDATE dispute SET reason = ?, classified_by = ?, classified_at = clock_timestamp() WHERE dispute_id = ?")
                .params(reason.code(), by, disputeId).update();
    }

    void resolve(long disputeId, DisputeState state, String by, String comment, String creditNumber) {
        jdbc.sql("""
                UPDATE dispute SET state = ?, resolved_by = ?, resolved_at = clock_timestamp(), resolution_comment = ?, credit_number = ?
                WHERE dispute_id = ?""")
                .params(state.label(), by, comment, creditNumber, disputeId).update();
    }

    public Optional<Dispute> dispute(long disputeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE dispute_id = ?").param(disputeId).query(DisputeQueries::dispute).optional();
    }

    /** The dispute opened from this source's notice, if any. */
    public Optional<Dispute> bySourceRef(String source, String externalRef) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE source = ? AND external_ref = ?").params(source, externalRef)
                .query(DisputeQueries::dispute).optional();
    }

    /** The disputes, newest first; {@code state} narrows them (null: all). */
    public List<Dispute> disputes(DisputeState state) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE (CAST(? AS text) IS NULL OR state = ?) ORDER BY dispute_id DESC")
                .params(state == null ? null : state.label(), state == null ? null : state.label())
                .query(DisputeQueries::dispute).list();
    }

    /** The disputes of one invoice (by its final number), oldest first. */
    public List<Dispute> ofInvoice(String finalNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE final_number = ? ORDER BY dispute_id").param(finalNumber)
                .query(DisputeQueries::dispute).list();
    }

    /** The disputes of one run's invoices, oldest first. */
    public List<Dispute> ofRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispute WHERE run_id = ? ORDER BY dispute_id").param(runId)
                .query(DisputeQueries::dispute).list();
    }

    /** The periods in which each contract's invoices were disputed (a dispute of any outcome counts), by contract id. */
    public Map<String, Set<YearMonth>> disputedPeriods() {
        Map<String, Set<YearMonth>> periods = new HashMap<>();
        jdbc.sql("SELECT DISTINCT contract_id, period FROM dispute").query(rs -> {
            periods.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(YearMonth.parse(rs.getString(2)));
        });
        return periods;
    }

    static String arrayLiteral(List<Integer> lines) {
        return "{" + String.join(",", lines.stream().map(String::valueOf).toList()) + "}";
    }

    private static Dispute dispute(ResultSet rs, int i) throws SQLException {
        Array lines = rs.getArray("lines");
        List<Integer> lineNos = lines == null ? List.of() : Arrays.stream((Integer[]) lines.getArray()).toList();
        String suggested = rs.getString("suggested_reason");
        String reason = rs.getString("reason");
        BigDecimal confidence = rs.getBigDecimal("suggested_confidence");
        return new Dispute(rs.getLong("dispute_id"), rs.getString("final_number"), rs.getLong("run_id"), rs.getString("draft_id"),
                rs.getInt("version_no"), rs.getString("entity_id"), rs.getString("client_id"), rs.getString("currency"), lineNos,
                rs.getString("reason_text"), rs.getString("source"), rs.getString("external_ref"),
                suggested == null ? null : DisputeReason.parse(suggested), confidence == null ? 0 : confidence.doubleValue(),
                rs.getString("suggestion"), reason == null ? null : DisputeReason.parse(reason), rs.getString("classified_by"),
                DisputeState.of(rs.getString("state")), rs.getString("opened_by"), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getString("resolved_by"), rs.getObject("resolved_at", OffsetDateTime.class), rs.getString("resolution_comment"),
                rs.getString("credit_number"));
    }
}
