package org.billrun.support;

import java.util.ArrayList;
import java.util.List;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalService;
import org.billrun.approval.TaskState;
import org.billrun.approval.VersionState;
import org.billrun.infra.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes every live draft of a run to approved through the approval service, as people would: straight-through
 * drafts released by finance, then each open task approved by the first person of the directory who may give
 * it (the controls decide; a refusal means "try the next one").
 */
public final class ApproveEverything {

    private final ApprovalService approvals;
    private final ApprovalQueries queries;
    private final JdbcClient jdbc;

    public ApproveEverything(ApprovalService approvals, ApprovalQueries queries, JdbcClient jdbc) {
        this.approvals = approvals;
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /** @return the drafts that could not be approved, with the last refusal */
    public List<String> approve(long runId) {
        String releaser = jdbc.sql("SELECT min(user_id) FROM directory_role WHERE role = 'finance'").query(String.class).single();
        approvals.approveStraightThrough(runId, Acting.as(releaser));
        List<String> stuck = new ArrayList<>();
        for (String draftId : jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? AND status = 'live' ORDER BY draft_id")
                .param(runId).query(String.class).list()) {
            String refusal = null;
            for (int step = 0; step < 10; step++) {
                Version v = queries.latest(draftId).orElseThrow();
                if (v.state() != VersionState.IN_REVIEW) {
                    break;
                }
                Task task = queries.tasks(v.versionId()).stream().filter(t -> t.state() == TaskState.OPEN).findFirst().orElse(null);
                if (task == null) {
                    refusal = "no open task";
                    break;
                }
                boolean done = false;
                for (String person : candidates(task)) {
                    try {
                        approvals.approve(draftId, Acting.as(person), null);
                        done = true;
                        break;
                    } catch (RefusedException e) {
                        refusal = e.getMessage();
                    }
                }
                if (!done) {
                    break;
                }
            }
            if (queries.latest(draftId).orElseThrow().state() != VersionState.APPROVED) {
                stuck.add(draftId + ": " + refusal);
            }
        }
        return stuck;
    }

    private List<String> candidates(Task task) {
        List<String> people = new ArrayList<>();
        if (task.assignee() != null) {
            people.add(task.assignee());
        }
        people.addAll(jdbc.sql("SELECT user_id FROM directory_role WHERE role = ? ORDER BY user_id").param(task.role().label())
                .query(String.class).list());
        return people;
    }
}
