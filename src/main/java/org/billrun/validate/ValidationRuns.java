package org.billrun.validate;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.billrun.masterdata.MasterDataReader;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link ValidationRun} of each job execution this JVM works on, made once and shared by the run's
 * own steps and by every validation partition it runs, on local threads or as a remote worker. Spring
 * Batch's job scope does not reach a partition's thread, and each partition reading the master data and
 * the period's hours per consultant-day again would cost more than its share of the validation. A resumed
 * run is a new job execution, so it reads them afresh, as the job scope did.
 */
@Component
public class ValidationRuns {

    /** A worker may serve a run and its resumption, or two runs of different periods, at once; more is rare and costs memory. */
    private static final int KEPT = 2;

    private final JdbcClient jdbc;
    private final MasterDataReader masterDataReader;
    /** By job execution, its id and when it was created: a database made afresh (a new data directory) numbers executions from 1 again. */
    private final Map<String, ValidationRun> byExecution = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ValidationRun> eldest) {
            return size() > KEPT;
        }
    };

    ValidationRuns(JdbcClient jdbc, MasterDataReader masterDataReader) {
        this.jdbc = jdbc;
        this.masterDataReader = masterDataReader;
    }

    /** Forgets the run of {@code execution} and lets go of what it holds: its validation is done. */
    public synchronized void release(JobExecution execution) {
        ValidationRun run = byExecution.remove(key(execution));
        if (run != null) {
            run.release();
        }
    }

    /** Whether the run of {@code execution} is still held: made, and its validation not yet done. */
    synchronized boolean holds(JobExecution execution) {
        return byExecution.containsKey(key(execution));
    }

    private static String key(JobExecution execution) {
        return execution.getId() + "@" + execution.getCreateTime();
    }

    public synchronized ValidationRun of(JobExecution execution) {
        return byExecution.computeIfAbsent(key(execution), key -> new ValidationRun(execution.getJobInstance().getInstanceId(),
                YearMonth.parse(execution.getJobParameters().getString("period")), execution.getJobParameters().getString("scope"),
                jdbc, masterDataReader));
    }
}
