package org.billrun.infra;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Progress of the load. When stderr is a terminal (whatever stdin and stdout are: see {@link Terminal}) it
 * redraws one line there (done / estimated total, rate) at most every 200 ms; when stderr is not a
 * terminal, or the logs are JSON lines, it writes a log line at most every ten seconds instead.
 */
@Component
public class ProgressReporter implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DRAW_INTERVAL = Duration.ofMillis(200);

    /** Rows still to read across a run's files (by run id), estimated from their line counts. */
    private final LongUnaryOperator rowsToRead;
    private final boolean terminal;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private long done;
    private long runId = -1;
    private long total;
    private long startNanos;
    private long lastReportNanos;
    private boolean lineOpen;

    @Autowired
    public ProgressReporter(JdbcClient jdbc) {
        this(run -> jdbc.sql("SELECT coalesce(sum(greatest(estimated_rows - rows_read, 0)), 0) FROM source_file_totals WHERE run_id = ? AND present")
                        .param(run).query(Long.class).single(),
                drawsOnTerminal(), System.err, System::nanoTime);
    }

    /** With what a test chooses: the estimate, a terminal or not, where the line goes, and the clock. */
    ProgressReporter(LongUnaryOperator rowsToRead, boolean terminal, PrintStream out, LongSupplier nanoTime) {
        this.rowsToRead = rowsToRead;
        this.terminal = terminal;
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /** Whether progress is a line redrawn on stderr: when stderr is a terminal and the logs are not JSON. */
    static boolean drawsOnTerminal() {
        return Terminal.stderrIsTerminal() && !jsonLogs();
    }

    /** JSON logs keep stderr JSON lines only: no redrawn line there, even on a terminal. */
    private static boolean jsonLogs() {
        return LogFormat.JSON.name().equalsIgnoreCase(System.getProperty(LogFormat.VARIABLE, "").strip());
    }

    private String describe(long sofar, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return String.format("ingest: %,d / ~%,d rows (%d %%), %,.0f rows/s", sofar, total,
                total == 0 ? 100 : Math.min(100, sofar * 100 / total), sofar / seconds);
    }

    /** Draws the final count and ends the line on a terminal, so that what comes next starts on a line of its own. */
    public synchronized void endLine() {
        if (lineOpen) {
            out.println("\r" + describe(done, nanoTime.getAsLong()));
            out.flush();
            lineOpen = false;
        }
    }

    /** Registered on the load step: its end ends the progress line before the next step logs. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        endLine();
        return null;
    }

    /** Called by the writers of a run's load step, from several threads, after each chunk's rows. */
    public synchronized void rowsLoaded(long run, long rows) {
        long now = nanoTime.getAsLong();
        if (run != runId) {
            runId = run;
            done = 0;
            startNanos = now;
            lastReportNanos = now;
            // rows still to read across the run's files, estimated from their line counts
            total = rowsToRead.applyAsLong(run) + rows;
        }
        done += rows;
        boolean finished = done >= total;
        Duration interval = terminal ? DRAW_INTERVAL : LOG_INTERVAL;
        if (now - lastReportNanos < interval.toNanos() && !(terminal && finished)) {
            return;
        }
        lastReportNanos = now;
        String line = describe(done, now);
        if (terminal) {
            out.print("\r" + line + (finished ? "\n" : ""));
            out.flush();
            lineOpen = !finished;
        } else {
            log.info(line);
        }
    }
}
