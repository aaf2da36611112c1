package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

/** The progress line of a validation step on a (fake) terminal. */
class StepProgressTests {

    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private static Chunk<Object> records(int n) {
        return new Chunk<>(Collections.nCopies(n, (Object) "record"));
    }

    @Test
    void onATerminalTheCountIsRedrawnAtMostEvery200MsAndTheStepsEndEndsTheLine() {
        StepProgress progress = new StepProgress("validateTimeEntries", true, err, clock::get);
        progress.beforeStep(null);

        clock.set(100 * MS);
        progress.afterChunk(records(500));      // too soon
        clock.set(250 * MS);
        progress.afterChunk(records(500));      // drawn
        clock.set(300 * MS);
        progress.afterChunk(records(500));      // too soon after the last
        clock.set(500 * MS);
        progress.afterStep(null);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rvalidateTimeEntries: 1,000 records, 4,000 records/s"
                + "\rvalidateTimeEntries: 1,500 records, 3,000 records/s" + System.lineSeparator());
    }

    @Test
    void aStepTooShortToDrawLeavesTheTerminalAlone() {
        StepProgress progress = new StepProgress("validateExpenses", true, err, clock::get);
        progress.beforeStep(null);
        clock.set(50 * MS);
        progress.afterChunk(records(500));
        progress.afterStep(null);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void whenStderrIsNotATerminalNothingIsDrawnThere() {
        StepProgress progress = new StepProgress("validateTimeEntries", false, err, clock::get);
        progress.beforeStep(null);
        clock.set(11_000 * MS);
        progress.afterChunk(records(500));
        progress.afterStep(null);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
