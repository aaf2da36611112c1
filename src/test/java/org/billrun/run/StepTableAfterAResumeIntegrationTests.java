package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.infra.Stage;
import org.billrun.report.RunReport;
import org.billrun.report.RunReportQueries;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The step table of a resumed run (issue 12 item 5, issue 18): billrun status showed "mergeSources
 * FAILED" inside a COMPLETED run, because it folded every attempt of a step into one line. Status and
 * the run report show the execution that counted, the last one, and the earlier attempts as history.
 */
@BillrunIntegrationTest
class StepTableAfterAResumeIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    RunQueries runQueries;

    @Autowired
    RunReportQueries reports;

    @Autowired
    InjectedFaults faults;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    @AfterEach
    void disarmFaults() {
        faults.clear();
    }

    private RunOutcome run() throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.VALIDATE, null));
    }

    private static RunSummary.StepTiming step(RunSummary summary, String name) {
        return summary.steps().stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRunResumedAfterMergingFailedShowsEveryStepAsItsLastAttemptLeftItAndTheFailureAsHistory() throws Exception {
        faults.failAfterTasklet("mergeSources");
        RunOutcome failed = run();
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();

        RunOutcome resumed = run();

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunSummary summary = runQueries.summary(resumed.runId(), 20).orElseThrow();
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.steps()).extracting(RunSummary.StepTiming::status).containsOnly("COMPLETED");
        RunSummary.StepTiming merge = step(summary, "mergeSources");
        assertThat(merge.attempt()).isEqualTo(2);
        assertThat(merge.earlierAttempts()).extracting(RunSummary.EarlierAttempt::attempt, RunSummary.EarlierAttempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "FAILED"));
        assertThat(step(summary, "registerSources").earlierAttempts()).extracting(RunSummary.EarlierAttempt::status)
                .containsExactly("COMPLETED");
        RunSummary.StepTiming validate = step(summary, "validateTimeEntries");
        assertThat(validate.attempt()).as("validation ran once, after the resume").isEqualTo(2);
        assertThat(validate.earlierAttempts()).isEmpty();
        assertThat(validate.readCount()).isEqualTo(1690);

        RunReport report = reports.build(resumed.runId());
        assertThat(report.run().completedThrough()).isEqualTo("validate");
        assertThat(report.steps()).extracting(RunReport.StepTiming::status).containsOnly("COMPLETED");
        RunReport.StepTiming reportedMerge = report.steps().stream().filter(s -> s.step().equals("mergeSources")).findFirst().orElseThrow();
        assertThat(reportedMerge.attempt()).isEqualTo(2);
        assertThat(reportedMerge.earlierAttempts()).extracting(RunReport.StepAttempt::attempt, RunReport.StepAttempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "FAILED"));
        assertThat(summary.steps()).extracting(RunSummary.StepTiming::step)
                .containsExactlyElementsOf(report.steps().stream().map(RunReport.StepTiming::step).toList());
    }

    @Test
    void aRunThatNeededOneAttemptHasNoHistory() throws Exception {
        RunOutcome outcome = run();

        RunSummary summary = runQueries.summary(outcome.runId(), 20).orElseThrow();
        assertThat(summary.steps()).allSatisfy(step -> {
            assertThat(step.attempt()).isEqualTo(1);
            assertThat(step.earlierAttempts()).isEqualTo(List.of());
        });
        assertThat(summary.steps()).extracting(RunSummary.StepTiming::step).contains("registerSources", "loadSourceFile", "mergeSources",
                "settleExceptions");
    }
}
