package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.report.StepHistory.Execution;
import org.junit.jupiter.api.Test;

/** The steps of a run that needed several attempts, as the run report shows them. */
class StepHistoryTests {

    private static Execution run(String step, int attempt, String status, long writes, String seconds) {
        return new Execution(step, attempt, status, 0, writes, seconds == null ? null : new BigDecimal(seconds));
    }

    /** Attempt 1 ingests and validates, then fails while drafting (or is killed, and recovered as FAILED); attempt 2 drafts and reports. */
    private static final List<Execution> RESUMED_AFTER_DRAFTING_FAILED = List.of(
            run("registerSources", 1, "COMPLETED", 0, "0.4791"),
            run("mergeSources", 1, "COMPLETED", 0, "0.25"),
            run("settleExceptions", 1, "COMPLETED", 22, "0.14"),
            run("draftInvoices", 1, "FAILED", 0, "0.5124"),
            run("registerSources", 2, "COMPLETED", 0, "0.3"),
            run("draftInvoices", 2, "COMPLETED", 13, "0.717"),
            run("recordDrafts", 2, "COMPLETED", 0, "0.05"),
            run("writeReports", 2, "STARTED", 0, null));

    @Test
    void aStepThatFailedAndThenCompletedCountsWithItsLastAttemptAndKeepsTheFailureAsHistory() {
        RunReport.StepTiming draft = step(StepHistory.steps(RESUMED_AFTER_DRAFTING_FAILED), "draftInvoices");

        assertThat(draft).isEqualTo(new RunReport.StepTiming("draftInvoices", "COMPLETED", 0, 13, "0.717", 2,
                List.of(new RunReport.StepAttempt(1, "FAILED", 0, 0, "0.512"))));
    }

    @Test
    void aStepThatRanOnlyInTheFirstAttemptHasNoHistory() {
        RunReport.StepTiming settle = step(StepHistory.steps(RESUMED_AFTER_DRAFTING_FAILED), "settleExceptions");

        assertThat(settle.attempt()).isEqualTo(1);
        assertThat(settle.status()).isEqualTo("COMPLETED");
        assertThat(settle.earlierAttempts()).isEmpty();
    }

    @Test
    void aStepThatRunsOnEveryAttemptShowsItsLatestRunAndTheEarlierOnes() {
        RunReport.StepTiming register = step(StepHistory.steps(RESUMED_AFTER_DRAFTING_FAILED), "registerSources");

        assertThat(register.seconds()).isEqualTo("0.300");
        assertThat(register.earlierAttempts()).containsExactly(new RunReport.StepAttempt(1, "COMPLETED", 0, 0, "0.479"));
    }

    @Test
    void stepsAreInTheOrderTheyFirstRanWithoutTheReportStagesOwnStep() {
        assertThat(StepHistory.steps(RESUMED_AFTER_DRAFTING_FAILED)).extracting(RunReport.StepTiming::step)
                .containsExactly("registerSources", "mergeSources", "settleExceptions", "draftInvoices", "recordDrafts");
    }

    @Test
    void theResumedRunCompletedTheDraftStageAndTheReportStageWithTheReportItWrites() {
        assertThat(StepHistory.completedThrough(RESUMED_AFTER_DRAFTING_FAILED, false)).isEqualTo("draft");
        assertThat(StepHistory.completedThrough(RESUMED_AFTER_DRAFTING_FAILED, true)).isEqualTo("report");
    }

    @Test
    void aRunWhoseLastDraftingAttemptFailedCompletedOnlyValidation() {
        List<Execution> failed = RESUMED_AFTER_DRAFTING_FAILED.subList(0, 4);

        assertThat(StepHistory.completedThrough(failed, false)).isEqualTo("validate");
        assertThat(step(StepHistory.steps(failed), "draftInvoices").status()).isEqualTo("FAILED");
    }

    @Test
    void aRunWhoseDraftsWereAllWrittenButNotYetRecordedHasNotCompletedTheDraftStage() {
        List<Execution> unrecorded = RESUMED_AFTER_DRAFTING_FAILED.subList(0, 6);

        assertThat(StepHistory.completedThrough(unrecorded, false)).isEqualTo("validate");
    }

    @Test
    void aReportStageThatCompletedCountsWhenTheReportIsWrittenAgainLater() {
        List<Execution> done = List.of(run("mergeSources", 1, "COMPLETED", 0, "1"), run("settleExceptions", 1, "COMPLETED", 0, "1"),
                run("draftInvoices", 1, "COMPLETED", 3, "1"), run("writeReports", 1, "COMPLETED", 41, "5.36"));

        assertThat(StepHistory.completedThrough(done, false)).isEqualTo("report");
        assertThat(StepHistory.completedThrough(List.of(), false)).isEqualTo("none");
    }

    @Test
    void partitionsFoldIntoOneStepEachWithItsOwnLastAttempt() {
        // partition 2 failed in attempt 1 and alone ran again in attempt 2; partition 1's first run still counts
        List<Execution> executions = List.of(
                new Execution("loadSourceFile:partition1", 1, "COMPLETED", 100, 100, new BigDecimal("1.0004")),
                new Execution("loadSourceFile:partition2", 1, "FAILED", 40, 40, new BigDecimal("0.5")),
                new Execution("loadSourceFile:partition2", 2, "COMPLETED", 60, 60, new BigDecimal("0.7")));

        RunReport.StepTiming load = step(StepHistory.steps(executions), "loadSourceFile");

        assertThat(load).isEqualTo(new RunReport.StepTiming("loadSourceFile", "COMPLETED", 160, 160, "1.700", 2,
                List.of(new RunReport.StepAttempt(1, "FAILED", 40, 40, "0.500"))));
    }

    @Test
    void aKilledExecutionHasNoDurationAndAStepWithAPartitionStillFailedIsNotCompleted() {
        List<Execution> executions = List.of(new Execution("loadSourceFile:partition1", 1, "COMPLETED", 10, 10, new BigDecimal("1")),
                new Execution("loadSourceFile:partition2", 1, "STARTED", 5, 5, null));

        RunReport.StepTiming load = step(StepHistory.steps(executions), "loadSourceFile");

        assertThat(load.status()).isEqualTo("STARTED");
        assertThat(load.seconds()).isEqualTo("1.000");
        assertThat(step(StepHistory.steps(List.of(executions.get(1))), "loadSourceFile").seconds()).isNull();
    }

    private static RunReport.StepTiming step(List<RunReport.StepTiming> steps, String name) {
        return steps.stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }
}
