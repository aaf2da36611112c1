package org.billrun.infra;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress of a chunk-oriented step that is not the load (validation of the period's records): the
 * records done so far and the rate, redrawn on stderr after a committed chunk at most every 200 ms when
 * stderr is a terminal, else logged at most every ten seconds, like {@link ProgressReporter}. One instance
 * per step; the step's end ends the line. A partitioned step registers it on its manager (start and end)
 * and its partitions' chunks through {@link #chunks()}, so the line counts every partition's records.
 */
public class StepProgress implements StepExecutionListener, ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(StepProgress.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DRAW_INTERVAL = Duration.ofMillis(200);

    private final String label;
    private final boolean terminal;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private long done;
    private long startNanos;
    private long lastReportNanos;
    private boolean lineOpen;

    /** On stderr, a terminal or not as {@link ProgressReporter} decides. */
    public StepProgress(String label) {
        this(label, ProgressReporter.drawsOnTerminal(), System.err, System::nanoTime);
    }

    StepProgress(String label, boolean terminal, PrintStream out, LongSupplier nanoTime) {
        this.label = label;
        this.terminal = terminal;
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void beforeStep(StepExecution stepExecution) {
        done = 0;
        startNanos = nanoTime.getAsLong();
        lastReportNanos = startNanos;
        lineOpen = false;
    }

    @Override
    public synchronized void afterChunk(Chunk<Object> chunk) {
        done += chunk.size();
        long now = nanoTime.getAsLong();
        if (now - lastReportNanos < (terminal ? DRAW_INTERVAL : LOG_INTERVAL).toNanos()) {
            return;
        }
        lastReportNanos = now;
        if (terminal) {
            out.print("\r" + describe(now));
            out.flush();
            lineOpen = true;
        } else {
            log.info(describe(now));
        }
    }

    @Override
    public synchronized ExitStatus afterStep(StepExecution stepExecution) {
        if (lineOpen) {
            out.println("\r" + describe(nanoTime.getAsLong()));
            out.flush();
            lineOpen = false;
        }
        return null;
    }

    /** Only the chunk side of this progress: for the partitions of a step whose manager has the progress itself. */
    public ChunkListener<Object, Object> chunks() {
        return new ChunkListener<>() {
            @Override
            public void afterChunk(Chunk<Object> chunk) {
                StepProgress.this.afterChunk(chunk);
            }
        };
    }

    private String describe(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return String.format("%s: %,d records, %,.0f records/s", label, done, done / seconds);
    }
}
