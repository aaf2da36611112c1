package org.billrun.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.assist.risk.ClientHistory;
import org.billrun.assist.risk.DraftFacts;
import org.billrun.assist.risk.PastInvoice;
import org.billrun.assist.risk.RiskFeature;
import org.billrun.assist.risk.RiskFeatures;
import org.billrun.assist.risk.RiskModel;
import org.billrun.assist.risk.RiskScore;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.disputes.port.OpenDispute;
import org.billrun.draft.DraftEvidenceQueries;
import org.billrun.draft.DraftQueries;
import org.billrun.events.inbound.EventImportService;
import org.billrun.infra.Stage;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.ApproveEverything;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispute risk of the sample firm's October drafts, from the contracts' billing history
 * (billing_history.csv, 2026-04..09), and how a dispute of October's invoice enters November's history.
 */
@BillrunIntegrationTest
class DisputeRiskIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    DisputeService disputes;

    @Autowired
    DisputeRisk risk;

    @Autowired
    CreditService credits;

    @Autowired
    EventImportService imports;

    @Autowired
    DraftQueries drafts;

    @Autowired
    DraftEvidenceQueries draftEvidence;

    @Autowired
    ApprovalQueries approvalQueries;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyLiveDraftIsScoredFromItsContractsHistoryAndADisputeOfTheInvoiceEntersTheNextPeriodsHistory() throws Exception {
        new DatabaseState(jdbc).reset();
        jdbc.sql("DELETE FROM dispute").update();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, null,
                null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long run = latestRun();

        Map<String, RiskScore> scores = risk.scores(run);

        long live = jdbc.sql("SELECT count(*) FROM draft_invoice WHERE run_id = ? AND status = 'live'").param(run).query(Long.class).single();
        assertThat(scores).hasSize((int) live);
        assertThat(scores.values()).allSatisfy(s -> {
            assertThat(s.probability()).isStrictlyBetween(0.0, 1.0);
            assertThat(s.top(3)).hasSize(3);
        });
        // the lines without evidence are counted in the database as a reader of every line would count them
        Map<String, DraftEvidenceQueries.Evidence> evidence = draftEvidence.evidence(run);
        drafts.lines(run).forEach((draft, lines) -> assertThat(evidence.get(draft)).as(draft).isEqualTo(new DraftEvidenceQueries.Evidence(lines.size(),
                (int) lines.stream().filter(l -> l.sourceCount() == 0 && !l.type().equals("cap_write_down")).count())));
        assertThat(evidence.values()).as("the sample firm has lines without evidence (retainer fees)")
                .anyMatch(e -> e.linesWithoutEvidence() > 0);
        // Hudson's October is 4.6 times its usual month (docs/assistance.md): the spike is among its top factors
        assertThat(scores.get("2026-10-NWUS-K-HUDSON-1").top(3)).anySatisfy(f -> assertThat(f.sentence()).contains("the median of 6 months"));
        ClientHistory hudson = risk.history("K-HUDSON-1", "C-HUDSON", "USD", YearMonth.of(2026, 10));
        assertThat(hudson.invoices()).extracting(PastInvoice::period).containsExactly(YearMonth.of(2026, 4), YearMonth.of(2026, 5),
                YearMonth.of(2026, 6), YearMonth.of(2026, 7), YearMonth.of(2026, 8), YearMonth.of(2026, 9));
        assertThat(hudson.invoices()).noneMatch(PastInvoice::disputed);

        approvals.approveStraightThrough(null, Acting.as("finance"));
        Map<String, Object> invoice = jdbc.sql("""
                SELECT p.final_number, d.contract_id, d.client_id, d.currency, d.net FROM posting p
                JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id ORDER BY p.final_number LIMIT 1""").query().singleRow();
        String contract = (String) invoice.get("contract_id");
        String client = (String) invoice.get("client_id");
        String currency = (String) invoice.get("currency");
        YearMonth november = YearMonth.of(2026, 11);
        DraftFacts novemberDraft = new DraftFacts(november, (BigDecimal) invoice.get("net"), 5, 0);
        ClientHistory before = risk.history(contract, client, currency, november);
        assertThat(before.invoices()).last().satisfies(p -> {
            assertThat(p.period()).isEqualTo(YearMonth.of(2026, 10));
            assertThat(p.disputed()).isFalse();
        });

        disputes.open(OpenDispute.fromCli((String) invoice.get("final_number"), "The rate is wrong.", List.of()));

        ClientHistory after = risk.history(contract, client, currency, november);
        assertThat(after.invoices()).last().satisfies(p -> assertThat(p.disputed()).isTrue());
        assertThat(RiskModel.shipped().score(after, novemberDraft).probability())
                .as("a disputed latest invoice raises the next draft's risk")
                .isGreaterThan(RiskModel.shipped().score(before, novemberDraft).probability());
        assertThat(RiskModel.shipped().score(after, novemberDraft).top(3))
                .anySatisfy(f -> assertThat(f.sentence()).contains("the latest invoice (2026-10) was disputed"));
    }

    @Test
    void anApprovedCreditAndThePaymentThatSettledTheInvoiceEnterTheNextPeriodsHistoryAndItsFactors() throws Exception {
        new DatabaseState(jdbc).reset();
        jdbc.sql("DELETE FROM dispute").update();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, null,
                null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        Map<String, Object> invoice = jdbc.sql("""
                SELECT p.final_number, p.issue_date, p.gross, d.contract_id, d.client_id, d.currency, d.net FROM posting p
                JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                WHERE p.currency = 'EUR' AND p.credit_id IS NULL ORDER BY p.final_number LIMIT 1""").query().singleRow();
        String number = (String) invoice.get("final_number");
        String contract = (String) invoice.get("contract_id");
        String client = (String) invoice.get("client_id");
        YearMonth november = YearMonth.of(2026, 11);
        DraftFacts novemberDraft = new DraftFacts(november, (BigDecimal) invoice.get("net"), 5, 0);
        ClientHistory before = risk.history(contract, client, "EUR", november);
        assertThat(before.invoices()).last().satisfies(p -> {
            assertThat(p.credited()).isZero();
            assertThat(p.daysToPay()).isNull();
        });

        CreditMemo inReview = credits.issue(new CreditRequest(number, List.of(new CreditRequest.Line(1, null, new BigDecimal("100.00"))),
                CreditReason.GOODWILL, "a goodwill gesture", false, CreditActor.of("admin")));
        assertThat(risk.history(contract, client, "EUR", november).invoices()).last()
                .satisfies(p -> assertThat(p.credited()).as("a credit in review is no credit yet").isZero());
        credits.approve(inReview.reference(), CreditActor.of("finance"), null);
        LocalDate issued = ((java.sql.Date) invoice.get("issue_date")).toLocalDate();
        Path bank = Files.createTempFile("billrun-risk-payments", ".csv");
        Files.writeString(bank, "kind,id,invoice,amount,currency,date\n"
                + "payment,R-1," + number + ",10.00,EUR," + issued.plusDays(20) + "\n"
                + "payment,R-2," + number + "," + ((BigDecimal) invoice.get("gross")).subtract(new BigDecimal("10.00")).setScale(2).toPlainString()
                + ",EUR," + issued.plusDays(47) + "\n");
        assertThat(imports.importFile(bank, "bank", "finance").paymentsRecorded()).isEqualTo(2);

        ClientHistory after = risk.history(contract, client, "EUR", november);
        assertThat(after.invoices()).last().satisfies(p -> {
            assertThat(p.credited()).isEqualByComparingTo("100.00");
            assertThat(p.daysToPay()).as("days to the payment that settled it, not the first part").isEqualTo(47);
        });
        assertThat(RiskFeatures.measure(after, novemberDraft).sentence(RiskFeature.CREDIT_SHARE)).startsWith("credits of EUR 100.00 on the last");
        assertThat(RiskFeatures.measure(after, novemberDraft).sentence(RiskFeature.DAYS_TO_PAY))
                .isEqualTo("the client paid in a median of 47 days (1 paid of " + after.before(november, RiskFeatures.WINDOW).size() + ")");
        assertThat(RiskModel.shipped().score(after, novemberDraft).probability())
                .as("paying late raises the next draft's risk (DAYS_TO_PAY has a positive weight)")
                .isGreaterThan(RiskModel.shipped().score(before, novemberDraft).probability());
    }

    @Test
    void whatAReviewerWroteDownBeforeApprovingEntersTheNextPeriodsWriteDownsBesideTheCapWriteDown() throws Exception {
        new DatabaseState(jdbc).reset();
        jdbc.sql("DELETE FROM dispute").update();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, null,
                null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long run = latestRun();
        String acme = "2026-10-NWDE-K-ACME-1";
        YearMonth november = YearMonth.of(2026, 11);
        approvals.openReviews();
        int line = jdbc.sql("SELECT min(line_no) FROM draft_line WHERE run_id = ? AND draft_id = ? AND line_type = 'time' AND net > 1000")
                .params(run, acme).query(Integer.class).single();
        approvals.adjust(acme, line, InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("500.00"), "goodwill", null, Acting.as("finance"));
        assertThat(risk.history("K-ACME-1", "C-ACME", "EUR", november).invoices()).last()
                .satisfies(p -> assertThat(p.writtenDown()).as("not approved yet: nothing taken off an invoice").isZero());

        assertThat(new ApproveEverything(approvals, approvalQueries, jdbc).approve(run)).isEmpty();

        assertThat(risk.history("K-ACME-1", "C-ACME", "EUR", november).invoices()).last().satisfies(p -> {
            assertThat(p.period()).isEqualTo(YearMonth.of(2026, 10));
            assertThat(p.writtenDown()).isEqualByComparingTo("500.00");
        });
    }

    @Test
    void aDraftAboveThePolicysRiskThresholdIsRoutedToFinanceWithItsFactors() throws Exception {
        new DatabaseState(jdbc).reset();
        jdbc.sql("DELETE FROM dispute").update();
        Path policy = Files.createTempFile("billrun-risk-policy", ".properties");
        Files.writeString(policy, Files.readString(Path.of("sample-data/northwind/policy.properties"))
                + "\napproval.dispute-risk-threshold=0.2\n");
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT, null, policy,
                null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long run = latestRun();
        Map<String, RiskScore> scores = risk.scores(run);

        List<Map<String, Object>> routed = jdbc.sql(
                "SELECT draft_id, reviewer_role, reason FROM draft_route_reason WHERE run_id = ? AND code = 'DISPUTE_RISK' ORDER BY draft_id")
                .param(run).query().listOfRows();

        List<String> above = scores.entrySet().stream().filter(e -> e.getValue().probability() > 0.2).map(Map.Entry::getKey).sorted().toList();
        assertThat(above).as("the sample firm's drafts above 0.2 (Hudson's spike, Bauer's retainer)").isNotEmpty();
        assertThat(routed).extracting(r -> (String) r.get("draft_id")).containsExactlyElementsOf(above);
        assertThat(routed).allSatisfy(r -> {
            assertThat(r.get("reviewer_role")).isEqualTo("finance");
            assertThat((String) r.get("reason")).startsWith(String.format(java.util.Locale.ROOT, "dispute risk %.2f is above the threshold of 0.2: ",
                    scores.get((String) r.get("draft_id")).probability()));
        });
        assertThat(jdbc.sql("SELECT route FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(run, above.get(0))
                .query(String.class).single()).isEqualTo("review");
    }

    private long latestRun() {
        return jdbc.sql("SELECT max(run_id) FROM billing_run").query(Long.class).single();
    }
}
