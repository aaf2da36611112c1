package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.events.inbound.EventImportService;
import org.billrun.events.inbound.InboundExceptionStatus;
import org.billrun.events.inbound.InboundQueries;
import org.billrun.infra.Stage;
import org.billrun.posting.PostingQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.validate.ExceptionQueue.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finance's exceptions beside validation's in `billrun exceptions`: postings that failed for good or need
 * reconciliation, and imported rows that matched no invoice; filtered like the rest, closed by resolve or waive.
 */
@BillrunIntegrationTest
class FinanceExceptionsIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostingQueries postings;

    @Autowired
    InboundQueries inbound;

    @Autowired
    EventImportService imports;

    @Autowired
    org.billrun.delivery.DeliveryQueries deliveries;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    long runId;
    List<String> numbers;

    @BeforeEach
    void approveTheSampleFirm() throws Exception {
        new DatabaseState(jdbc).reset();
        var outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = outcome.runId();
        approvals.approveStraightThrough(null, Acting.as("finance"));
        numbers = jdbc.sql("SELECT final_number FROM posting ORDER BY final_number").query(String.class).list();
        assertThat(numbers).hasSizeGreaterThanOrEqualTo(3);
    }

    private static Filter filter(Long run, String owner, String rule, String severity, String status) {
        return new Filter(null, run, owner, rule, severity, status);
    }

    @Test
    void failedAndUnreconciledPostingsAndUnmatchedImportsAreFinancesOpenExceptions() throws Exception {
        jdbc.sql("UPDATE posting SET state = 'failed_permanent', attempts = 1, last_message = 'HTTP 400: customer C-7 unknown' WHERE final_number = ?")
                .param(numbers.get(0)).update();
        jdbc.sql("UPDATE posting SET state = 'needs_reconciliation', attempts = 2 WHERE final_number = ?").param(numbers.get(1)).update();
        Path f = dir.resolve("bank.csv");
        Files.writeString(f, "kind,id,invoice,amount,date\npayment,P-9,XX-2026-000404,10.00,2026-11-03\n");
        imports.importFile(f, "bank", "finance", null);

        List<FinanceExceptions.Listed> open = FinanceExceptions.list(postings, inbound, filter(null, null, null, null, "open"));

        assertThat(open).extracting(r -> r.rule() + " " + r.ownerRole() + " " + r.severity()).containsExactly(
                "POSTING_FAILED_PERMANENT finance block", "POSTING_NEEDS_RECONCILIATION finance block", "IMPORT_UNKNOWN_INVOICE finance block");
        assertThat(open.get(0).id()).startsWith("P-");
        assertThat(open.get(0).recordKey()).startsWith(numbers.get(0));
        assertThat(open.get(0).message()).contains("HTTP 400: customer C-7 unknown", "billrun post --retry " + numbers.get(0));
        assertThat(open.get(0).period()).isEqualTo("2026-10");
        assertThat(open.get(2).id()).startsWith("I-");
        assertThat(open.get(2).message()).contains("XX-2026-000404");
        assertThat(FinanceExceptions.list(postings, inbound, filter(runId, null, null, null, "open"))).as("--run: that run's postings only")
                .extracting(FinanceExceptions.Listed::rule).containsExactly("POSTING_FAILED_PERMANENT", "POSTING_NEEDS_RECONCILIATION");
        assertThat(FinanceExceptions.list(postings, inbound, filter(runId + 1, null, null, null, "open"))).isEmpty();
        assertThat(FinanceExceptions.list(postings, inbound, filter(null, "consultant", null, null, "open"))).isEmpty();
        assertThat(FinanceExceptions.list(postings, inbound, filter(null, null, null, "warn", "open"))).isEmpty();
        assertThat(FinanceExceptions.list(postings, inbound, filter(null, "finance", "import_unknown_invoice", null, null)))
                .extracting(FinanceExceptions.Listed::rule).containsExactly("IMPORT_UNKNOWN_INVOICE");
    }

    @Test
    void aRequeuedPostingAndAResolvedImportLeaveTheOpenList() throws Exception {
        jdbc.sql("UPDATE posting SET state = 'failed_permanent' WHERE final_number = ?").param(numbers.get(0)).update();
        Path f = dir.resolve("bank.csv");
        Files.writeString(f, "kind,id,invoice,amount,date\npayment,P-9,XX-2026-000404,10.00,2026-11-03\n");
        imports.importFile(f, "bank", "finance", null);
        long importId = inbound.exceptions(InboundExceptionStatus.OPEN).get(0).id();

        jdbc.sql("UPDATE posting SET state = 'pending' WHERE final_number = ?").param(numbers.get(0)).update();
        long audited = jdbc.sql("SELECT count(*) FROM audit_log WHERE subject_type = 'inbound_exception'").query(Long.class).single();
        assertThat(imports.decide(importId, InboundExceptionStatus.RESOLVED, "finance", "a payment of another firm")).isPresent();
        assertThat(imports.decide(importId, InboundExceptionStatus.WAIVED, "finance", "again")).as("closed already").isEmpty();
        assertThat(jdbc.sql("SELECT action || ' ' || actor || ': ' || detail FROM audit_log WHERE subject_type = 'inbound_exception' "
                + "AND subject_id = ?").param(importId).query(String.class).list()).as("the decision is audited, once")
                .hasSize((int) audited + 1).last().asString().startsWith("resolved finance: IMPORT_").endsWith("a payment of another firm");

        assertThat(FinanceExceptions.list(postings, inbound, filter(null, null, null, null, "open"))).isEmpty();
        assertThat(FinanceExceptions.list(postings, inbound, filter(null, null, null, null, "resolved")))
                .singleElement().satisfies(r -> {
                    assertThat(r.id()).isEqualTo("I-" + importId);
                    assertThat(r.changedBy()).isEqualTo("finance");
                    assertThat(r.reason()).isEqualTo("a payment of another firm");
                });
    }

    @Test
    void aBouncedDeliveryIsFinancesOpenExceptionWithTheBouncesDiagnostic() {
        long deliveryId = jdbc.sql("""
                INSERT INTO delivery (posting_id, entity_id, final_number, version_no, channel, recipients, status, message_id, bounced_at,
                    bounce_diagnostic)
                SELECT posting_id, entity_id, final_number, version_no, 'email', 'ap@acme.example', 'bounced', '<m1@billrun-host>',
                    clock_timestamp(), 'failed for ap@acme.example (5.1.1): smtp; 550 5.1.1 User unknown'
                FROM posting WHERE final_number = ? RETURNING delivery_id""").param(numbers.get(2)).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO delivery (posting_id, entity_id, final_number, version_no, channel, recipients, status, message_id)
                SELECT posting_id, entity_id, final_number, version_no, 'email', 'ap@x.example', 'sent', '<m2@billrun-host>'
                FROM posting WHERE final_number = ?""").param(numbers.get(1)).update();

        List<FinanceExceptions.Listed> open = FinanceExceptions.bounces(deliveries, filter(null, null, null, null, "open"));

        assertThat(open).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("D-" + deliveryId);
            assertThat(e.rule()).isEqualTo("DELIVERY_BOUNCED");
            assertThat(e.ownerRole()).isEqualTo("finance");
            assertThat(e.recordKey()).isEqualTo(numbers.get(2) + " to ap@acme.example");
            assertThat(e.message()).contains("550 5.1.1 User unknown");
        });
        assertThat(FinanceExceptions.bounces(deliveries, filter(runId, null, null, null, "open"))).as("--run: no run's").isEmpty();
        assertThat(FinanceExceptions.bounces(deliveries, filter(null, null, "POSTING_FAILED_PERMANENT", null, "open"))).isEmpty();
        assertThat(FinanceExceptions.bounces(deliveries, filter(null, null, null, null, "resolved"))).isEmpty();
        assertThat(FinanceExceptions.bounces(deliveries, filter(null, "consultant", null, null, null))).isEmpty();
    }
}
