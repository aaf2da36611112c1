package org.billrun.validate;

import java.time.YearMonth;
import org.billrun.infra.partition.PerExecution;
import org.billrun.masterdata.MasterDataReader;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link ValidationRun} of each job execution this JVM works on, made once and shared by the run's
 * own steps and by every validation partition it runs ({@link PerExecution}): each partition reading the
 * master data again would cost more than its share of the validation.
 */
@Component
public class ValidationRuns {

    private final JdbcClient jdbc;
    private final MasterDataReader masterDataReader;
    private final PerExecution<ValidationRun> runs = new PerExecution<>();

    ValidationRuns(JdbcClient jdbc, MasterDataReader masterDataReader) {
        this.jdbc = jdbc;
        this.masterDataReader = masterDataReader;
    }

    /** Forgets the run of {@code execution} and lets go of what it holds: its validation is done. */
    public void release(JobExecution execution) {
        runs.release(execution).ifPresent(ValidationRun::release);
    }

    /** Whether the run of {@code execution} is still held: made, and its validation not yet done. */
    boolean holds(JobExecution execution) {
        return runs.holds(execution);
    }

    public ValidationRun of(JobExecution execution) {
        return runs.of(execution, e -> new ValidationRun(e.getJobInstance().getInstanceId(),
                YearMonth.parse(e.getJobParameters().getString("period")), e.getJobParameters().getString("scope"),
                jdbc, masterDataReader));
    }
}
