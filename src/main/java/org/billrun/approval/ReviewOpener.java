package org.billrun.approval;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;
import org.billrun.billing.RouteCode;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.ForApproval;
import org.billrun.infra.RefusedException;
import org.billrun.policy.ApprovalFacts;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.ApprovalStep;
import org.billrun.policy.PolicyFile;
import org.billrun.validate.ValidationQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the review of each live draft that has none yet: version 1 (the draft as drafted, prepared by
 * whoever started its run) and the review tasks the approval matrix of the run's policy asks for, in
 * order. The first task's clock starts when the draft was drafted; a later task's when the one before
 * it is done. Every approval command opens what is new first, so a run needs no step of its own for it.
 */
@Component
class ReviewOpener {

    private final ApprovalQueries queries;
    private final DraftQueries drafts;
    private final ValidationQueries validation;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ReviewOpener(ApprovalQueries queries, DraftQueries drafts, ValidationQueries validation, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.queries = queries;
        this.drafts = drafts;
        this.validation = validation;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Opens the reviews of live drafts that have none; returns how many it opened. Every approval action asks,
     * so the usual answer (nothing new) costs two key reads, without the lock or a transaction to commit.
     */
    int openNew() {
        if (queries.opened().containsAll(drafts.liveDraftKeys())) {
            return 0;
        }
        Integer opened = tx.execute(status -> {
            // one opener at a time: two commands started together must not both open a draft
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('billrun.approval.open'))").query(Object.class).single();
            Set<String> done = queries.opened();
            List<ForApproval> fresh = drafts.liveForApproval().stream()
                    .filter(d -> !done.contains(d.runId() + "/" + d.draftId())).toList();
            Map<Long, ApprovalPolicy> policies = new HashMap<>();
            for (ForApproval d : fresh) {
                open(d, policies.computeIfAbsent(d.runId(), this::policy));
            }
            return fresh.size();
        });
        return opened == null ? 0 : opened;
    }

    /** The approval part of the policy the run recorded (the file as it was when the run validated). */
    ApprovalPolicy policy(long runId) {
        ValidationQueries.RunPolicy recorded = validation.policy(runId)
                .orElseThrow(() -> new RefusedException("run " + runId + " recorded no policy"));
        return ApprovalPolicy.from(PolicyFile.of(recorded.source(), recorded.content()));
    }

    private void open(ForApproval d, ApprovalPolicy policy) {
        List<ApprovalStep> steps = policy.matrix().steps(facts(d));
        long versionId = queries.insertVersion(d.runId(), d.draftId(), 1, d.entityId(), d.currency(), d.net(), d.tax(), d.gross(),
                d.writeDown(), steps.isEmpty(), d.preparer(), d.draftedAt(), null, null);
        openTasks(versionId, steps, d.projectManagerId(), d.entityId(), d.draftedAt(), policy);
    }

    /** The version's tasks, one per step; the first is due from {@code start}, the others from when the one before is done. */
    void openTasks(long versionId, List<ApprovalStep> steps, String projectManagerId, String entityId, OffsetDateTime start,
            ApprovalPolicy policy) {
        int stepNo = 0;
        for (ApprovalStep step : steps) {
            stepNo++;
            String assignee = step.role() == PersonRole.PROJECT_MANAGER ? blankToNull(projectManagerId) : null;
            OffsetDateTime due = stepNo == 1 ? DueTime.of(policy, step.role(), entityId, start) : null;
            queries.insertTask(versionId, stepNo, step.role(), step.rule(), assignee, start, due, null);
        }
    }

    static ApprovalFacts facts(ForApproval d) {
        Set<RouteCode> reasons = d.reasonCodes().stream().map(RouteCode::valueOf).collect(Collectors.toSet());
        return new ApprovalFacts(d.entityId(), Money.of(d.gross(), d.currency()), BillingModel.parse(d.billingModel()), reasons,
                "straight_through".equals(d.route()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
