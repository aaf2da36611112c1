package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.audit.AuditLog;
import org.billrun.billing.PersonRole;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The approval stage on the sample firm and its shipped policy and directory: the matrix's steps taken in
 * order, each control refused by the service and, bypassing it, by the database; two approvers at once;
 * straight-through release; --as; the audit chain's anchored head; and what the next run of the period
 * does with approved and rejected drafts.
 */
@BillrunIntegrationTest
class ApprovalServiceIntegrationTests {

    private static final Path NORTHWIND = SampleFirmReview.NORTHWIND;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    SampleFirmReview firm;

    long runId;

    @BeforeEach
    void runTheSampleFirm() throws Exception {
        firm = new SampleFirmReview(runService, approvals, queries, jdbc);
        runId = firm.draftAfresh();
    }

    private long run(Path input) throws Exception {
        return firm.draft(input);
    }

    /** The first draft whose tasks are exactly these roles, in order. */
    private Version draftNeeding(PersonRole... roles) {
        return firm.draftNeeding(runId, roles);
    }

    private Task firstTask(Version v) {
        return firm.firstTask(v);
    }

    @Test
    void aDraftIsApprovedWhenEveryStepOfTheMatrixIsTakenInOrderAndNotBefore() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String manager = firstTask(v).assignee();

        ApprovalService.Outcome first = approvals.approve(v.draftId(), Acting.as(manager), "hours checked");
        assertThat(first.state()).isEqualTo(VersionState.IN_REVIEW);
        assertThat(queries.tasks(v.versionId()).get(1).dueAt()).as("the controller's clock starts now").isNotNull();
        assertThatThrownBy(() -> approvals.approve(v.draftId(), Acting.as(manager), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("already approved");

        ApprovalService.Outcome second = approvals.approve(v.draftId(), Acting.as("E-001"), null);

        assertThat(second.state()).isEqualTo(VersionState.APPROVED);
        assertThat(queries.latest(v.draftId()).orElseThrow().state()).isEqualTo(VersionState.APPROVED);
        assertThat(queries.actions(v.versionId())).extracting(ApprovalQueries.Action::actor).containsExactly(manager, "E-001");
        assertThat(jdbc.sql("SELECT acted_by FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(runId, v.draftId())
                .query(String.class).single()).isEqualTo(manager);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'approved' AND subject_id = ?").param(v.versionId())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theQueueShowsWhatWaitsForWhomAndMineOnlyWhatIMayApprove() {
        approvals.openReviews();
        List<ApprovalService.QueueEntry> all = approvals.queue(Acting.as("billrun"), false, false, null);
        List<ApprovalService.QueueEntry> mine = approvals.queue(Acting.as("E-009"), true, false, null);
        List<ApprovalService.QueueEntry> gb = approvals.queue(Acting.as("billrun"), false, false, "GB01");

        assertThat(all).isNotEmpty().allMatch(e -> e.row().task().stepNo() == 1 && e.row().task().dueAt() != null);
        assertThat(mine).isNotEmpty().allMatch(e -> "E-009".equals(e.row().task().assignee()));
        assertThat(gb).isNotEmpty().allMatch(e -> e.row().entityId().equals("GB01"));
        assertThat(approvals.queue(Acting.as("billrun"), false, true, null)).as("nothing is overdue yet").isEmpty();
        assertThatThrownBy(() -> approvals.queue(Acting.as("billrun"), true, false, null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("billrun is not in the directory");
    }

    @Test
    void nobodyApprovesWhatTheyPrepared() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String manager = firstTask(v).assignee();
        jdbc.sql("UPDATE billing_run SET preparer = ? WHERE run_id = ?").params(manager, runId).update();

        assertThatThrownBy(() -> approvals.approve(v.draftId(), Acting.as(manager), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining(manager + " prepared or adjusted");
        assertThat(queries.actions(v.versionId())).isEmpty();
    }

    @Test
    void nobodyApprovesBeyondTheirLimit() throws Exception {
        Path input = copyOfNorthwind();
        Files.writeString(input.resolve("approval_limits.csv"), Files.readString(input.resolve("approval_limits.csv"))
                .replaceAll("(?m)^(E-\\d+),(EUR|GBP|USD),.*$", "$1,$2,100.00"), StandardCharsets.UTF_8);
        new DatabaseState(jdbc).reset();
        runId = run(input);
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);

        assertThatThrownBy(() -> approvals.approve(v.draftId(), Acting.as(firstTask(v).assignee()), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("above the approval limit");
    }

    @Test
    void aProjectManagerNamedInMasterDataButNotInTheDirectoryIsShownAndTheirStepRefused() throws Exception {
        Path input = copyOfNorthwind();
        Files.writeString(input.resolve("people.csv"), Files.readString(input.resolve("people.csv")).replaceAll("(?m)^E-009,.*\\R", ""),
                StandardCharsets.UTF_8);
        new DatabaseState(jdbc).reset();
        runId = run(input);
        Version acme = queries.latest("2026-10-NWDE-K-ACME-1").orElseGet(() -> {
            approvals.openReviews();
            return queries.latest("2026-10-NWDE-K-ACME-1").orElseThrow();
        });

        assertThat(approvals.queue(Acting.as("billrun"), false, false, "DE01"))
                .filteredOn(e -> e.row().draftId().equals(acme.draftId())).singleElement()
                .matches(e -> !e.assigneeInDirectory() && "E-009".equals(e.row().task().assignee()));
        assertThatThrownBy(() -> approvals.approve(acme.draftId(), Acting.as("E-001"), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("E-009, who is not in the directory");
    }

    @Test
    void nobodyApprovesOutsideTheirEntities() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String outsider = v.entityId().equals("GB01") ? "E-202" : "E-102";

        assertThatThrownBy(() -> approvals.approve(v.draftId(), Acting.as(outsider), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("may not act for entity " + v.entityId());
    }

    @Test
    void theDatabaseRefusesWhatTheServiceRefusesWhenSqlBypassesIt() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        Task task = firstTask(v);
        jdbc.sql("UPDATE billing_run SET preparer = ? WHERE run_id = ?").params(task.assignee(), runId).update();
        String outsider = v.entityId().equals("GB01") ? "E-202" : "E-102";

        assertRefused("INSERT INTO approval_action (version_id, task_id, action, actor, acting_user, role, gross_before, gross_after)"
                + " VALUES (" + v.versionId() + ", " + task.taskId() + ", 'approved', '" + task.assignee() + "', '" + task.assignee()
                + "', 'project_manager', 0, 0)", "prepared or adjusted");
        assertRefused("INSERT INTO approval_action (version_id, task_id, action, actor, acting_user, role, gross_before, gross_after)"
                + " VALUES (" + v.versionId() + ", " + task.taskId() + ", 'approved', '" + outsider + "', '" + outsider
                + "', 'project_manager', 0, 0)", "may not act for entity");
        assertRefused("INSERT INTO approval_action (version_id, task_id, action, actor, acting_user, role, gross_before, gross_after)"
                + " VALUES (" + v.versionId() + ", " + task.taskId() + ", 'approved', 'kbusch', 'kbusch', 'project_manager', 0, 0)",
                "does not hold the role");
        assertRefused("INSERT INTO approval_action (version_id, action, actor, acting_user, gross_before, gross_after)"
                + " VALUES (" + v.versionId() + ", 'approved_by_policy', 'finance', 'finance', 0, 0)", "the policy alone does not approve it");
        assertRefused("UPDATE invoice_version SET state = 'approved' WHERE version_id = " + v.versionId(), "matrix is satisfied");
        assertRefused("UPDATE invoice_version SET gross = 1 WHERE version_id = " + v.versionId(), "do not change");
        assertRefused("UPDATE approval_task SET state = 'done', done_by = 'E-001' WHERE task_id = " + task.taskId(), "approval recorded for it");
        assertRefused("DELETE FROM approval_task WHERE task_id = " + task.taskId(), "append-only");

        jdbc.sql("UPDATE billing_run SET preparer = 'billrun' WHERE run_id = ?").param(runId).update();
        approvals.approve(v.draftId(), Acting.as(task.assignee()), null);
        assertRefused("UPDATE approval_action SET actor = 'E-001' WHERE version_id = " + v.versionId(), "append-only");
        assertRefused("DELETE FROM audit_anchor", "append-only");
    }


    @Test
    void anApprovalAndARejectionAtOnceCannotBothWin() throws Exception {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER);
        String manager = firstTask(v).assignee();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<ApprovalService.Outcome>> actions = List.of(
                    () -> { start.await(); return approvals.approve(v.draftId(), Acting.as(manager), null); },
                    () -> { start.await(); return approvals.reject(v.draftId(), Acting.as("E-001"), "wrong rate card"); });
            List<Future<ApprovalService.Outcome>> futures = new ArrayList<>();
            actions.forEach(a -> futures.add(pool.submit(a)));
            start.countDown();
            List<ApprovalService.Outcome> won = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<ApprovalService.Outcome> f : futures) {
                try {
                    won.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    refused.add(e.getCause());
                }
            }

            assertThat(won).hasSize(1);
            assertThat(refused).singleElement().isInstanceOf(ActionRefusedException.class).asString().contains("not in review");
            assertThat(queries.latest(v.draftId()).orElseThrow().state()).isEqualTo(won.get(0).state());
            assertThat(queries.actions(v.versionId())).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoApprovalsOfOneStepAtOnceCannotBothWin() throws Exception {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String manager = firstTask(v).assignee();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ApprovalService.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> { start.await(); return approvals.approve(v.draftId(), Acting.as(manager), null); }));
            }
            start.countDown();
            int won = 0;
            int refused = 0;
            for (Future<ApprovalService.Outcome> f : futures) {
                try {
                    f.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ActionRefusedException.class);
                    refused++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refused).isEqualTo(1);
            assertThat(queries.actions(v.versionId())).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void straightThroughDraftsAreApprovedByThePolicyWithTheRuleThatAllowedIt() {
        approvals.openReviews();
        long straight = jdbc.sql("SELECT count(*) FROM invoice_version WHERE run_id = ? AND straight_through").param(runId)
                .query(Long.class).single();

        assertThatThrownBy(() -> approvals.approveStraightThrough(runId, Acting.as("E-009")))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("finance or admin");
        List<ApprovalService.Outcome> outcomes = approvals.approveStraightThrough(runId, Acting.as("finance"));

        assertThat(outcomes).hasSize((int) straight).allMatch(o -> o.state() == VersionState.APPROVED);
        assertThat(jdbc.sql("SELECT count(*) FROM approval_action WHERE action = 'approved_by_policy' AND rule = 'straight-through'")
                .query(Long.class).single()).isEqualTo(straight);
        assertThat(approvals.approveStraightThrough(runId, Acting.as("finance"))).as("a second release finds nothing").isEmpty();
    }

    @Test
    void onlyAnAdministratorActsAsSomeoneElseAndTheAuditLogSaysSo() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String manager = firstTask(v).assignee();

        assertThatThrownBy(() -> approvals.approve(v.draftId(), new Acting("E-001", manager), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("--as is for a person with the admin role");
        approvals.approve(v.draftId(), new Acting("admin", manager), null);

        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE action = 'approved' AND subject_id = ?").param(v.versionId())
                .query(String.class).single()).isEqualTo("admin acting as " + manager);
        assertThat(queries.actions(v.versionId()).get(0).actingUser()).isEqualTo("admin");
    }

    @Test
    void removingTheLastAuditEntryIsDetectedByTheAnchoredHead() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        approvals.approve(v.draftId(), Acting.as(firstTask(v).assignee()), null);
        assertThat(audit.verify().intact()).isTrue();

        // what someone with the database's superuser might do: switch the triggers off and drop the last entry
        jdbc.sql("SET session_replication_role = replica; DELETE FROM audit_log WHERE audit_id = (SELECT max(audit_id) FROM audit_log);"
                + " SET session_replication_role = origin").update();

        AuditLog.Verification verification = audit.verify();
        assertThat(verification.firstBrokenRow()).as("the chain itself still links up").isEmpty();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.anchorBroken()).get().asString().contains("the last entries were removed");
    }

    @Test
    void theNextRunKeepsApprovedDraftsAndDraftsRejectedOnesAgain() throws Exception {
        Version approved = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        approvals.approve(approved.draftId(), Acting.as(firstTask(approved).assignee()), null);
        approvals.approve(approved.draftId(), Acting.as("E-001"), null);
        List<ApprovalService.Outcome> released = approvals.approveStraightThrough(runId, Acting.as("finance"));
        String rejected = jdbc.sql("""
                SELECT v.draft_id FROM invoice_version v WHERE v.run_id = ? AND v.state = 'in_review' AND v.draft_id <> ?
                ORDER BY v.draft_id LIMIT 1""").params(runId, approved.draftId()).query(String.class).single();
        approvals.reject(rejected, Acting.as("E-001"), "wrong rate card");
        assertThat(released).isNotEmpty();

        long next = run(NORTHWIND);
        approvals.openReviews();

        assertThat(liveRunOf(approved.draftId())).as("approved: kept, its records stay billed").isEqualTo(runId);
        assertThat(queries.latest(approved.draftId()).orElseThrow().state()).isEqualTo(VersionState.APPROVED);
        for (ApprovalService.Outcome o : released) {
            assertThat(liveRunOf(o.draftId())).as(o.draftId()).isEqualTo(runId);
        }
        assertThat(liveRunOf(rejected)).as("rejected: drafted again").isEqualTo(next);
        Version redrafted = queries.latest(rejected).orElseThrow();
        assertThat(redrafted.runId()).isEqualTo(next);
        assertThat(redrafted.state()).isEqualTo(VersionState.IN_REVIEW);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(next, approved.draftId())
                .query(Long.class).single()).as("no second draft of an approved invoice").isZero();
    }

    private long liveRunOf(String draftId) {
        return jdbc.sql("SELECT run_id FROM draft_invoice WHERE draft_id = ? AND status = 'live'").param(draftId).query(Long.class).single();
    }

    private void assertRefused(String sql, String reason) {
        firm.assertRefused(sql, reason);
    }

    private Path copyOfNorthwind() throws IOException {
        Path copy = temp.resolve("northwind");
        Files.createDirectories(copy);
        try (var files = Files.list(NORTHWIND)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
