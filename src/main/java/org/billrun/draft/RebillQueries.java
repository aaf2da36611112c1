package org.billrun.draft;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rebill drafts' SQL (V41__rebill_drafts.sql): which credit each rebill draft bills again, and which
 * credits' rebills someone approved or adjusted (done: never drafted again; a rejection clears the draft's acted-on
 * mark, V14's approval_action_marks_draft, so a rejected rebill is drafted again like any rejected draft). Runs in the
 * caller's transaction.
 */
@Component
public class RebillQueries {

    private final JdbcClient jdbc;

    public RebillQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rebill draft: the run that wrote it, its id, its status and whether someone acted on it. */
    public record RebillDraft(long runId, String draftId, String status, boolean actedOn) {}

    /** The credits whose live rebill draft someone acted on (approved or adjusted; a rejection clears the mark): done. */
    Set<Long> actedOnCredits() {
        return new HashSet<>(jdbc.sql("""
                SELECT r.credit_id FROM draft_rebill r JOIN draft_invoice d ON d.run_id = r.run_id AND d.draft_id = r.draft_id
                WHERE d.status = 'live' AND d.acted_at IS NOT NULL""").query(Long.class).list());
    }

    void link(long runId, String draftId, long creditId) {
        jdbc.sql("INSERT INTO draft_rebill (run_id, draft_id, credit_id) VALUES (?, ?, ?)").params(runId, draftId, creditId).update();
    }

    /** The credit a draft bills again, if it is a rebill draft. */
    public Optional<Long> creditOf(long runId, String draftId) {
        return jdbc.sql("SELECT credit_id FROM draft_rebill WHERE run_id = ? AND draft_id = ?").params(runId, draftId).query(Long.class)
                .optional();
    }

    /** The records the run's rebill drafts bill. */
    public List<String> rebilledRecordsOfRun(long runId) {
        return jdbc.sql("""
                SELECT DISTINCT s.record_key FROM draft_line_source s JOIN draft_rebill r ON r.run_id = s.run_id AND r.draft_id = s.draft_id
                WHERE s.run_id = ?""").param(runId).query(String.class).list();
    }

    /** Every rebill draft of a credit, live first, newest run first. */
    public List<RebillDraft> ofCredit(long creditId) {
        return jdbc.sql("""
                SELECT d.run_id, d.draft_id, d.status, d.acted_at IS NOT NULL FROM draft_rebill r
                JOIN draft_invoice d ON d.run_id = r.run_id AND d.draft_id = r.draft_id
                WHERE r.credit_id = ? ORDER BY d.status = 'live' DESC, d.run_id DESC, d.draft_id""").param(creditId)
                .query((rs, i) -> new RebillDraft(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }
}
