package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.Rounding;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.infra.RootCause;
import org.billrun.infra.RunFailure;
import org.billrun.infra.Stage;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.billrun.support.RefusedClientDrafts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@BillrunIntegrationTest
class DraftJobIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final Path EXPECTED = NORTHWIND.resolve("expected");

    @Autowired
    RunService runService;

    @Autowired
    DraftService drafting;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    InjectedFaults faults;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    DraftSharedInputs sharedInputs;

    @Autowired
    DraftInputs inputs;

    @TempDir
    Path temp;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    @AfterEach
    void disarmFaults() {
        faults.clear();
    }

    private long run(Path input, Stage until) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, until, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    @Test
    void theSampleFirmsDraftsAreTheInvoicesWorkedOutByHand() throws Exception {
        long run = run(NORTHWIND, Stage.DRAFT);

        List<String> actual = jdbc.sql("""
                SELECT d.draft_id, d.client_id, d.contract_id, d.entity_id, d.currency, d.billing_model,
                       (SELECT count(*) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id),
                       d.net, d.tax, d.gross, d.route,
                       coalesce((SELECT string_agg(DISTINCT r.reviewer_id, ';') FROM draft_route_reason r
                                 WHERE r.run_id = d.run_id AND r.draft_id = d.draft_id), ''),
                       coalesce((SELECT string_agg(DISTINCT r.code, ';') FROM draft_route_reason r
                                 WHERE r.run_id = d.run_id AND r.draft_id = d.draft_id), '')
                FROM draft_invoice d WHERE d.run_id = ? AND d.status = 'live' ORDER BY d.draft_id""")
                .param(run)
                .query((rs, i) -> String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), money(rs.getBigDecimal(8), rs.getString(5)),
                        money(rs.getBigDecimal(9), rs.getString(5)), money(rs.getBigDecimal(10), rs.getString(5)), rs.getString(11),
                        rs.getString(12), rs.getString(13)))
                .list();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(expectedRows("invoices.csv"));
    }

    @Test
    void theSampleFirmsLinesAndTheirRecordsAreTheOnesWorkedOutByHand() throws Exception {
        long run = run(NORTHWIND, Stage.DRAFT);

        List<String> lines = jdbc.sql("""
                SELECT draft_id, line_no, line_type, line_key, quantity, unit_price, net, tax_category, tax_rate, tax
                FROM draft_line WHERE run_id = ?""")
                .param(run)
                .query((rs, i) -> String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        plain(rs.getBigDecimal(5)), plain(rs.getBigDecimal(6)), plain(rs.getBigDecimal(7)),
                        rs.getString(8) == null ? "" : rs.getString(8), plain(rs.getBigDecimal(9)), plain(rs.getBigDecimal(10))))
                .list();
        assertThat(lines).containsExactlyInAnyOrderElementsOf(normalised(expectedRows("lines.csv"), 4, 5, 6, 8, 9));

        List<String> sources = jdbc.sql("""
                SELECT draft_id, line_no, record_kind, record_key, value, markup FROM draft_line_source
                WHERE run_id = ?""")
                .param(run)
                .query((rs, i) -> String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        plain(rs.getBigDecimal(5)), plain(rs.getBigDecimal(6))))
                .list();
        List<String> expected = new ArrayList<>();
        for (String row : expectedRows("sources.csv")) {
            String[] f = row.split(",", -1);
            f[2] = f[2].equals("time") ? "time_entry" : f[2];
            f[5] = f[5].isEmpty() ? "0" : f[5];
            expected.add(String.join(",", f));
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(normalised(expected, 4, 5));
    }

    @Test
    void twoRunsOfTheSameInputsGiveTheSameRouteReasonsWordForWord() throws Exception {
        run(NORTHWIND, Stage.DRAFT);
        List<String> first = reasons();
        new DatabaseState(jdbc).reset(); // the sequences go on: the second run's exceptions get other ids
        run(NORTHWIND, Stage.DRAFT);

        assertThat(first).anySatisfy(r -> assertThat(r).contains("|OPEN_EXCEPTION|", "open exception CAP_EXCEEDED (block) on contract K-KESTREL-1"));
        assertThat(first).noneSatisfy(r -> assertThat(r).containsPattern("#\\d"));
        assertThat(reasons()).isEqualTo(first);
    }

    private List<String> reasons() {
        return new DatabaseState(jdbc).drafts().stream().filter(row -> row.startsWith("reason|")).toList();
    }

    @Test
    void theRunRecordsWhoPreparedItAndEveryAuditEntryOfItNamesThatActor() throws Exception {
        long run = run(NORTHWIND, Stage.DRAFT);

        assertThat(jdbc.sql("SELECT preparer FROM billing_run WHERE run_id = ?").param(run).query(String.class).single())
                .as("the test context's actor").isEqualTo("billrun");
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM audit_log WHERE run_id = ?").param(run).query(String.class).list())
                .containsExactly("billrun");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'drafts_written'").param(run)
                .query(Long.class).single()).isOne();
    }

    @Test
    void everyValidRecordOfTheSampleFirmIsOnExactlyOneLineOfOneLiveDraft() throws Exception {
        assertConservation(run(NORTHWIND, Stage.DRAFT));
    }

    @Test
    void everyValidRecordOfAGeneratedFirmIsOnExactlyOneLineOfOneLiveDraft() throws Exception {
        Path firm = temp.resolve("generated");
        new FirmGenerator().generate(new GenerationRequest(80, OCTOBER, 11, firm));

        long run = run(firm, Stage.DRAFT);

        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE run_id = ?").param(run).query(Long.class).single()).isPositive();
        assertConservation(run);
    }

    /**
     * A generated firm carries auto-approve limits like the sample firm's: a draft that nothing else
     * sends to review goes straight through within its currency's limit and to finance above it.
     */
    @Test
    void aGeneratedFirmsPolicySendsDraftsWithinItsLimitsStraightThroughAndLargerOnesToFinance() throws Exception {
        Path firm = temp.resolve("generated");
        new FirmGenerator().generate(new GenerationRequest(80, OCTOBER, 11, firm));
        DraftPolicy policy = DraftPolicy.from(PolicyFile.read(firm.resolve("policy.properties")));

        long run = run(firm, Stage.DRAFT);

        record Routed(String draft, String currency, BigDecimal gross, String route, List<String> codes) {}
        List<Routed> drafts = jdbc.sql("""
                SELECT d.draft_id, d.currency, d.gross, d.route,
                       coalesce((SELECT string_agg(r.code, ';' ORDER BY r.seq) FROM draft_route_reason r
                                 WHERE r.run_id = d.run_id AND r.draft_id = d.draft_id), '')
                FROM draft_invoice d WHERE d.run_id = ?""")
                .param(run)
                .query((rs, i) -> new Routed(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                        rs.getString(5).isEmpty() ? List.of() : List.of(rs.getString(5).split(";"))))
                .list();
        for (Routed d : drafts) {
            boolean aboveLimit = d.gross().compareTo(policy.autoApproveLimits().get(d.currency())) > 0;
            assertThat(d.codes().contains("AMOUNT_ABOVE_LIMIT")).as(d.draft()).isEqualTo(aboveLimit);
            assertThat(d.route()).as(d.draft()).isEqualTo(d.codes().isEmpty() ? "straight_through" : "review");
        }
        long straight = drafts.stream().filter(d -> d.route().equals("straight_through")).count();
        assertThat(straight).as("straight through of " + drafts.size()).isBetween(drafts.size() / 4L, drafts.size() * 9L / 10);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_route_reason WHERE run_id = ? AND reason LIKE 'no auto-approve limit%'")
                .param(run).query(Long.class).single()).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theDraftingPartitionsOfAnAttemptReadWhatTheyShareOnceAndLetItGoWhenTheStageEnds(CapturedOutput output) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionStates(outcome.runId())).hasSizeGreaterThan(1);
        assertThat(output.getAll().lines().filter(line -> line.contains("Read the master data for drafting"))).hasSize(1);
        String sharedInputsRead = "open exceptions and the dispute risk's histories of run " + outcome.runId() + " for drafting";
        assertThat(output.getAll().lines().filter(line -> line.contains(sharedInputsRead))).hasSize(1);
        assertThat(sharedInputs.holds(outcome.execution())).as("the reports get the heap").isFalse();
    }

    @Test
    void aRunThatFailsWhileDraftingIsResumedAndEndsWithTheDraftsOfAnUninterruptedRun() throws Exception {
        long uninterrupted = run(NORTHWIND, Stage.DRAFT);
        List<String> expected = draftFigures(uninterrupted);
        new DatabaseState(jdbc).reset();

        faults.failAfterTasklet("draftClients"); // every partition
        RunOutcome failed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice").query(Long.class).single()).as("nothing of the failed step").isZero();
        faults.clear();
        RunOutcome resumed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(draftFigures(resumed.runId())).containsExactlyElementsOf(expected);
        assertConservation(resumed.runId());
    }

    @Test
    void partitionsLeftWithoutTheirClientsByAKillWhileTheyWereCreatedAreResumedWithTheClientsOfThePlan() throws Exception {
        long uninterrupted = run(NORTHWIND, Stage.DRAFT);
        List<String> expected = draftFigures(uninterrupted);
        new DatabaseState(jdbc).reset();
        faults.failAfterTasklet("draftClients");
        RunOutcome failed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();
        // Spring Batch's splitter writes a partition's execution, then its context: a SIGKILL between the two leaves the
        // partition with an empty context (the chaos sweep's kill while the drafting partitions were created)
        List<StepExecution> partitions = jobRepository.getJobExecution(failed.execution().getId()).getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith("draftClients:")).toList();
        assertThat(partitions).hasSizeGreaterThan(1);
        for (StepExecution partition : partitions) {
            partition.setExecutionContext(new ExecutionContext());
            jobRepository.updateExecutionContext(partition);
        }

        RunOutcome resumed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(resumed.execution().getStatus()).as(resumed.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(draftFigures(resumed.runId())).as("every client drafted").containsExactlyElementsOf(expected);
        assertConservation(resumed.runId());
    }

    @Test
    void aResumedRunDraftsAgainOnlyThePartitionThatFailedAndEndsWithTheDraftsOfAnUninterruptedRun() throws Exception {
        long uninterrupted = run(NORTHWIND, Stage.DRAFT);
        List<String> expected = draftFigures(uninterrupted);
        new DatabaseState(jdbc).reset();
        // the database refuses the drafts of one client, as a crash in the middle of its partition would leave them unwritten
        jdbc.sql(RefusedClientDrafts.CREATE).update();
        RunOutcome failed;
        try {
            failed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        } finally {
            jdbc.sql(RefusedClientDrafts.DROP).update();
        }
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(RunFailure.of(failed.execution())).as("what `billrun run` says").get().extracting(RootCause::firstLine)
                .isEqualTo(RefusedClientDrafts.MESSAGE);
        List<String> partitions = partitionStates(failed.runId());
        assertThat(partitions).as("one partition failed, the others completed").hasSizeGreaterThan(1)
                .filteredOn(p -> p.endsWith(" FAILED")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE client_id = 'C-KESTREL'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice").query(Long.class).single()).as("the completed partitions' drafts")
                .isPositive();

        RunOutcome resumed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> failedOnes = partitions.stream().filter(p -> p.endsWith(" FAILED")).map(p -> p.split(" ")[0]).toList();
        assertThat(jdbc.sql("""
                SELECT s.step_name FROM batch_step_execution s WHERE s.job_execution_id = ? AND s.step_name LIKE 'draftClients:%'""")
                .param(resumed.execution().getId()).query(String.class).list()).as("only the failed partition ran again")
                .containsExactlyElementsOf(failedOnes);
        assertThat(draftFigures(resumed.runId())).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'drafts_written'").param(resumed.runId())
                .query(Long.class).single()).isOne();
        assertConservation(resumed.runId());
    }

    @Test
    void aStepStoppedAfterItsTransactionCommittedRunsAgainOnResumeAndWritesNothingTwice() throws Exception {
        long run = run(NORTHWIND, Stage.DRAFT);
        List<String> expected = draftFigures(run);
        long execution = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution WHERE job_instance_id = ?").param(run)
                .query(Long.class).single();
        // what Spring Batch leaves when a stop arrives after a tasklet's transaction committed: the step STOPPED, the job STOPPED
        jdbc.sql("""
                UPDATE batch_step_execution SET status = 'STOPPED', exit_code = 'STOPPED'
                WHERE job_execution_id = ? AND (step_name IN ('draftInvoices', 'recordDrafts') OR step_name = (
                    SELECT min(step_name) FROM batch_step_execution WHERE job_execution_id = ? AND step_name LIKE 'draftClients:%'))""")
                .params(execution, execution).update();
        jdbc.sql("UPDATE batch_job_execution SET status = 'STOPPED', exit_code = 'STOPPED' WHERE job_execution_id = ?").param(execution)
                .update();

        RunOutcome resumed = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT step_name FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id")
                .param(resumed.execution().getId()).query(String.class).list()).as("the stopped partition and recordDrafts ran again")
                .contains("recordDrafts").anyMatch(step -> step.startsWith("draftClients:"));
        assertThat(draftFigures(run)).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'drafts_written'").param(run)
                .query(Long.class).single()).as("one entry for the run's drafts").isOne();
        assertConservation(run);
    }

    /** The draft step's partitions of a run's first execution: {@code draftClients:clients-1 COMPLETED}. */
    private List<String> partitionStates(long run) {
        return jdbc.sql("""
                SELECT s.step_name || ' ' || s.status FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE e.job_instance_id = ? AND s.step_name LIKE 'draftClients:%' ORDER BY s.step_name""")
                .param(run).query(String.class).list();
    }

    @Test
    void draftingTheSameRunAgainReplacesItsDraftsAndNeverDuplicatesThem() throws Exception {
        long run = run(NORTHWIND, Stage.DRAFT);
        List<String> before = draftFigures(run);

        transactions.executeWithoutResult(status -> draft(run));

        assertThat(draftFigures(run)).containsExactlyElementsOf(before);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice").query(Long.class).single()).isEqualTo(13L);
        assertConservation(run);
    }

    @Test
    void aLaterRunOfThePeriodSupersedesTheEarlierRunsDraftsSoOnlyOneDraftPerIdIsLive() throws Exception {
        long first = run(NORTHWIND, Stage.DRAFT);
        long second = run(NORTHWIND, Stage.DRAFT);

        assertThat(jdbc.sql("SELECT status, count(*) FROM draft_invoice WHERE run_id = ? GROUP BY status").param(first)
                .query((rs, i) -> rs.getString(1) + " " + rs.getLong(2)).list()).containsExactly("superseded 13");
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE status = 'live' AND run_id = ?").param(second)
                .query(Long.class).single()).isEqualTo(13L);
        assertThat(draftFigures(second)).containsExactlyElementsOf(draftFigures(first));
    }

    @Test
    void twoRunsDraftingThePeriodAtOnceLeaveOneLiveDraftPerContractAndSpendTheCapOnce() throws Exception {
        long a = run(NORTHWIND, Stage.VALIDATE);
        long b = run(NORTHWIND, Stage.VALIDATE);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> both = List.of(() -> { transactions.executeWithoutResult(s -> draft(a)); return null; },
                    () -> { transactions.executeWithoutResult(s -> draft(b)); return null; });
            for (Future<Void> done : pool.invokeAll(both)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE status = 'live'").query(Long.class).single()).isEqualTo(13L);
        assertThat(jdbc.sql("SELECT count(DISTINCT run_id) FROM draft_invoice WHERE status = 'live'").query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("SELECT sum(cap_consumed) FROM draft_invoice WHERE status = 'live' AND contract_id = 'K-KESTREL-1'")
                .query(BigDecimal.class).single()).isEqualByComparingTo("65000.00");
    }

    @Test
    void aContractMovedToAnotherClientSinceTheLastRunIsDraftedOnceAndSupersedesItsDraftUnderTheOldClient() throws Exception {
        long first = run(NORTHWIND, Stage.DRAFT);
        Path moved = temp.resolve("northwind-moved");
        try (var paths = Files.walk(NORTHWIND)) {
            for (Path source : paths.toList()) {
                Path target = moved.resolve(NORTHWIND.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        for (String file : List.of("contracts.csv", "projects.csv")) {
            Path csv = moved.resolve(file);
            Files.writeString(csv, Files.readString(csv)
                    .replace("K-ALPEN-1,C-ALPEN,", "K-ALPEN-1,C-ACME,")
                    .replace("P-ALPEN-RISK,K-ALPEN-1,C-ALPEN,", "P-ALPEN-RISK,K-ALPEN-1,C-ACME,"));
        }

        long second = run(moved, Stage.DRAFT);

        assertThat(jdbc.sql("SELECT run_id || ' ' || client_id || ' ' || status FROM draft_invoice WHERE draft_id = '2026-10-NWDE-K-ALPEN-1' ORDER BY run_id")
                .query(String.class).list())
                .containsExactly(first + " C-ALPEN superseded", second + " C-ACME live");
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE status = 'live' AND run_id = ?").param(second)
                .query(Long.class).single()).isEqualTo(13L);
    }

    @Test
    void aRunForOneLegalEntityDraftsOnlyThatEntitysContractsAndLeavesTheOthersLive() throws Exception {
        long all = run(NORTHWIND, Stage.DRAFT);

        RunOutcome gb = runService.run(new RunRequest(OCTOBER, "GB01", NORTHWIND, Stage.DRAFT, null, null, null));

        assertThat(gb.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? ORDER BY 1").param(gb.runId()).query(String.class).list())
                .containsExactly("2026-10-NWGB-K-BLUEFIN-1", "2026-10-NWGB-K-HARBOUR-1", "2026-10-NWGB-K-KESTREL-1");
        assertThat(jdbc.sql("SELECT run_id, count(*) FROM draft_invoice WHERE status = 'live' GROUP BY run_id ORDER BY run_id")
                .query((rs, i) -> rs.getLong(1) + ":" + rs.getLong(2)).list()).containsExactly(all + ":10", gb.runId() + ":3");
        assertThat(jdbc.sql("SELECT sum(cap_consumed) FROM draft_invoice WHERE status = 'live' AND contract_id = 'K-KESTREL-1'")
                .query(BigDecimal.class).single()).isEqualByComparingTo("65000.00");
    }

    @Test
    void capConsumedBeforeThePeriodCountsEarlierLiveDraftsInsteadOfTheirHistoryRows() throws Exception {
        long run = run(NORTHWIND, Stage.VALIDATE);
        // billrun drafted K-LONESTAR-1 for September: that draft, not the September history row, is what the cap consumed then
        jdbc.sql("""
                INSERT INTO draft_invoice (run_id, draft_id, period, scope, contract_id, client_id, entity_id, currency, billing_model,
                    presentation, time_annex, invoice_date, service_from, service_to, net, tax, gross, write_down, cap_amount,
                    cap_consumed_before, cap_consumed, route)
                VALUES (?, '2026-09-NWUS-K-LONESTAR-1', '2026-09', 'all', 'K-LONESTAR-1', 'C-LONESTAR', 'US01', 'USD', 'not_to_exceed',
                    'summary_by_role', false, '2026-09-30', '2026-09-01', '2026-09-30', 100000, 0, 100000, 0, 650000, 0, 100000,
                    'straight_through')""").param(run).update();
        BigDecimal historyBeforeSeptember = jdbc.sql("""
                SELECT sum(amount) FROM current_billing_history
                WHERE contract_id = 'K-LONESTAR-1' AND coalesce(consultant_id, '') = '' AND period < '2026-09'""")
                .query(BigDecimal.class).single();

        transactions.executeWithoutResult(s -> draft(run));

        assertThat(jdbc.sql("SELECT cap_consumed_before FROM draft_invoice WHERE draft_id = '2026-10-NWUS-K-LONESTAR-1'")
                .query(BigDecimal.class).single()).isEqualByComparingTo(historyBeforeSeptember.add(new BigDecimal("100000")));
    }

    @Test
    void aDraftingPartitionHasItsStatementsPlannedForItsOwnContractsNotAGenericPlan() throws Exception {
        long run = run(NORTHWIND, Stage.VALIDATE);

        String inThePartition = transactions.execute(s -> {
            draft(run);
            return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
        });

        assertThat(inThePartition).isEqualTo("force_custom_plan");
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).as("after its transaction").isEqualTo("auto");
    }

    @Test
    void draftingHoldsTheBillingHistoryPerContractOnly() throws Exception {
        run(NORTHWIND, Stage.VALIDATE);
        long perContract = jdbc.sql("SELECT count(*) FROM current_billing_history WHERE coalesce(consultant_id, '') = ''")
                .query(Long.class).single();
        long all = jdbc.sql("SELECT count(*) FROM current_billing_history").query(Long.class).single();

        List<BillingHistory> drafting = inputs.master(7).data().history();

        assertThat(perContract).isPositive().isLessThan(all);
        assertThat(drafting).hasSize((int) perContract).allMatch(BillingHistory::contractLevel);
    }

    private void draft(long run) {
        try {
            drafting.draft(run, "all");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Invariant 1 for drafts, in counts and amounts: the run's valid records and the live drafts' lineage are the same set. */
    private void assertConservation(long run) {
        assertThat(jdbc.sql("""
                SELECT count(*) FROM validated_record v
                WHERE v.run_id = ? AND v.state = 'valid'
                  AND NOT EXISTS (SELECT 1 FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                                  WHERE s.run_id = v.run_id AND s.record_kind = v.record_kind AND s.record_row_id = v.record_row_id
                                    AND d.status = 'live')""").param(run).query(Long.class).single())
                .as("valid records on no live draft").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM draft_line_source s
                WHERE s.run_id = ? AND NOT EXISTS (SELECT 1 FROM validated_record v WHERE v.run_id = s.run_id
                      AND v.record_kind = s.record_kind AND v.record_row_id = s.record_row_id AND v.state = 'valid')""")
                .param(run).query(Long.class).single()).as("drafted records that are not valid").isZero();
        // per currency: what the valid records are worth = what the drafts' lineage carries
        Map<String, BigDecimal> valid = new TreeMap<>();
        jdbc.sql("SELECT currency, sum(amount) FROM validated_record WHERE run_id = ? AND state = 'valid' GROUP BY currency").param(run)
                .query(rs -> { valid.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros()); });
        Map<String, BigDecimal> drafted = new TreeMap<>();
        jdbc.sql("""
                SELECT d.currency, sum(s.value) FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                WHERE s.run_id = ? GROUP BY d.currency""").param(run)
                .query(rs -> { drafted.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros()); });
        assertThat(drafted).isEqualTo(valid);
        // every line's value is its records' value (plus markup) rounded once; every invoice adds up
        assertThat(jdbc.sql("""
                SELECT l.draft_id || ' line ' || l.line_no FROM draft_line l JOIN draft_invoice d USING (run_id, draft_id)
                JOIN (SELECT run_id, draft_id, line_no, sum(value + markup) AS exact FROM draft_line_source GROUP BY 1, 2, 3) s
                  USING (run_id, draft_id, line_no)
                WHERE l.run_id = ? AND l.value <> round(s.exact, CASE d.currency WHEN 'JPY' THEN 0 ELSE 2 END)""")
                .param(run).query(String.class).list()).as("lines whose value is not their records' rounded sum").isEmpty();
        assertThat(jdbc.sql("""
                SELECT d.draft_id FROM draft_invoice d
                WHERE d.run_id = ? AND (d.net <> (SELECT sum(net) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id)
                   OR d.tax <> (SELECT sum(tax) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id)
                   OR d.tax <> (SELECT sum(tax) FROM draft_tax t WHERE t.run_id = d.run_id AND t.draft_id = d.draft_id)
                   OR d.gross <> d.net + d.tax)""")
                .param(run).query(String.class).list()).as("drafts that do not add up").isEmpty();
    }

    private List<String> draftFigures(long run) {
        return jdbc.sql("""
                SELECT draft_id || ' ' || net || ' ' || tax || ' ' || gross || ' ' || route
                       || ' ' || (SELECT count(*) FROM draft_line_source s WHERE s.run_id = d.run_id AND s.draft_id = d.draft_id)
                FROM draft_invoice d WHERE run_id = ? ORDER BY draft_id""").param(run).query(String.class).list();
    }

    private static List<String> expectedRows(String file) throws IOException {
        List<String> rows = Files.readAllLines(EXPECTED.resolve(file));
        return rows.subList(1, rows.size()).stream().filter(r -> !r.isBlank()).toList();
    }

    /** The same rows with the given (0-based) decimal columns in plain, trailing-zero-free notation. */
    private static List<String> normalised(List<String> rows, int... decimalColumns) {
        return rows.stream().map(row -> {
            String[] f = row.split(",", -1);
            for (int c : decimalColumns) {
                f[c] = f[c].isEmpty() ? "" : plain(new BigDecimal(f[c]));
            }
            return String.join(",", f);
        }).toList();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String money(BigDecimal value, String currency) {
        return Rounding.toMinorUnit(value, currency).toPlainString();
    }
}
