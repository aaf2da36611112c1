package org.billrun.infra.partition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.batch.core.job.JobExecution;

/**
 * What the partitions of one job execution share in this JVM, made by the first that asks, on local
 * threads or on a remote worker. Spring Batch's job scope does not reach a partition's thread. A resumed
 * run is a new job execution, so it makes its own afresh. Thread-safe: the second partition to ask waits
 * for the first's.
 *
 * @param <T> what is shared
 */
public final class PerExecution<T> {

    /** A worker may serve a run and its resumption, or two runs of different periods, at once; more is rare and costs memory. */
    private static final int KEPT = 2;

    /** By job execution, its id and when it was created: a database made afresh (a new data directory) numbers executions from 1 again. */
    private final Map<String, T> byExecution = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > KEPT;
        }
    };

    /** What {@code execution}'s partitions share, made with {@code make} when this JVM has none for it yet. */
    public synchronized T of(JobExecution execution, Function<JobExecution, T> make) {
        return byExecution.computeIfAbsent(key(execution), key -> make.apply(execution));
    }

    /** Forgets what {@code execution}'s partitions share and returns it, if this JVM held it. */
    public synchronized Optional<T> release(JobExecution execution) {
        return Optional.ofNullable(byExecution.remove(key(execution)));
    }

    /** Whether this JVM holds something for {@code execution}. */
    public synchronized boolean holds(JobExecution execution) {
        return byExecution.containsKey(key(execution));
    }

    private static String key(JobExecution execution) {
        return execution.getId() + "@" + execution.getCreateTime();
    }
}
