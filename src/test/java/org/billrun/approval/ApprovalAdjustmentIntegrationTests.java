package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.audit.AuditLog;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.PersonRole;
import org.billrun.infra.RefusedException;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adjustments on the sample firm: a new version recomputed by the adjustment arithmetic, the old one
 * replaced and no longer approvable, written-off lines carried forward and their records written off,
 * and adjustments that cannot be right refused as bad usage.
 */
@BillrunIntegrationTest
class ApprovalAdjustmentIntegrationTests {

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

    SampleFirmReview firm;

    long runId;

    @BeforeEach
    void runTheSampleFirm() throws Exception {
        firm = new SampleFirmReview(runService, approvals, queries, jdbc);
        runId = firm.draftAfresh();
    }

    /** The first draft whose tasks are exactly these roles, in order. */
    private Version draftNeeding(PersonRole... roles) {
        return firm.draftNeeding(runId, roles);
    }

    private Task firstTask(Version v) {
        return firm.firstTask(v);
    }

    private void assertRefused(String sql, String reason) {
        firm.assertRefused(sql, reason);
    }

    @Test
    void onlyTheLatestVersionIsApproved() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        Task task = firstTask(v);
        approvals.adjust(v.draftId(), 1, InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("100"), "goodwill", null, Acting.as("finance"));

        assertRefused("INSERT INTO approval_action (version_id, task_id, action, actor, acting_user, role, gross_before, gross_after)"
                + " VALUES (" + v.versionId() + ", " + task.taskId() + ", 'approved', '" + task.assignee() + "', '" + task.assignee()
                + "', 'project_manager', 0, 0)", "is not the latest");
        assertThat(queries.tasks(v.versionId())).extracting(Task::state).containsOnly(TaskState.CANCELLED);
        assertThat(queries.version(v.draftId(), 1).orElseThrow().state()).isEqualTo(VersionState.REPLACED);
    }

    @Test
    void aWriteDownMakesVersionTwoWithTaxAndTotalsRecomputedAndTheAdjusterMayNotApproveIt() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        String manager = firstTask(v).assignee();

        ApprovalService.Outcome adjusted = approvals.adjust(v.draftId(), 1, InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("100"),
                "rate_error", "rate card 2025 used", Acting.as(manager));

        Version two = queries.latest(v.draftId()).orElseThrow();
        assertThat(adjusted.versionNo()).isEqualTo(2);
        assertThat(two.versionNo()).isEqualTo(2);
        assertThat(two.preparedBy()).isEqualTo(manager);
        assertThat(two.net()).isEqualByComparingTo(v.net().subtract(new BigDecimal("100")));
        assertThat(two.gross()).isEqualByComparingTo(two.net().add(two.tax()));
        if (v.tax().signum() > 0) {
            assertThat(two.tax()).isLessThan(v.tax());
        }
        List<ApprovalQueries.VersionLine> lines = queries.lines(two.versionId());
        assertThat(lines.get(0).adjustment()).isEqualTo("write_down");
        assertThat(lines.get(0).change()).isEqualByComparingTo("-100");
        assertThat(lines.stream().map(ApprovalQueries.VersionLine::net).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(two.net());
        assertThatThrownBy(() -> approvals.approve(v.draftId(), Acting.as(manager), null))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("prepared or adjusted");
        ApprovalService.VersionDiff diff = approvals.compare(v.draftId(), 1, 2);
        assertThat(diff.lines()).filteredOn(ApprovalService.LineChange::changed).extracting(ApprovalService.LineChange::lineNo).contains(1);
        assertThat(diff.lines().get(0).netA().subtract(diff.lines().get(0).netB())).isEqualByComparingTo("100");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'adjusted'").query(String.class).single())
                .contains("write-down 100").contains("gross " + v.gross().toPlainString() + " " + v.currency() + " before");
    }

    @Test
    void aWrittenOffLineIsCarriedIntoLaterVersionsAndTheVersionIsApprovedByOthers() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        int last = queries.tasks(v.versionId()).size();
        approvals.adjust(v.draftId(), 2, InvoiceAdjustment.Kind.WRITE_OFF, null, "out_of_scope", null, Acting.as("finance"));
        approvals.adjust(v.draftId(), 1, InvoiceAdjustment.Kind.WRITE_UP, new BigDecimal("10"), "missed_hours", null, Acting.as("finance"));

        Version three = queries.latest(v.draftId()).orElseThrow();
        assertThat(three.versionNo()).isEqualTo(3);
        assertThat(queries.lines(three.versionId())).filteredOn(ApprovalQueries.VersionLine::writtenOff)
                .extracting(ApprovalQueries.VersionLine::lineNo).containsExactly(2);
        assertThat(queries.lines(three.versionId()).get(1).net()).isZero();
        for (Task t : queries.tasks(three.versionId())) {
            approvals.approve(v.draftId(), Acting.as(t.assignee() != null ? t.assignee() : person(t.role())), null);
        }
        assertThat(queries.latest(v.draftId()).orElseThrow().state()).isEqualTo(VersionState.APPROVED);
        assertThat(last).isPositive();
        List<ApprovalQueries.WrittenOffRecord> off = queries.writtenOff(runId);
        long onLine2 = jdbc.sql("SELECT count(*) FROM draft_line_source WHERE run_id = ? AND draft_id = ? AND line_no = 2")
                .params(runId, v.draftId()).query(Long.class).single();
        assertThat(off).hasSize((int) onLine2).isNotEmpty()
                .allMatch(r -> r.lineNo() == 2 && r.reasonCode().equals("out_of_scope") && r.writtenOffBy().equals("finance")
                        && r.approvedBy() != null);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anAdjustmentThatCannotBeRightIsRefusedAsBadUsage() {
        Version v = draftNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);

        assertThatThrownBy(() -> approvals.adjust(v.draftId(), 99, InvoiceAdjustment.Kind.WRITE_OFF, null, "x", null, Acting.as("finance")))
                .isInstanceOf(RefusedException.class).isNotInstanceOf(ActionRefusedException.class).hasMessageContaining("no line 99");
        assertThatThrownBy(() -> approvals.adjust(v.draftId(), 1, InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("0.001"), "x", null,
                Acting.as("finance"))).isInstanceOf(RefusedException.class).hasMessageContaining("decimals");
        assertThat(queries.latest(v.draftId()).orElseThrow().versionNo()).isEqualTo(1);
    }

    private static String person(PersonRole role) {
        return switch (role) {
            case FINANCE -> "finance";
            case FINANCE_CONTROLLER -> "E-001";
            default -> throw new AssertionError(role);
        };
    }
}
