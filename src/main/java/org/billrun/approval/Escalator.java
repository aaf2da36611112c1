package org.billrun.approval;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billrun.approval.ApprovalQueries.QueueRow;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.PersonRole;
import org.billrun.infra.RefusedException;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.validate.ValidationQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code billrun escalate} (docs/approval.md, "Escalation"): each open review task past its due time goes
 * to the next role of the run's {@code approval.escalation-order}. The overdue task is marked escalated and
 * a task of the next role takes its step, due that role's hours from now; the audit log records both. A
 * task of the last role stays where it is and is reported. Idempotent: a second run at the same time
 * finds nothing overdue (the new tasks are not), and two runs at once take turns on an advisory lock.
 */
@Component
public class Escalator {

    /** One overdue task: escalated to {@code to}, or (to null) left with the last role of the order. */
    public record Escalation(String draftId, long runId, int versionNo, int stepNo, long taskId, PersonRole from, PersonRole to,
            String rule, Instant wasDue, Instant due) {

        public boolean moved() {
            return to != null;
        }
    }

    private final ApprovalQueries queries;
    private final ApprovalService approvals;
    private final ValidationQueries validation;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    Escalator(ApprovalQueries queries, ApprovalService approvals, ValidationQueries validation, AuditLog audit, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.queries = queries;
        this.approvals = approvals;
        this.validation = validation;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Escalates every task overdue at {@code now}, in one transaction, after opening the reviews of new drafts;
     * returns what it did, oldest due first.
     */
    public List<Escalation> escalate(Instant now) {
        approvals.openReviews();
        return tx.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('billrun.approval.escalate'))").query(Object.class).single();
            Map<Long, ApprovalPolicy> policies = new HashMap<>();
            List<Escalation> done = new ArrayList<>();
            List<AuditLog.Entry> entries = new ArrayList<>();
            for (QueueRow row : queries.queue(now, null)) {
                queries.lock(row.task().versionId());
                if (!stillOpen(row.task())) {
                    continue; // acted on since the queue was read
                }
                Escalation escalation = plan(row, policies.computeIfAbsent(row.runId(), this::policy), now);
                if (escalation.moved()) {
                    queries.escalate(escalation.taskId());
                    queries.insertTask(row.task().versionId(), escalation.stepNo(), escalation.to(), escalation.rule(), null,
                            OffsetDateTime.ofInstant(now, ZoneOffset.UTC), OffsetDateTime.ofInstant(escalation.due(), ZoneOffset.UTC),
                            escalation.taskId());
                    entries.add(audit.entry(AuditAction.ESCALATED, "approval_task", escalation.taskId(), row.runId(), describe(escalation)));
                }
                done.add(escalation);
            }
            if (!entries.isEmpty()) {
                audit.append(entries);
                audit.anchorHead(audit.actor());
            }
            return List.copyOf(done);
        });
    }

    /** What escalation does with one overdue task under {@code policy}: plain rules, no database. */
    static Escalation plan(QueueRow row, ApprovalPolicy policy, Instant now) {
        Task task = row.task();
        Optional<PersonRole> next = policy.matrix().nextRole(task.role());
        Instant due = next.map(role -> new DueTimes(policy).due(now, role, row.entityId())).orElse(null);
        return new Escalation(row.draftId(), row.runId(), row.versionNo(), task.stepNo(), task.taskId(), task.role(), next.orElse(null),
                task.rule(), task.dueAt().toInstant(), due);
    }

    static String describe(Escalation e) {
        return e.draftId() + " version " + e.versionNo() + " step " + e.stepNo() + " (rule " + e.rule() + "): the " + e.from().label()
                + " task was due " + e.wasDue() + "; escalated to " + e.to().label() + ", due " + e.due();
    }

    private boolean stillOpen(Task task) {
        return queries.tasks(task.versionId()).stream().anyMatch(t -> t.taskId() == task.taskId() && t.state() == TaskState.OPEN);
    }

    private ApprovalPolicy policy(long runId) {
        ValidationQueries.RunPolicy recorded = validation.policy(runId)
                .orElseThrow(() -> new RefusedException("run " + runId + " recorded no policy"));
        return ApprovalPolicy.from(PolicyFile.of(recorded.source(), recorded.content()));
    }
}
