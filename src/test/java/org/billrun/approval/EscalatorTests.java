package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.billrun.approval.ApprovalQueries.QueueRow;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.Escalator.Escalation;
import org.billrun.billing.PersonRole;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.PolicyFile;
import org.junit.jupiter.api.Test;

/** What escalate does with an overdue task, without a database. */
class EscalatorTests {

    private static final ApprovalPolicy POLICY = ApprovalPolicy.from(PolicyFile.of("policy.properties", """
            approval.sla-hours.project_manager=16
            approval.sla-hours.finance=24
            approval.sla-hours.finance_controller=40
            holidays.DE01=2026-12-07
            """));
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static QueueRow overdue(PersonRole role) {
        Task task = new Task(41, 7, 1, role, "large", "pm@northwind.example", OffsetDateTime.parse("2026-12-02T18:00:00Z"),
                OffsetDateTime.parse("2026-12-03T10:00:00Z"), TaskState.OPEN, null, null, null);
        return new QueueRow("2026-11-NWDE-K-ACME-1", 3, 1, "DE01", "C-ACME", "EUR", new BigDecimal("61000.00"), task);
    }

    @Test
    void anOverdueProjectManagerTaskGoesToFinanceDueFinancesHoursFromNowOnBusinessDays() {
        Escalation escalation = Escalator.plan(overdue(PersonRole.PROJECT_MANAGER), POLICY, NOW);

        assertThat(escalation.moved()).isTrue();
        assertThat(escalation.to()).isEqualTo(PersonRole.FINANCE);
        assertThat(escalation.stepNo()).isEqualTo(1);
        assertThat(escalation.rule()).isEqualTo("large");
        assertThat(escalation.wasDue()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
        // Friday 15:00 + 24 h: 9 h Friday; the weekend and Monday the 7th (a DE01 holiday) skipped; 15 h on Tuesday
        assertThat(escalation.due()).isEqualTo(Instant.parse("2026-12-08T15:00:00Z"));
        assertThat(Escalator.describe(escalation)).isEqualTo("2026-11-NWDE-K-ACME-1 version 1 step 1 (rule large): the project_manager"
                + " task was due 2026-12-03T10:00:00Z; escalated to finance, due 2026-12-08T15:00:00Z");
    }

    @Test
    void financeEscalatesToTheFinanceController() {
        assertThat(Escalator.plan(overdue(PersonRole.FINANCE), POLICY, NOW).to()).isEqualTo(PersonRole.FINANCE_CONTROLLER);
    }

    @Test
    void theLastRoleOfTheOrderStaysWhereItIs() {
        Escalation escalation = Escalator.plan(overdue(PersonRole.FINANCE_CONTROLLER), POLICY, NOW);

        assertThat(escalation.moved()).isFalse();
        assertThat(escalation.due()).isNull();
    }
}
