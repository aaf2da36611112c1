package org.billrun.draft;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the dispute risk reads of drafts: how many lines each has and how many of them no record stands behind (a cap
 * write-down, a deduction, needs none), for a run's drafts and for a contract's earlier periods. Counted in the
 * database rather than by reading every line.
 */
@Component
public class DraftEvidenceQueries {

    /** Per draft_line l: whether no record stands behind it. */
    private static final String WITHOUT_EVIDENCE = """
            l.line_type <> 'cap_write_down'
            AND NOT EXISTS (SELECT 1 FROM draft_line_source s WHERE s.run_id = l.run_id AND s.draft_id = l.draft_id AND s.line_no = l.line_no)""";

    private final JdbcClient jdbc;

    public DraftEvidenceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many lines a draft has, and how many of them no record stands behind. */
    public record Evidence(int lines, int linesWithoutEvidence) {}

    /** Per draft of the run, by draft id, its lines and those without evidence. */
    public Map<String, Evidence> evidence(long runId) {
        Map<String, Evidence> evidence = new HashMap<>();
        jdbc.sql("SELECT l.draft_id, count(*), count(*) FILTER (WHERE " + WITHOUT_EVIDENCE + ")\n"
                        + "FROM draft_line l WHERE l.run_id = ? GROUP BY l.draft_id")
                .param(runId)
                .query(rs -> {
                    evidence.put(rs.getString(1), new Evidence(rs.getInt(2), rs.getInt(3)));
                });
        return evidence;
    }

    /**
     * A contract's billing of a period before another, as the dispute risk reads a contract's history: its net, its
     * lines, the lines no record stands behind and what was written down.
     */
    public record Earlier(String contractId, String clientId, String period, String currency, BigDecimal net, int lines,
            int linesWithoutEvidence, BigDecimal writeDown) {}

    /**
     * The live drafts of the periods before {@code period}, one per contract, period and currency: a contract's invoiced
     * draft and its rebill drafts ({@code <draft>-R<credit>}, live beside it) are one period's billing, summed, so that a
     * rebilled period counts once in a contract's history (its credit is subtracted once, by the caller).
     */
    public List<Earlier> earlierLive(String period) {
        return jdbc.sql("""
                SELECT d.contract_id, min(d.client_id), d.period, d.currency, sum(d.net), sum(d.write_down),
                       sum((SELECT count(*) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id)) AS lines,
                       sum((SELECT count(*) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id AND\s""" + WITHOUT_EVIDENCE + """
                       )) AS bare
                FROM draft_invoice d WHERE d.status = 'live' AND d.period < ?
                GROUP BY d.contract_id, d.period, d.currency ORDER BY d.contract_id, d.period, d.currency""")
                .param(period)
                .query((rs, i) -> new Earlier(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getInt(7), rs.getInt(8), rs.getBigDecimal(6)))
                .list();
    }
}
