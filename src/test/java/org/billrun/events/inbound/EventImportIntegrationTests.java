package org.billrun.events.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.credit.CreditState;
import org.billrun.infra.Stage;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * `billrun events import` on the sample firm, its approved invoices numbered: a messy CSV (byte-order mark,
 * blank lines, a repeated row, a decimal comma, an unknown number, another currency, an ambiguous amount, a
 * dispute notice) records the payments with their events and raises the rest for finance; importing the
 * same file again records nothing and raises nothing new.
 */
@BillrunIntegrationTest
class EventImportIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    EventImportService imports;

    @Autowired
    InboundQueries store;

    @Autowired
    CreditService credits;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    Map<String, Object> a;
    Map<String, Object> b;

    @BeforeEach
    void approveTheSampleFirm() throws Exception {
        jdbc.sql("SET session_replication_role = replica; TRUNCATE event_delivery, event_stream, event_outbox, dispute; "
                + "SET session_replication_role = origin").update();
        new DatabaseState(jdbc).reset();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, null,
                null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        List<Map<String, Object>> numbered = jdbc.sql("SELECT final_number, currency, gross FROM posting WHERE currency = 'EUR' ORDER BY final_number")
                .query().listOfRows();
        assertThat(numbered).hasSizeGreaterThanOrEqualTo(2);
        a = numbered.get(0);
        b = numbered.get(1);
    }

    private Path file(String text) throws Exception {
        Path f = dir.resolve("bank-2026-11.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String half(Map<String, Object> invoice) {
        return ((BigDecimal) invoice.get("gross")).divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN).toPlainString();
    }

    private static String rest(Map<String, Object> invoice) {
        return ((BigDecimal) invoice.get("gross")).subtract(new BigDecimal(half(invoice))).setScale(2).toPlainString().replace('.', ',');
    }

    private String messyFile() {
        return "\uFEFFkind,id,invoice,amount,currency,date,reference,reason\r\n"
                + "\r\n"
                + "payment,P-1," + a.get("final_number") + "," + half(a) + ",EUR,2026-11-03,SEPA 1,\r\n"
                + "payment,P-1," + a.get("final_number") + "," + half(a) + ",EUR,2026-11-03,SEPA 1,\r\n"
                + "payment,P-2," + a.get("final_number") + ",\"" + rest(a) + "\",eur,2026-11-10,SEPA 2,\r\n"
                + "   \r\n"
                + "payment,P-3," + b.get("final_number") + ",100.00,USD,2026-11-11,,\r\n"
                + "payment,P-4,XXDE-2026-999999,50.00,EUR,2026-11-11,,\r\n"
                + "payment,P-5," + b.get("final_number") + ",\"1,234\",EUR,2026-11-12,,\r\n"
                + "dispute,D-1," + b.get("final_number") + ",,,2026-11-13,,hours on 12 Oct not agreed\r\n";
    }

    @Test
    void paymentsAreRecordedWithTheirEventsTheRestRaisedForFinanceAndAReimportChangesNothing() throws Exception {
        Path f = file(messyFile());

        EventImportService.Summary first = imports.importFile(f, "bank", "finance", null);

        assertThat(first.rowsRead()).isEqualTo(7);
        assertThat(first.duplicatesInFile()).isEqualTo(1);
        assertThat(first.paymentsRecorded()).isEqualTo(2);
        assertThat(first.exceptionsRaised()).isEqualTo(4);
        assertThat(store.payments((String) a.get("final_number"))).extracting(p -> p.state().label() + " " + p.paidTotal().stripTrailingZeros()
                .toPlainString()).containsExactly("paid " + ((BigDecimal) a.get("gross")).stripTrailingZeros().toPlainString(),
                "partially_paid " + new BigDecimal(half(a)).stripTrailingZeros().toPlainString());
        assertThat(jdbc.sql("SELECT type || ' ' || final_number || ' ' || (payload -> 'invoice' ->> 'final_number') FROM event_outbox"
                + " WHERE type IN ('paid', 'partially_paid') ORDER BY event_no").query(String.class).list())
                .containsExactly("partially_paid " + a.get("final_number") + " " + a.get("final_number"),
                        "paid " + a.get("final_number") + " " + a.get("final_number"));
        assertThat(store.exceptions(InboundExceptionStatus.OPEN)).extracting(e -> e.rule().code() + " " + e.line())
                .containsExactlyInAnyOrder("IMPORT_CURRENCY_MISMATCH 7", "IMPORT_UNKNOWN_INVOICE 8", "IMPORT_BAD_AMOUNT 9",
                        "IMPORT_DISPUTE_NOT_RECORDED 10");
        assertThat(store.exceptions(InboundExceptionStatus.OPEN)).filteredOn(e -> e.rule() == InboundRule.UNKNOWN_INVOICE).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("line 8", "XXDE-2026-999999"));
        long events = jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single();

        EventImportService.Summary again = imports.importFile(f, "bank", "finance", null);

        assertThat(again.paymentsRecorded()).isZero();
        assertThat(again.alreadyRecorded()).isEqualTo(2);
        assertThat(again.exceptionsRaised()).isZero();
        assertThat(again.exceptionsAlreadyOpen()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM payment").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single()).isEqualTo(events);
    }

    @Test
    void rowsWithoutIdsInAReExportAreNotPaidTwiceAndAnApprovedCreditLowersWhatMakesTheInvoicePaid() throws Exception {
        String number = (String) a.get("final_number");
        CreditMemo asked = credits.issue(new CreditRequest(number, List.of(), CreditReason.GOODWILL, null, false, CreditActor.of("admin")));
        CreditMemo credit = credits.approve(asked.reference(), CreditActor.of("finance"), null);
        if (credit.state() != CreditState.APPROVED) {
            credit = credits.approve(asked.reference(), CreditActor.of("E-001"), null);
        }
        BigDecimal gross = (BigDecimal) a.get("gross");
        BigDecimal due = gross.subtract(credit.gross());
        CreditMemo approved = credit;
        assertThat(credit.state()).isEqualTo(CreditState.APPROVED);
        assertThat(due).as("a full credit leaves nothing due").isZero();
        String header = "kind,invoice,amount,currency,date,reference\n";
        String bRow = "payment," + b.get("final_number") + ",10.00,EUR,2026-11-03,SEPA B\n";
        String aRow = "payment," + number + ",5.00,EUR,2026-11-04,SEPA A\n";

        EventImportService.Summary first = imports.importFile(file(header + bRow + aRow), "bank", "finance", null);
        EventImportService.Summary reExport = imports.importFile(file(header + "payment," + b.get("final_number")
                + ",20.00,EUR,2026-11-05,SEPA B2\n" + aRow + bRow), "bank", "finance", null);

        assertThat(first.paymentsRecorded()).isEqualTo(2);
        assertThat(reExport.paymentsRecorded()).as("only the new row").isEqualTo(1);
        assertThat(reExport.alreadyRecorded()).isEqualTo(2);
        assertThat(store.payments(number)).singleElement().satisfies(p -> {
            assertThat(p.state()).as("5.00 of a gross of %s, all of it credited", gross).isEqualTo(PaymentState.PAID);
            assertThat(p.importKey()).startsWith("bank:content:").endsWith(":1");
        });
        assertThat(store.exceptions(InboundExceptionStatus.OPEN)).filteredOn(e -> e.rule() == InboundRule.OVERPAID).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("against 0 EUR due (a gross of " + gross.stripTrailingZeros().toPlainString()
                        + " less " + approved.gross().stripTrailingZeros().toPlainString() + " credited): 5 EUR too much"));
    }

    @Test
    void aRowIdReusedWithOtherContentInALaterFileIsRaisedNotPaid() throws Exception {
        imports.importFile(file("kind,id,invoice,amount,date\npayment,P-1," + a.get("final_number") + ",10.00,2026-11-03\n"), "bank", "finance",
                null);

        EventImportService.Summary later = imports.importFile(file("kind,id,invoice,amount,date\npayment,P-1," + b.get("final_number")
                + ",10.00,2026-11-04\n"), "bank", "finance", null);

        assertThat(later.paymentsRecorded()).isZero();
        assertThat(store.exceptions(InboundExceptionStatus.OPEN)).extracting(InboundQueries.RowException::rule)
                .containsExactly(InboundRule.CONFLICTING_DUPLICATE);
        assertThat(imports.importFile(file("kind,id,invoice,amount,date\npayment,P-1," + b.get("final_number") + ",10.00,2026-11-04\n"), "crm",
                "finance", null).paymentsRecorded()).as("another source's P-1 is another row").isEqualTo(1);
    }

    @Test
    void aDisputeNoticeGoesToTheDisputeServiceOnceAcrossReimports() throws Exception {
        List<DisputeNotices.Notice> opened = new ArrayList<>();
        DisputeNotices disputes = n -> {
            opened.add(n);
            return "DSP-" + opened.size();
        };
        Path f = file("type;invoice_number;received_on;reason;row_id\ndispute_notice;" + b.get("final_number") + ";2026-11-13;rate too high;D-7\n");

        EventImportService.Summary first = imports.importFile(f, "crm", "finance", disputes);
        EventImportService.Summary again = imports.importFile(f, "crm", "finance", disputes);

        assertThat(first.disputesRecorded()).isEqualTo(1);
        assertThat(again.disputesRecorded()).isZero();
        assertThat(opened).singleElement().satisfies(n -> {
            assertThat(n.finalNumber()).isEqualTo(b.get("final_number"));
            assertThat(n.reason()).isEqualTo("rate too high");
            assertThat(n.importKey()).isEqualTo("crm:dispute:D-7");
        });
        assertThat(jdbc.sql("SELECT dispute_ref FROM dispute_notice").query(String.class).single()).isEqualTo("DSP-1");
        assertThat(store.exceptions(null)).isEmpty();
    }

    @Test
    void aDisputeNoticeOpensADisputeThroughTheDisputesPortOnceAndOneWithoutAReasonIsRaised() throws Exception {
        Path f = file("kind,id,invoice,date,reason\n"
                + "dispute,D-1," + b.get("final_number") + ",2026-11-13,the hours of 12 October were not agreed\n"
                + "dispute,D-2," + a.get("final_number") + ",2026-11-13,\n");

        EventImportService.Summary first = imports.importFile(f, "crm", "finance");
        EventImportService.Summary again = imports.importFile(f, "crm", "finance");

        assertThat(first.disputesRecorded()).isEqualTo(1);
        assertThat(again.disputesRecorded()).isZero();
        assertThat(jdbc.sql("SELECT final_number || ' ' || source || ' ' || external_ref FROM dispute").query(String.class).list())
                .containsExactly(b.get("final_number") + " crm crm:dispute:D-1");
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE type = 'disputed'").query(Long.class).single()).isEqualTo(1);
        assertThat(store.exceptions(InboundExceptionStatus.OPEN)).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(InboundRule.DISPUTE_NOT_RECORDED);
            assertThat(e.finalNumber()).isEqualTo(a.get("final_number"));
            assertThat(e.message()).contains("line 3", "refused", "reason");
        });
    }
}
