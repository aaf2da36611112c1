package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.ApprovalKpis.By;
import org.billrun.billing.ApprovalKpis.Row;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.PersonRole;
import org.billrun.infra.Stage;
import org.billrun.report.RunReport;
import org.billrun.report.RunReportQueries;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The KPI facts read back from the approval tables after a few actions on the sample firm's drafts. */
@BillrunIntegrationTest
class ApprovalKpiQueriesIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    ApprovalKpiQueries kpiQueries;

    @Autowired
    RunReportQueries reports;

    @Autowired
    JdbcClient jdbc;

    private List<Version> withTasks(long runId, List<PersonRole> roles) {
        return jdbc.sql("SELECT draft_id FROM invoice_version WHERE run_id = ? AND version_no = 1 ORDER BY draft_id").param(runId)
                .query(String.class).list().stream().map(id -> queries.latest(id).orElseThrow())
                .filter(v -> queries.tasks(v.versionId()).stream().map(Task::role).toList().equals(roles)).toList();
    }

    private static int sum(List<Row> rows, java.util.function.ToIntFunction<Row> field) {
        return rows.stream().mapToInt(field).sum();
    }

    @Test
    void approvedRejectedAdjustedAndStraightThroughDraftsCountWhereTheyBelong() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long runId = outcome.runId();
        approvals.openReviews();
        int drafts = jdbc.sql("SELECT count(*) FROM draft_invoice WHERE run_id = ?").param(runId).query(Integer.class).single();
        int released = approvals.approveStraightThrough(runId, Acting.as("finance")).size();
        List<Version> pmOnly = withTasks(runId, List.of(PersonRole.PROJECT_MANAGER));
        List<Version> large = withTasks(runId, List.of(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER));
        Version approved = pmOnly.get(0);
        approvals.approve(approved.draftId(), Acting.as(queries.tasks(approved.versionId()).get(0).assignee()), null);
        Version rejected = large.get(0);
        approvals.reject(rejected.draftId(), Acting.as("finance"), "wrong PO");
        Version adjusted = large.stream().filter(v -> v != rejected && v.entityId().equals("DE01")).findFirst().orElseThrow();
        BigDecimal lineNet = jdbc.sql("SELECT net FROM draft_line WHERE run_id = ? AND draft_id = ? AND line_no = 1")
                .params(runId, adjusted.draftId()).query(BigDecimal.class).single();
        approvals.adjust(adjusted.draftId(), 1, InvoiceAdjustment.Kind.WRITE_OFF, null, "out_of_scope", null, Acting.as("finance"));

        List<ApprovalKpis.Invoice> invoices = kpiQueries.invoices("2026-10");
        List<Row> rows = ApprovalKpis.of(invoices, By.ALL, Instant.parse("2026-11-05T00:00:00Z"));

        assertThat(invoices).hasSize(drafts);
        assertThat(kpiQueries.invoices("2026-09")).isEmpty();
        assertThat(sum(rows, Row::straightThrough)).isEqualTo(released).isPositive();
        assertThat(sum(rows, Row::approved)).isEqualTo(1);
        assertThat(sum(rows, Row::rejected)).isEqualTo(1);
        assertThat(sum(rows, Row::pending)).isEqualTo(drafts - released - 2);
        Row currency = rows.stream().filter(r -> r.currency().equals(adjusted.currency())).findFirst().orElseThrow();
        assertThat(currency.writtenOff().amount()).isEqualByComparingTo(lineNet);
        ApprovalKpis.Invoice off = invoices.stream().filter(i -> i.draftId().equals(adjusted.draftId())).findFirst().orElseThrow();
        assertThat(off.versions()).isEqualTo(2);
        assertThat(off.outcome()).isEqualTo(ApprovalKpis.Outcome.PENDING);
        assertThat(off.writtenDown().amount()).isZero();
        assertThat(invoices.stream().filter(i -> i.draftId().equals(approved.draftId())).findFirst().orElseThrow().decided()).isNotNull();
        assertThat(invoices).allSatisfy(i -> assertThat(i.region()).isNotBlank());
        assertThat(kpiQueries.invoicesOfRun(runId)).hasSize(drafts);

        // the write-off counts for conservation once its version is approved, by others than the adjuster
        assertThat(kpiQueries.writtenOffRecordValue(runId)).isEmpty();
        Version second = queries.latest(adjusted.draftId()).orElseThrow();
        for (Task task : queries.tasks(second.versionId())) {
            String approver = task.assignee() != null ? task.assignee() : switch (task.role()) {
                case FINANCE -> "kbusch"; // finance itself adjusted it
                default -> "E-001";
            };
            approvals.approve(adjusted.draftId(), Acting.as(approver), null);
        }
        BigDecimal recordsOnLine = jdbc.sql("SELECT sum(value) FROM draft_line_source WHERE run_id = ? AND draft_id = ? AND line_no = 1")
                .params(runId, adjusted.draftId()).query(BigDecimal.class).single();
        assertThat(queries.latest(adjusted.draftId()).orElseThrow().state()).isEqualTo(VersionState.APPROVED);
        assertThat(kpiQueries.writtenOffRecordValue(runId).get(adjusted.currency())).isEqualByComparingTo(recordsOnLine);
        RunReport report = reports.build(runId);
        RunReport.ControlTotal total = report.controlTotals().stream().filter(t -> t.currency().equals(adjusted.currency()))
                .findFirst().orElseThrow();
        assertThat(total.reconciles()).isTrue();
        assertThat(new BigDecimal(total.writtenOff())).isGreaterThanOrEqualTo(recordsOnLine);
        assertThat(report.kpis()).extracting(RunReport.Kpi::code).contains("approval_first_pass_rate", "approval_write_off_share");
    }
}
