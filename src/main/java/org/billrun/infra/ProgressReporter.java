package org.billrun.infra;

import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Progress of the load. On a terminal it redraws one line on stderr (done / estimated total, rate);
 * when stderr is not a terminal it writes a log line at most every ten seconds instead.
 */
@Component
public class ProgressReporter implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DRAW_INTERVAL = Duration.ofMillis(200);

    private final JdbcClient jdbc;
    private final boolean terminal = System.console() != null;
    private final PrintStream out = System.err;
    private long done;
    private long runId = -1;
    private long total;
    private long startNanos;
    private long lastReportNanos;
    private boolean lineOpen;

    public ProgressReporter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private String describe(long sofar, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return String.format("ingest: %,d / ~%,d rows (%d %%), %,.0f rows/s", sofar, total,
                total == 0 ? 100 : Math.min(100, sofar * 100 / total), sofar / seconds);
    }

    /** Draws the final count and ends the line on a terminal, so that what comes next starts on a line of its own. */
    public synchronized void endLine() {
        if (lineOpen) {
            out.println("\r" + describe(done, System.nanoTime()));
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
        long now = System.nanoTime();
        if (run != runId) {
            runId = run;
            done = 0;
            startNanos = now;
            lastReportNanos = now;
            // rows still to read across the run's files, estimated from their line counts
            total = jdbc.sql("SELECT coalesce(sum(greatest(estimated_rows - rows_read, 0)), 0) FROM source_file_totals WHERE run_id = ? AND present")
                    .param(run).query(Long.class).single() + rows;
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
