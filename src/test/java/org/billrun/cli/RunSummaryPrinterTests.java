package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.List;
import org.billrun.run.RunSummary;
import org.billrun.run.RunSummary.EarlierAttempt;
import org.billrun.run.RunSummary.StepTiming;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The step table of billrun run and billrun status for a run that was resumed after a step failed. */
class RunSummaryPrinterTests {

    private static final List<StepTiming> RESUMED_AFTER_MERGING_FAILED = List.of(
            new StepTiming("registerSources", "COMPLETED", 0, 0, 0.31, 2, List.of(new EarlierAttempt(1, "COMPLETED", 0, 0, 0.42))),
            new StepTiming("loadSourceFile", "COMPLETED", 3016, 3016, 1.7, 1, List.of()),
            new StepTiming("mergeSources", "COMPLETED", 0, 0, 0.25, 2, List.of(new EarlierAttempt(1, "FAILED", 0, 0, 0.2))),
            new StepTiming("settleExceptions", "COMPLETED", 0, 22, 0.14, 2, List.of()));

    private static RunSummary summary(List<StepTiming> steps) {
        return new RunSummary(7, "2026-10", "all", 1, "COMPLETED", null, "/in", "validate", LocalDateTime.of(2026, 11, 1, 2, 0),
                LocalDateTime.of(2026, 11, 1, 2, 1), List.of(), 0, List.of(), steps, null, List.of());
    }

    private static String print(RunSummary summary, OutputFormat format) {
        StringWriter text = new StringWriter();
        RunSummaryPrinter.print(summary, true, format, new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void aStepThatFailedAndThenCompletedShowsCompletedWithTheFailedAttemptAsHistory() {
        String table = print(summary(RESUMED_AFTER_MERGING_FAILED), OutputFormat.TABLE);

        assertThat(table.lines().filter(l -> l.startsWith("mergeSources"))).singleElement().asString()
                .contains("COMPLETED (earlier: attempt 1 FAILED)");
        assertThat(table).doesNotContain("mergeSources  FAILED").doesNotContain("mergeSources FAILED");
        assertThat(table.lines().filter(l -> l.startsWith("settleExceptions"))).singleElement().asString()
                .contains("COMPLETED").doesNotContain("earlier");
    }

    @Test
    void statusNamesEveryEarlierAttemptInOrder() {
        StepTiming twice = new StepTiming("draftInvoices", "COMPLETED", 0, 13, 0.7, 3,
                List.of(new EarlierAttempt(1, "FAILED", 0, 0, 0.5), new EarlierAttempt(2, "STOPPED", 0, 0, 0.1)));

        assertThat(RunSummaryPrinter.status(twice)).isEqualTo("COMPLETED (earlier: attempt 1 FAILED, attempt 2 STOPPED)");
    }

    @Test
    void theJsonSummaryCarriesTheAttemptThatCountedAndTheHistory() {
        JsonNode merge = JsonMapper.builder().build().readTree(print(summary(RESUMED_AFTER_MERGING_FAILED), OutputFormat.JSON))
                .at("/run/steps/2");

        assertThat(merge.get("step").asString()).isEqualTo("mergeSources");
        assertThat(merge.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(merge.get("attempt").asInt()).isEqualTo(2);
        assertThat(merge.at("/earlierAttempts/0/attempt").asInt()).isEqualTo(1);
        assertThat(merge.at("/earlierAttempts/0/status").asString()).isEqualTo("FAILED");
    }
}
