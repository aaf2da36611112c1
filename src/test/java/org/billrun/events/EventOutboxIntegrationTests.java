package org.billrun.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalService;
import org.billrun.billing.InvoiceAdjustment;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event outbox on the sample firm: opening a review, approving, rejecting and adjusting through
 * ApprovalService each insert exactly one event, numbered in order per invoice, in the action's own
 * transaction (rolled back with it).
 */
@BillrunIntegrationTest
class EventOutboxIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    long runId;

    @BeforeEach
    void runTheSampleFirm() throws Exception {
        EventTables.reset(jdbc);
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = outcome.runId();
        approvals.openReviews();
    }

    /** The drafts in review whose tasks are exactly these roles, in order. */
    private List<Version> draftsNeeding(PersonRole... roles) {
        return jdbc.sql("SELECT draft_id FROM invoice_version WHERE run_id = ? ORDER BY draft_id").param(runId).query(String.class).list()
                .stream().map(d -> queries.latest(d).orElseThrow())
                .filter(v -> queries.tasks(v.versionId()).stream().map(Task::role).toList().equals(List.of(roles)))
                .toList();
    }

    /** type|version|seq of one invoice's events, in order. */
    private List<String> events(String draftId) {
        return jdbc.sql("""
                SELECT concat_ws('|', type, version_no, seq) FROM event_outbox WHERE run_id = ? AND draft_id = ? ORDER BY event_no""")
                .params(runId, draftId).query(String.class).list();
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single();
    }

    @Test
    void openingAReviewCreatesOneEventPerDraftWithAStableDeterministicId() {
        long versions = jdbc.sql("SELECT count(*) FROM invoice_version WHERE run_id = ?").param(runId).query(Long.class).single();
        assertThat(versions).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE run_id = ? AND type = 'created' AND seq = 1").param(runId)
                .query(Long.class).single()).isEqualTo(versions);
        approvals.openReviews();
        assertThat(eventCount()).as("opening again adds nothing").isEqualTo(versions);

        var first = jdbc.sql("SELECT draft_id, event_id::text AS id, payload::text AS payload FROM event_outbox ORDER BY event_no LIMIT 1")
                .query().singleRow();
        String expected = jdbc.sql("SELECT md5('billrun.event:' || ? || ':' || ? || ':1')::uuid::text").params(runId, first.get("draft_id"))
                .query(String.class).single();
        assertThat(first.get("id")).isEqualTo(expected);
        assertThat((String) first.get("payload")).contains("\"event_id\": \"" + expected + "\"", "\"type\": \"created\"",
                "\"draft_id\": \"" + first.get("draft_id") + "\"", "\"schema\": \"billrun.invoice-event/1\"");
    }

    @Test
    void approveRejectAndAdjustEachAddExactlyOneEventInOrderPerInvoice() {
        List<Version> twoSteps = draftsNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        assertThat(twoSteps).hasSizeGreaterThanOrEqualTo(3);
        Version approved = twoSteps.get(0);
        Version rejected = twoSteps.get(1);
        Version adjusted = twoSteps.get(2);
        long before = eventCount();

        approvals.approve(approved.draftId(), Acting.as(queries.tasks(approved.versionId()).get(0).assignee()), "hours checked");
        assertThat(eventCount()).as("a step approved, the invoice still in review: no state change").isEqualTo(before);
        approvals.approve(approved.draftId(), Acting.as("E-001"), null);
        approvals.reject(rejected.draftId(), Acting.as("E-001"), "wrong rate card");
        approvals.adjust(adjusted.draftId(), 1, InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("100"), "goodwill", "client relations",
                Acting.as("finance"));

        assertThat(eventCount()).isEqualTo(before + 3);
        assertThat(events(approved.draftId())).containsExactly("created|1|1", "approved|1|2");
        assertThat(events(rejected.draftId())).containsExactly("created|1|1", "rejected|1|2");
        assertThat(events(adjusted.draftId())).as("the replaced version 1 is no event of its own").containsExactly("created|1|1", "adjusted|2|2");
        assertThat(jdbc.sql("SELECT payload -> 'data' ->> 'reason' FROM event_outbox WHERE draft_id = ? AND type = 'rejected'")
                .param(rejected.draftId()).query(String.class).single()).isEqualTo("wrong rate card");
        var adjustment = jdbc.sql("SELECT payload -> 'data' AS data, payload -> 'invoice' AS invoice FROM event_outbox WHERE draft_id = ? AND type = 'adjusted'")
                .param(adjusted.draftId()).query().singleRow();
        assertThat(adjustment.get("data").toString()).contains("\"reason\": \"goodwill\"", "\"gross_before\": \"" + adjusted.gross().setScale(4).toPlainString() + "\"");
        assertThat(adjustment.get("invoice").toString()).contains("\"version_no\": 2", "\"state\": \"in_review\"");
        assertThat(jdbc.sql("SELECT payload -> 'data' ->> 'by' FROM event_outbox WHERE draft_id = ? AND type = 'approved'")
                .param(approved.draftId()).query(String.class).single()).isEqualTo("E-001");
    }

    @Test
    void theApprovedEventCarriesTheFinalNumberThatTheApprovalAssigned() {
        Version v = draftsNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER).get(0);
        approvals.approve(v.draftId(), Acting.as(queries.tasks(v.versionId()).get(0).assignee()), null);

        approvals.approve(v.draftId(), Acting.as("E-001"), null);

        String number = jdbc.sql("SELECT final_number FROM posting WHERE version_id = ?").param(v.versionId()).query(String.class).single();
        var approved = jdbc.sql("""
                SELECT final_number, payload -> 'invoice' ->> 'final_number' AS in_payload, payload -> 'invoice' ->> 'state' AS state
                FROM event_outbox WHERE draft_id = ? AND type = 'approved'""").param(v.draftId()).query().singleRow();
        assertThat(number).isNotBlank();
        assertThat(approved.get("final_number")).isEqualTo(number);
        assertThat(approved.get("in_payload")).isEqualTo(number);
        assertThat(approved.get("state")).isEqualTo("approved");
        assertThat(events(v.draftId())).containsExactly("created|1|1", "approved|1|2");
    }

    @Test
    void anApprovalRolledBackLeavesNoApprovedEvent() {
        Version v = draftsNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER).get(0);
        approvals.approve(v.draftId(), Acting.as(queries.tasks(v.versionId()).get(0).assignee()), null);
        long before = eventCount();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            approvals.approve(v.draftId(), Acting.as("E-001"), null);
            status.setRollbackOnly();
        });

        assertThat(eventCount()).isEqualTo(before);
        assertThat(events(v.draftId())).containsExactly("created|1|1");
    }

    @Test
    void anActionRolledBackLeavesNoEventAndTheEventIsInTheActionsTransaction() {
        Version v = draftsNeeding(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER).get(0);
        long before = eventCount();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            approvals.reject(v.draftId(), Acting.as("E-001"), "wrong rate card");
            assertThat(events(v.draftId())).as("visible inside the action's transaction").containsExactly("created|1|1", "rejected|1|2");
            status.setRollbackOnly();
        });

        assertThat(eventCount()).isEqualTo(before);
        assertThat(events(v.draftId())).containsExactly("created|1|1");
        assertThat(queries.latest(v.draftId()).orElseThrow().state().label()).isEqualTo("in_review");
    }

    @Test
    void theOutboxIsAppendOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("DELETE FROM event_outbox").update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("UPDATE event_outbox SET seq = seq + 1").update())
                .hasMessageContaining("append-only");
    }
}
