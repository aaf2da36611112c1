package org.billrun.validate;

import java.util.List;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.infra.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's decision on proposed milestone evidence (`billrun milestones evidence confirm|reject`): each in one
 * transaction with its audit entry, naming who decided. Only a proposal (an acceptance a run found, not yet
 * decided) can be decided; a decision is final, as the audit log is (a mistaken confirmation is undone by
 * correcting the export: a milestone that is no longer marked billable does not bill).
 */
@Service
public class MilestoneEvidenceService {

    private final JdbcClient jdbc;
    private final MilestoneEvidenceQueries queries;
    private final AuditLog audit;

    public MilestoneEvidenceService(JdbcClient jdbc, MilestoneEvidenceQueries queries, AuditLog audit) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.audit = audit;
    }

    /** Confirms a proposal as the milestone's acceptance evidence: the next run lets the milestone bill. */
    @Transactional
    public MilestoneEvidence confirm(long id, String comment, String actor) {
        return decide(id, EvidenceState.CONFIRMED, comment, actor);
    }

    /** Rejects a proposal: it is not the milestone's acceptance (the comment, required, says why). */
    @Transactional
    public MilestoneEvidence reject(long id, String comment, String actor) {
        if (comment == null || comment.isBlank()) {
            throw new RefusedException("--comment is required to reject evidence: say why, for the audit trail");
        }
        return decide(id, EvidenceState.REJECTED, comment, actor);
    }

    private MilestoneEvidence decide(long id, EvidenceState decision, String comment, String actor) {
        if (actor == null || actor.isBlank()) {
            throw new RefusedException("who decides is unknown (no OS user or database login)");
        }
        String state = jdbc.sql("SELECT state FROM milestone_evidence WHERE evidence_id = ? FOR UPDATE").param(id).query(String.class)
                .optional()
                .orElseThrow(() -> new RefusedException("there is no evidence E-" + id + " (billrun milestones evidence list)"));
        if (!state.equals(EvidenceState.PROPOSED.label())) {
            throw new RefusedException("evidence E-" + id + " is " + state + ", not proposed; "
                    + (state.equals(EvidenceState.NOTED.label()) ? "it does not accept its milestone, so it cannot be evidence"
                            : "it was decided already (billrun milestones evidence show " + id + ")"));
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        jdbc.sql("""
                UPDATE milestone_evidence SET state = ?, decided_by = ?, decided_at = clock_timestamp(), decision_comment = ?
                WHERE evidence_id = ?""")
                .params(decision.label(), actor.strip(), note, id)
                .update();
        MilestoneEvidence decided = queries.find(id).orElseThrow();
        audit.append(List.of(new AuditLog.Entry(actor.strip(),
                decision == EvidenceState.CONFIRMED ? AuditAction.EVIDENCE_CONFIRMED : AuditAction.EVIDENCE_REJECTED,
                "milestone_evidence", id, decided.lastSeenRun(), "%s: \"%s\" (%s)%s".formatted(decided.milestoneId(),
                        decided.shortQuote(200), decided.file(), note == null ? "" : ": " + note))));
        return decided;
    }
}
