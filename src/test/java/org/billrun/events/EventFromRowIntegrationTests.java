package org.billrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The generic trigger function event_from_row on a table shaped like the posting stage's (version_id,
 * final_number, state, erp_document_id, last_message), wired with the SQL docs/events.md gives for it:
 * a posted row makes one posted event with the final number, an update that keeps the state makes none, a
 * permanent failure makes posting_failed with the listed columns; a row naming its invoice by run, draft
 * and version works the same, and a row naming none is refused.
 */
@BillrunIntegrationTest
class EventFromRowIntegrationTests {

    private static final String TABLE = "event_test_posting";

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    JdbcClient jdbc;

    Version version;

    @BeforeEach
    void openTheSampleFirmsReviews() throws Exception {
        EventTables.reset(jdbc);
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.openReviews();
        String draftId = jdbc.sql("SELECT draft_id FROM invoice_version WHERE run_id = ? ORDER BY draft_id LIMIT 1").param(outcome.runId())
                .query(String.class).single();
        version = queries.latest(draftId).orElseThrow();
        jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
        jdbc.sql("""
                CREATE TABLE %1$s (id bigserial PRIMARY KEY, version_id bigint, run_id bigint, draft_id text, version_no integer,
                                   final_number text, state text NOT NULL DEFAULT 'pending', erp_document_id text, last_message text,
                                   attempts integer NOT NULL DEFAULT 0);
                CREATE TRIGGER event_posted AFTER INSERT OR UPDATE OF state ON %1$s FOR EACH ROW
                    WHEN (NEW.state = 'posted') EXECUTE FUNCTION event_from_row('posted', 'erp_document_id');
                CREATE TRIGGER event_posting_failed AFTER INSERT OR UPDATE OF state ON %1$s FOR EACH ROW
                    WHEN (NEW.state = 'failed_permanent') EXECUTE FUNCTION event_from_row('posting_failed', 'last_message,attempts');
                """.formatted(TABLE)).update();
    }

    @AfterEach
    void dropTheStandIn() {
        jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
    }

    private List<String> events() {
        return jdbc.sql("""
                SELECT concat_ws('|', type, seq, final_number, payload -> 'invoice' ->> 'final_number', payload -> 'data')
                FROM event_outbox WHERE run_id = ? AND draft_id = ? ORDER BY seq""")
                .params(version.runId(), version.draftId()).query(String.class).list();
    }

    @Test
    void aPostedRowMakesOnePostedEventWithTheFinalNumberAndAFailureItsOwn() {
        jdbc.sql("INSERT INTO " + TABLE + " (version_id, final_number) VALUES (?, 'DE01-2026-000001')").param(version.versionId()).update();
        assertThat(events()).as("pending is no event").hasSize(1);

        jdbc.sql("UPDATE " + TABLE + " SET state = 'failed_permanent', last_message = 'ERP: unknown customer', attempts = 3").update();
        jdbc.sql("UPDATE " + TABLE + " SET attempts = 4").update();
        jdbc.sql("UPDATE " + TABLE + " SET state = 'posted', erp_document_id = 'INV/42'").update();
        jdbc.sql("UPDATE " + TABLE + " SET state = 'posted', last_message = 'looked up again'").update();

        List<String> events = events();
        assertThat(events.get(0)).startsWith("created|1|{");
        assertThat(events.subList(1, events.size())).containsExactly(
                "posting_failed|2|DE01-2026-000001|DE01-2026-000001|{\"source\": \"" + TABLE
                        + "\", \"attempts\": 3, \"last_message\": \"ERP: unknown customer\"}",
                "posted|3|DE01-2026-000001|DE01-2026-000001|{\"source\": \"" + TABLE + "\", \"erp_document_id\": \"INV/42\"}");
    }

    @Test
    void aRowMayNameItsInvoiceByRunDraftAndVersionButMustNameIt() {
        jdbc.sql("INSERT INTO " + TABLE + " (run_id, draft_id, version_no, final_number, state) VALUES (?, ?, ?, 'X-1', 'posted')")
                .params(version.runId(), version.draftId(), version.versionNo()).update();
        assertThat(events()).hasSize(2).last().asString().startsWith("posted|2|X-1|X-1|");

        assertThatThrownBy(() -> jdbc.sql("INSERT INTO " + TABLE + " (final_number, state) VALUES ('X-2', 'posted')").update())
                .hasMessageContaining("names no invoice version");
    }
}
