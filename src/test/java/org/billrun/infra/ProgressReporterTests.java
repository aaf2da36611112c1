package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line on a (fake) terminal: how often it is redrawn, and that it ends its line. */
class ProgressReporterTests {

    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheLineIsRedrawnAtMostEvery200MsAndEndsWhenTheLoadIsDone() {
        ProgressReporter progress = new ProgressReporter(run -> 15_000, true, err, clock::get);

        progress.rowsLoaded(7, 5_000);          // t = 0: the first chunk sets the estimate, draws nothing yet
        clock.set(100 * MS);
        progress.rowsLoaded(7, 5_000);          // 100 ms later: too soon
        clock.set(250 * MS);
        progress.rowsLoaded(7, 5_000);          // 250 ms: redrawn, and done (15,000 of ~20,000 is not yet)
        clock.set(1_000 * MS);
        progress.rowsLoaded(7, 5_000);          // all 20,000: drawn at once and the line ended

        assertThat(written()).isEqualTo("\ringest: 15,000 / ~20,000 rows (75 %), 60,000 rows/s"
                + "\ringest: 20,000 / ~20,000 rows (100 %), 20,000 rows/s" + System.lineSeparator());
    }

    @Test
    void theEndOfTheStepEndsAnOpenLineWithTheFinalCount() {
        ProgressReporter progress = new ProgressReporter(run -> 100_000, true, err, clock::get);
        progress.rowsLoaded(7, 5_000);
        clock.set(500 * MS);
        progress.rowsLoaded(7, 5_000);

        progress.afterStep(null);
        progress.afterStep(null);

        assertThat(written()).isEqualTo("\ringest: 10,000 / ~105,000 rows (9 %), 20,000 rows/s"
                + "\ringest: 10,000 / ~105,000 rows (9 %), 20,000 rows/s" + System.lineSeparator());
    }

    @Test
    void whenStderrIsNotATerminalNothingIsDrawnThere() {
        ProgressReporter progress = new ProgressReporter(run -> 15_000, false, err, clock::get);
        progress.rowsLoaded(7, 5_000);
        clock.set(11_000 * MS);
        progress.rowsLoaded(7, 15_000);
        progress.afterStep(null);

        assertThat(written()).isEmpty();
    }

    @Test
    void aPseudoTerminalOrConsoleIsATerminalAndAFilePipeOrDevNullIsNot() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty2")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
        assertThat(Terminal.isTerminalDevice("pipe:[81231]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
        assertThat(Terminal.isTerminalDevice("/home/finance/run.log")).isFalse();
    }
}
