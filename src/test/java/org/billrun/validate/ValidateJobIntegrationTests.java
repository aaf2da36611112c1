package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.billrun.audit.AuditLog;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.Expense;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.infra.JobStopping;
import org.billrun.infra.Stage;
import org.billrun.masterdata.BillingHistoryReader;
import org.billrun.masterdata.MasterDataReader;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BillrunIntegrationTest
class ValidateJobIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    /** sample-data/northwind/README.md, "Validation findings": every deliberate defect and the exception it must raise. */
    private static final List<String> NORTHWIND_EXCEPTIONS = List.of(
            "BILLING_SPIKE K-HUDSON-1", "CAP_EXCEEDED K-KESTREL-1",
            "CONTRACT_NOT_IN_FORCE T-000107", "CONTRACT_NOT_IN_FORCE T-000948", "CONTRACT_NOT_IN_FORCE T-001021",
            "EXPENSE_DUPLICATE EX-00012", "EXPENSE_MISSING_RECEIPT EX-00047", "EXPENSE_MISSING_RECEIPT EX-00179",
            "EXPENSE_NEAR_DUPLICATE EX-00069", "EXPENSE_OVER_LIMIT EX-00061", "EXPENSE_OVER_LIMIT EX-00101",
            "EXPENSE_UNAPPROVED EX-00175", "EXPENSE_UNAPPROVED EX-00182", "FX_RATE_MISSING EX-00147", "HOURS_ABOVE_NORM E-109",
            "MILESTONE_NO_EVIDENCE M-CASCADE-08",
            "PROJECT_CLIENT_MISMATCH T-000209", "PROJECT_CLIENT_MISMATCH T-000368", "PROJECT_CLIENT_MISMATCH T-000592",
            "PROJECT_CLIENT_MISMATCH T-000756",
            "RATE_MISSING T-000623", "RATE_MISSING T-001002", "RATE_MISSING T-001373",
            "TIME_AFTER_CUTOFF T-001665",
            "TIME_DAILY_HOURS_EXCEEDED T-001098", "TIME_DAILY_HOURS_EXCEEDED T-001099", "TIME_DAILY_HOURS_EXCEEDED T-001100",
            "TIME_OUTSIDE_PERIOD T-000001", "TIME_PROJECT_CLOSED T-000253", "TIME_PROJECT_CLOSED T-000649",
            "TIME_TASK_CLOSED T-000380", "TIME_TASK_CLOSED T-000533",
            "TIME_UNAPPROVED T-001580", "TIME_UNAPPROVED T-001666", "TIME_UNAPPROVED T-001685",
            "TIME_UNKNOWN_CONSULTANT T-000738", "TIME_UNKNOWN_PROJECT T-000411");

    @Autowired
    RunService runService;

    @Autowired
    InjectedFaults faults;

    @Autowired
    ExceptionQueue queue;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    ValidationRuns validationRuns;

    @Autowired
    BillingHistoryReader billingHistory;

    @Autowired
    MasterDataReader masterDataReader;

    @TempDir
    Path temp;

    DatabaseState state;

    @BeforeEach
    void cleanDatabase() {
        state = new DatabaseState(jdbc);
        state.reset();
    }

    @AfterEach
    void disarmFaults() {
        faults.clear();
    }

    private RunOutcome run(Path input) throws Exception {
        return run(input, null);
    }

    private RunOutcome run(Path input, LocalDate asOf) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.VALIDATE, null, null, asOf));
        return outcome;
    }

    @Test
    void everyDeliberateDefectOfTheSampleFirmRaisesItsDocumentedExceptionAndNothingElse() throws Exception {
        RunOutcome outcome = run(NORTHWIND);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT rule_code || ' ' || record_key FROM validation_exception ORDER BY 1").query(String.class).list())
                .containsExactlyElementsOf(NORTHWIND_EXCEPTIONS.stream().sorted().toList());
        assertThat(jdbc.sql("SELECT rule_code FROM validation_exception WHERE severity = 'warn' ORDER BY 1").query(String.class).list())
                .containsExactly("BILLING_SPIKE", "EXPENSE_NEAR_DUPLICATE", "HOURS_ABOVE_NORM");
    }

    @Test
    void theHoursAboveNormReadTheHistoryPerConsultantOfTheTrailingMonthsApartFromTheMasterData() throws Exception {
        run(NORTHWIND);

        // E-109's six months, 2026-04 to 2026-09, counted from billing_history.csv by the step's own read
        assertThat(jdbc.sql("SELECT message FROM validation_exception WHERE rule_code = 'HOURS_ABOVE_NORM'").query(String.class).single())
                .contains("the median of the last 6 months (121.13 h; MAD 1.75 h");
        List<BillingHistory> mayToAugust = new ArrayList<>();
        billingHistory.consultantRows(YearMonth.of(2026, 5), YearMonth.of(2026, 9), mayToAugust::add);
        assertThat(mayToAugust).hasSize(7 * 4).noneMatch(BillingHistory::contractLevel).extracting(BillingHistory::period)
                .containsOnly(YearMonth.of(2026, 5), YearMonth.of(2026, 6), YearMonth.of(2026, 7), YearMonth.of(2026, 8));
        assertThat(masterDataReader.read(7).history()).isNotEmpty().allMatch(BillingHistory::contractLevel);
    }

    @Test
    void theSampleFirmEndsWithTheDocumentedCountsPerState() throws Exception {
        long run = run(NORTHWIND).runId();

        // README "Expected control totals": 1690 accepted time entries = 24 held + 464 non-billable + 1202 billable
        assertThat(states(run, "time_entry")).containsExactlyInAnyOrderEntriesOf(Map.of("held", 24L, "non_billable", 464L, "valid", 1202L));
        // 181 accepted expenses = 8 held + 6 not reimbursable + 167 rebillable (the near duplicate bills)
        assertThat(states(run, "expense")).containsExactlyInAnyOrderEntriesOf(Map.of("held", 8L, "non_billable", 6L, "valid", 167L));
        assertThat(states(run, "milestone")).containsExactlyInAnyOrderEntriesOf(Map.of("held", 1L, "valid", 2L));
    }

    @Test
    void everyPeriodRecordOfTheSampleFirmIsInExactlyOneState() throws Exception {
        assertConservation(run(NORTHWIND).runId());
    }

    @Test
    void everyPeriodRecordOfAGeneratedFirmIsInExactlyOneState() throws Exception {
        Path firm = temp.resolve("generated");
        new FirmGenerator().generate(new GenerationRequest(80, OCTOBER, 7, firm));

        RunOutcome outcome = run(firm);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertConservation(outcome.runId());
        // a realistic firm: most of its billable work passes
        Map<String, Long> time = states(outcome.runId(), "time_entry");
        assertThat(time.getOrDefault("valid", 0L)).isGreaterThan(10 * time.getOrDefault("held", 0L));
    }

    @Test
    void aRestartAfterAnInjectedFailureEndsWithTheSameExceptionsAndStatesAsAnUninterruptedRun() throws Exception {
        long uninterrupted = run(NORTHWIND).runId();
        List<String> expectedExceptions = exceptions();
        List<String> expectedStates = recordStates(uninterrupted);
        long expectedRaised = state.count("SELECT count(*) FROM audit_log WHERE action = 'raised'");
        state.reset();

        faults.failOnRead("validateTimeEntries", TimeEntryOfDay.class, read -> read.entry().ref().line() >= 1500);
        RunOutcome failed = run(NORTHWIND);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        // the first two chunks of 500 entries committed before the failure
        assertThat(state.count("SELECT count(*) FROM validated_record WHERE run_id = ?", failed.runId())).isEqualTo(1000);
        faults.clear();
        RunOutcome resumed = run(NORTHWIND);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(exceptions()).containsExactlyElementsOf(expectedExceptions);
        assertThat(recordStates(resumed.runId())).containsExactlyElementsOf(expectedStates);
        assertThat(state.count("SELECT count(*) FROM audit_log WHERE action = 'raised'")).isEqualTo(expectedRaised);
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void aRestartAfterAnAttemptThatDiedBeforeItsFirstCommitResumesFromTheLastCommittedPosition() throws Exception {
        Reference uninterrupted = uninterruptedRun();
        faults.failOnRead("validateTimeEntries", TimeEntryOfDay.class, read -> read.entry().ref().line() >= 1500);
        RunOutcome failed = run(NORTHWIND);
        // partitions committed a chunk of 500 before they read line 1,500
        assertThat(state.count("SELECT count(*) FROM validated_record WHERE run_id = ?", failed.runId())).isPositive();

        faults.failOnRead("validateTimeEntries", TimeEntryOfDay.class, read -> true);
        assertThat(run(NORTHWIND).execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        // a SIGKILL before the attempt's first commit leaves each partition's step execution as Spring Batch 6 created it: with
        // an empty context, without the position its reader restored
        List<String> partitions = jdbc.sql("""
                SELECT DISTINCT step_name FROM batch_step_execution WHERE step_name LIKE 'validateTimeEntriesByConsultant:%'""")
                .query(String.class).list();
        assertThat(partitions).hasSizeGreaterThan(1);
        for (String partition : partitions) {
            StepExecution died = jobRepository.getLastStepExecution(failed.execution().getJobInstance(), partition);
            died.setExecutionContext(new ExecutionContext());
            jobRepository.updateExecutionContext(died);
        }
        faults.clear();
        RunOutcome resumed = run(NORTHWIND);

        assertEndsLike(uninterrupted, resumed);
    }

    @Test
    void checkContractsRunAgainAfterItsWorkCommittedEndsLikeAnUninterruptedRun() throws Exception {
        Reference uninterrupted = uninterruptedRun();
        faults.failAfterTasklet("settleExceptions");
        RunOutcome failed = run(NORTHWIND);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();
        // checkContracts committed its milestones' states, but the job repository says the step did not finish: JobOperator.stop
        // from SIGTERM's thread marked it STOPPED (the chaos sweep's point 6, before JobStopping), as a SIGKILL between the
        // tasklet's commit and the step's COMPLETED still leaves it STARTED
        assertThat(state.count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'milestone'", failed.runId()))
                .isPositive();
        jdbc.sql("UPDATE batch_step_execution SET status = 'STOPPED' WHERE step_name = 'checkContracts'").update();

        RunOutcome resumed = run(NORTHWIND);

        assertEndsLike(uninterrupted, resumed);
    }

    @Test
    void aRunAskedToStopWhileItValidatesStopsAtAChunkBoundaryAndItsResumeEndsLikeAnUninterruptedRun() throws Exception {
        Reference uninterrupted = uninterruptedRun();
        // what SIGTERM's handler does, from its own thread, while a partition reads its first entry
        AtomicBoolean asked = new AtomicBoolean();
        faults.onRead("validateTimeEntries", TimeEntryOfDay.class, read -> asked.compareAndSet(false, true), () -> JobStopping.request(jobRepository,
                state.count("SELECT max(job_execution_id) FROM batch_job_execution")));
        RunOutcome stopped = run(NORTHWIND);
        faults.clear();

        assertThat(stopped.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
        long committed = state.count("SELECT count(*) FROM validated_record WHERE run_id = ?", stopped.runId());
        assertThat(committed).as("the chunks in flight committed, and the job repository counts exactly those")
                .isEqualTo(state.count("""
                        SELECT sum(write_count) FROM batch_step_execution
                        WHERE job_execution_id = ? AND step_name LIKE 'validateTimeEntriesByConsultant:%'""", stopped.execution().getId()))
                .isPositive()
                .isLessThan(state.count("SELECT count(*) FROM current_time_entry"));
        RunOutcome resumed = run(NORTHWIND);

        assertEndsLike(uninterrupted, resumed);
    }

    @Test
    void aRunLetsGoOfItsValidationInputsOnceItsValidationCompletedNotBefore() throws Exception {
        faults.failOnRead("validateExpenses", Expense.class, expense -> true);
        RunOutcome failed = run(NORTHWIND);
        faults.clear();
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(validationRuns.holds(failed.execution())).as("held while the attempt's validation is not done (a newer run pushes it out of the JVM's two)").isTrue();

        RunOutcome resumed = run(NORTHWIND);

        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(validationRuns.holds(resumed.execution())).as("drafting and the reports get the heap").isFalse();
    }

    @Test
    void runningAgainConfirmsOpenExceptionsInsteadOfRaisingThemTwice() throws Exception {
        long first = run(NORTHWIND).runId();
        List<Long> ids = jdbc.sql("SELECT exception_id FROM validation_exception ORDER BY 1").query(Long.class).list();

        long second = run(NORTHWIND).runId();

        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT exception_id FROM validation_exception ORDER BY 1").query(Long.class).list()).isEqualTo(ids);
        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE status = 'open' AND last_seen_run_id = ?", second))
                .isEqualTo(ids.size());
        assertThat(state.count("SELECT count(*) FROM audit_log WHERE action = 'raised'")).isEqualTo(ids.size());
        assertThat(queue.list(new ExceptionQueue.Filter(null, first, null, null, null, null))).hasSize(ids.size());
    }

    @Test
    void theQueueOfAnEntityScopedRunListsThePeriodsExceptionsItConfirmedWithoutCopiesEvenWhenALaterFirmWideRunConfirmsThemAgain()
            throws Exception {
        long first = run(NORTHWIND).runId();
        long scoped = runService.run(new RunRequest(OCTOBER, "DE01", NORTHWIND, Stage.VALIDATE, null, null, null)).runId();
        run(NORTHWIND);

        List<ExceptionQueue.Row> listed = queue.list(new ExceptionQueue.Filter(null, scoped, null, null, null, null));

        // validation checks the whole period whatever the scope: the scoped run confirmed every exception, and raised none again
        assertThat(listed).hasSize(NORTHWIND_EXCEPTIONS.size());
        assertThat(listed).allSatisfy(row -> assertThat(row.raisedByRun()).isEqualTo(first));
        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE scope = 'DE01'")).isZero();
    }

    @Test
    void aCorrectedRecordIsValidatedAgainAndTheExceptionOfItsSupersededVersionCloses() throws Exception {
        Path input = copyOfNorthwind();
        run(input);
        long unapproved = exceptionId("TIME_UNAPPROVED", "T-001580");

        // the approver approved T-001580 in the PSA; the next export carries the corrected record
        replaceInFile(input.resolve("time_entries.csv"), "T-001580,", ",submitted,", ",approved,");
        long second = run(input).runId();

        assertThat(jdbc.sql("SELECT status || ': ' || status_reason FROM validation_exception WHERE exception_id = ?").param(unapproved)
                .query(String.class).single()).isEqualTo("resolved: superseded by a corrected version loaded by run " + second);
        assertThat(jdbc.sql("""
                SELECT v.state FROM validated_record v JOIN time_entry t ON t.id = v.record_row_id
                WHERE v.run_id = ? AND v.record_kind = 'time_entry' AND t.record_key = 'T-001580'""").param(second)
                .query(String.class).single()).isEqualTo("valid");
        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE record_key = 'T-001580' AND status = 'open'")).isZero();
        assertThat(state.count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = 'resolved' AND actor = 'billrun'", unapproved))
                .isOne();
    }

    @Test
    void aWaivedExceptionLetsItsRecordBillFromTheNextRunAndStaysWaived() throws Exception {
        run(NORTHWIND);
        long closedProject = exceptionId("TIME_PROJECT_CLOSED", "T-000253");

        ExceptionQueue.Row waived = queue.waive(closedProject, "Henrike Falkenberg", "client accepted the late PMO work");
        long second = run(NORTHWIND).runId();

        assertThat(waived.status()).isEqualTo("waived");
        assertThat(jdbc.sql("SELECT status FROM validation_exception WHERE exception_id = ?").param(closedProject).query(String.class).single())
                .isEqualTo("waived");
        assertThat(states(second, "time_entry")).containsEntry("held", 23L).containsEntry("valid", 1203L);
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || detail FROM audit_log WHERE subject_id = ? ORDER BY audit_id")
                .param(closedProject).query(String.class).list())
                .containsExactly("billrun raised TIME_PROJECT_CLOSED block: project P-ACME-PMO (PMO support (phase 1, completed)) is closed",
                        "Henrike Falkenberg waived client accepted the late PMO work");
    }

    @Test
    void aResolvedExceptionWhoseRecordStillFailsIsReopened() throws Exception {
        run(NORTHWIND);
        long id = exceptionId("TIME_OUTSIDE_PERIOD", "T-000001");
        queue.resolve(id, "E-008", "fixed the date in the PSA");

        run(NORTHWIND);

        assertThat(jdbc.sql("SELECT status FROM validation_exception WHERE exception_id = ?").param(id).query(String.class).single())
                .isEqualTo("open");
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE subject_id = ? ORDER BY audit_id").param(id).query(String.class).list())
                .containsExactly("raised", "resolved", "reopened");
    }

    @Test
    void onlyOpenExceptionsCanBeDecidedAndEveryDecisionNeedsAReason() throws Exception {
        run(NORTHWIND);
        long id = exceptionId("EXPENSE_DUPLICATE", "EX-00012");

        assertThatThrownBy(() -> queue.waive(id, "E-109", " ")).hasMessageContaining("--reason is required");
        queue.resolve(id, "E-109", "deleted the second line");
        assertThatThrownBy(() -> queue.waive(id, "E-109", "changed my mind")).hasMessageContaining("is resolved, not open");
        assertThatThrownBy(() -> queue.waive(999_999, "E-109", "no such")).hasMessageContaining("there is no exception 999999");
    }

    @Test
    void aMissingRateCannotBeWaivedBecauseNothingCouldPriceTheEntry() throws Exception {
        run(NORTHWIND);
        long id = exceptionId("RATE_MISSING", "T-000623");

        assertThatThrownBy(() -> queue.waive(id, "finance", "bill it anyway")).hasMessageContaining("a waiver cannot supply the missing rate");
        assertThat(queue.find(id).orElseThrow().status()).isEqualTo("open");
    }

    @Test
    void theAuditLogRefusesEditsAndVerifyFindsATamperedRow() throws Exception {
        run(NORTHWIND);
        long first = jdbc.sql("SELECT min(audit_id) FROM audit_log").query(Long.class).single();

        assertThat(auditLog.verify().intact()).isTrue();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'someone else' WHERE audit_id = ?").param(first).update())
                .hasMessageContaining("audit_log is append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE audit_id = ?").param(first).update())
                .hasMessageContaining("audit_log is append-only");

        // a superuser can get past the trigger; the chain still tells
        jdbc.sql("SET session_replication_role = replica; UPDATE audit_log SET detail = 'nothing to see' WHERE audit_id = "
                + (first + 3) + "; SET session_replication_role = origin").update();
        assertThat(auditLog.verify().firstBrokenRow()).contains(first + 3);
    }

    @Test
    void theMissingTimeReportCountsWorkingDaysUpToTheAsOfDate() throws Exception {
        long run = run(NORTHWIND, LocalDate.of(2026, 10, 9)).runId();

        // 1-9 October 2026: Thursday 1st to Friday 9th is 7 working days (3 October is a Saturday)
        Map<String, Object> niklas = jdbc.sql("SELECT * FROM missing_time WHERE run_id = ? AND consultant_id = 'E-011'").param(run)
                .query().singleRow();
        assertThat(niklas).containsEntry("working_days", 7).containsEntry("manager_id", "E-002")
                .containsEntry("manager_name", "Matthias Köhler");
        assertThat((BigDecimal) niklas.get("expected_hours")).isEqualByComparingTo("56");
        assertThat((BigDecimal) niklas.get("recorded_hours")).isEqualByComparingTo("41");
        assertThat(state.count("SELECT count(*) FROM missing_time WHERE run_id = ? AND recorded_hours + missing_hours <> expected_hours", run))
                .isZero();
        assertThat(state.count("SELECT count(*) FROM missing_time WHERE run_id = ? AND consultant_id = 'E-013'", run))
                .as("E-013 has left the firm").isZero();
    }

    @Test
    void aPolicyFileWithAnUnknownKeyStopsTheRunNamingTheKey() throws Exception {
        Path input = copyOfNorthwind();
        Files.writeString(input.resolve("policy.properties"), "time.max-hours-a-day=10\n");

        RunOutcome outcome = run(input);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).anySatisfy(e ->
                assertThat(e).hasMessageContaining("unknown key 'time.max-hours-a-day'"));
    }

    @Test
    void thePolicyChangesWhatIsHeld() throws Exception {
        Path input = copyOfNorthwind();
        Files.writeString(input.resolve("policy.properties"), "time.max-hours-per-day=14.5\nrule.TIME_UNAPPROVED.severity=warn\n");

        long run = run(input).runId();

        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE rule_code = 'TIME_DAILY_HOURS_EXCEEDED'")).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT severity FROM validation_exception WHERE rule_code = 'TIME_UNAPPROVED'").query(String.class).list())
                .containsExactly("warn");
        assertThat(states(run, "time_entry")).containsEntry("held", 24L - 3 - 3);
        assertThat(jdbc.sql("SELECT content FROM run_policy WHERE run_id = ?").param(run).query(String.class).single())
                .contains("time.max-hours-per-day=14.5");
    }

    /** Rows read = valid + held + non-billable + rejected for each period file, and one state per current record. */
    private void assertConservation(long run) {
        for (String[] kind : new String[][] {{"TIME_ENTRIES", "time_entry", "current_time_entry"}, {"EXPENSES", "expense", "current_expense"}}) {
            long read = state.count("""
                    SELECT coalesce(sum(t.rows_read), 0) FROM source_file_totals t
                    WHERE t.source_file_id = (SELECT coalesce(s.same_as_source_file_id, s.source_file_id) FROM source_file s
                                              WHERE s.run_id = ? AND s.kind = ?)""", run, kind[0]);
            long rejected = state.count("""
                    SELECT count(*) FROM ingest_rejection j
                    WHERE j.source_file_id = (SELECT coalesce(s.same_as_source_file_id, s.source_file_id) FROM source_file s
                                              WHERE s.run_id = ? AND s.kind = ?)""", run, kind[0]);
            long stated = state.count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = ?", run, kind[1]);
            long current = state.count("SELECT count(*) FROM " + kind[2] + " WHERE ingest_period = ?", OCTOBER.toString());
            long statedOnce = state.count("""
                    SELECT count(*) FROM %s c JOIN validated_record v ON v.record_row_id = c.id AND v.run_id = ? AND v.record_kind = ?
                    WHERE c.ingest_period = ?""".formatted(kind[2]), run, kind[1], OCTOBER.toString());
            assertThat(stated).as(kind[1] + ": one state per current record").isEqualTo(current).isEqualTo(statedOnce);
            assertThat(stated + rejected).as(kind[1] + ": valid + held + non-billable + rejected = rows read").isEqualTo(read);
        }
    }

    private Map<String, Long> states(long run, String kind) {
        return jdbc.sql("SELECT state, count(*) FROM validated_record WHERE run_id = ? AND record_kind = ? GROUP BY state")
                .params(run, kind).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** An uninterrupted run's exceptions and record states; the database is then emptied for the run under test. */
    private record Reference(List<String> exceptions, List<String> states) {}

    private Reference uninterruptedRun() throws Exception {
        long run = run(NORTHWIND).runId();
        Reference reference = new Reference(exceptions(), recordStates(run));
        state.reset();
        return reference;
    }

    /** The resumed run completed with the exceptions and record states of the uninterrupted one. */
    private void assertEndsLike(Reference uninterrupted, RunOutcome resumed) {
        assertThat(resumed.execution().getStatus()).as(resumed.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(exceptions()).containsExactlyElementsOf(uninterrupted.exceptions());
        assertThat(recordStates(resumed.runId())).containsExactlyElementsOf(uninterrupted.states());
    }

    private List<String> exceptions() {
        return jdbc.sql("""
                SELECT concat_ws('|', rule_code, record_kind, record_key, severity, owner_role, owner_id, status, message, amount, currency)
                FROM validation_exception ORDER BY 1""").query(String.class).list();
    }

    private List<String> recordStates(long run) {
        return jdbc.sql("""
                SELECT concat_ws('|', record_kind, record_key, state, contract_id, hours, amount, currency)
                FROM validated_record WHERE run_id = ? ORDER BY 1""").param(run).query(String.class).list();
    }

    private long exceptionId(String rule, String key) {
        return jdbc.sql("SELECT exception_id FROM validation_exception WHERE rule_code = ? AND record_key = ?").params(rule, key)
                .query(Long.class).single();
    }

    private Path copyOfNorthwind() throws IOException {
        Path copy = temp.resolve("northwind");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(NORTHWIND)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    /** Replaces {@code from} with {@code to} on the one line that starts with {@code linePrefix}. */
    private static void replaceInFile(Path file, String linePrefix, String from, String to) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int start = content.indexOf("\n" + linePrefix) + 1;
        int end = content.indexOf('\n', start);
        String line = content.substring(start, end);
        assertThat(line).contains(from);
        Files.writeString(file, content.substring(0, start) + line.replace(from, to) + content.substring(end), StandardCharsets.UTF_8);
    }
}
