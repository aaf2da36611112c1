package org.billrun.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Progress of long chunked steps. On a terminal it redraws one line on stderr (done / total, rate);
 * when stderr is not a terminal it writes a log line at most every ten seconds instead.
 */
@Component
public class ProgressReporter implements ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DRAW_INTERVAL = Duration.ofMillis(200);

    private final JdbcClient jdbc;
    private final boolean terminal = System.console() != null;
    private final PrintStream out = System.err;
    private final AtomicLong done = new AtomicLong();
    private volatile long runId = -1;
    private volatile long total;
    private volatile long startNanos;
    private volatile long lastReportNanos;

    public ProgressReporter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        var context = StepSynchronizationManager.getContext();
        long run = context == null ? -1 : context.getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        synchronized (this) {
            if (run != runId) {
                runId = run;
                done.set(0);
                startNanos = System.nanoTime();
                total = jdbc.sql("SELECT coalesce(sum(estimated_rows - rows_read), 0) FROM source_file WHERE run_id = ? AND present")
                        .param(run).query(Long.class).single() + chunk.size();
            }
        }
        long now = System.nanoTime();
        long rows = done.addAndGet(chunk.size());
        Duration interval = terminal ? DRAW_INTERVAL : LOG_INTERVAL;
        if (now - lastReportNanos < interval.toNanos() && rows < total) {
            return;
        }
        lastReportNanos = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String line = String.format("ingest: %,d / ~%,d rows (%d %%), %,.0f rows/s", rows, total,
                total == 0 ? 100 : Math.min(100, rows * 100 / total), rows / seconds);
        if (terminal) {
            out.print("\r" + line + (rows >= total ? "\n" : ""));
            out.flush();
        } else {
            log.info(line);
        }
    }
}
