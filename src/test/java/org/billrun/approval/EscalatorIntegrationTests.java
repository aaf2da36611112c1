package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.ApprovalQueries.QueueRow;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.Escalator.Escalation;
import org.billrun.audit.AuditLog;
import org.billrun.billing.PersonRole;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** billrun escalate on the sample firm's review tasks: moved once, audited, and a second run changes nothing. */
@BillrunIntegrationTest
class EscalatorIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    Escalator escalator;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void runTheSampleFirm() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.openReviews();
    }

    private Instant latestDue() {
        return queries.queue(null, null).stream().map(r -> r.task().dueAt().toInstant()).max(Instant::compareTo).orElseThrow();
    }

    @Test
    void nothingIsEscalatedBeforeItIsDue() {
        Instant earliest = queries.queue(null, null).get(0).task().dueAt().toInstant();

        assertThat(escalator.escalate(earliest)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM approval_task WHERE state = 'escalated'").query(Long.class).single()).isZero();
    }

    @Test
    void everyOverdueTaskMovesToTheNextRoleOnceAndTheAuditLogSaysSo() {
        List<QueueRow> open = queries.queue(null, null);
        Instant now = latestDue().plusSeconds(1);

        List<Escalation> first = escalator.escalate(now);

        assertThat(first).hasSize(open.size());
        assertThat(first).filteredOn(Escalation::moved).isNotEmpty().allSatisfy(e -> {
            List<Task> tasks = queries.tasks(queries.latest(e.draftId()).orElseThrow().versionId());
            Task old = tasks.stream().filter(t -> t.taskId() == e.taskId()).findFirst().orElseThrow();
            Task replacement = tasks.stream().filter(t -> Long.valueOf(e.taskId()).equals(t.escalatedFrom())).findFirst().orElseThrow();
            assertThat(old.state()).isEqualTo(TaskState.ESCALATED);
            assertThat(replacement.state()).isEqualTo(TaskState.OPEN);
            assertThat(replacement.stepNo()).isEqualTo(old.stepNo());
            assertThat(replacement.role()).isEqualTo(e.to()).isNotEqualTo(old.role());
            assertThat(replacement.rule()).isEqualTo(old.rule());
            assertThat(replacement.dueAt().toInstant()).isEqualTo(e.due()).isAfter(now);
        });
        assertThat(first).filteredOn(e -> !e.moved()).allSatisfy(e -> assertThat(e.from()).isEqualTo(PersonRole.FINANCE_CONTROLLER));
        long moved = first.stream().filter(Escalation::moved).count();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'escalated'").query(Long.class).single()).isEqualTo(moved);
        assertThat(audit.verify().intact()).isTrue();

        List<Escalation> again = escalator.escalate(now);

        assertThat(again).allSatisfy(e -> assertThat(e.moved()).isFalse());
        assertThat(jdbc.sql("SELECT count(*) FROM approval_task WHERE state = 'escalated'").query(Long.class).single()).isEqualTo(moved);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'escalated'").query(Long.class).single()).isEqualTo(moved);
    }
}
