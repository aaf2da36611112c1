package org.billrun.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.billrun.infra.AdvisoryLock;
import org.billrun.infra.LeftUnknown;
import org.billrun.infra.RefusedException;
import org.billrun.infra.RunParameters;
import org.billrun.ingest.InputEntities;
import org.billrun.masterdata.MasterDataReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Starts billing runs. "billrun run" means: bring this period and scope up to date. If the latest
 * run of the period did not finish (failed, stopped, or killed while running) it is resumed where it
 * stopped; otherwise a new run starts with the next run number.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job billingRunJob;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final InputEntities inputEntities;
    private final MasterDataReader masterData;
    private final LeftUnknown leftUnknown;

    RunService(JobOperator jobOperator, JobRepository jobRepository, Job billingRunJob, JdbcClient jdbc, DataSource dataSource,
            Clock clock, InputEntities inputEntities, MasterDataReader masterData, LeftUnknown leftUnknown) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.billingRunJob = billingRunJob;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.inputEntities = inputEntities;
        this.masterData = masterData;
        this.leftUnknown = leftUnknown;
    }

    private record LatestExecution(long executionId, BatchStatus status, long runNumber) {}

    public RunOutcome run(RunRequest request) throws Exception {
        refuseUnknownScope(request);
        String period = request.period().toString();
        try (AdvisoryLock lock = AdvisoryLock.period(dataSource, period)) {
            if (lock == null) {
                throw new RunBusyException("another billrun process is running period " + period
                        + " (one run of a period at a time, whatever the scope) right now; wait for it or check `billrun status`");
            }
            Optional<LatestExecution> latest = latestExecution(period, request.scope());
            if (latest.isPresent() && isUnfinished(latest.get().status())) {
                return resume(latest.get(), request);
            }
            long runNumber = latest.map(l -> l.runNumber() + 1).orElse(1L);
            RunParameters parameters = new RunParameters(request.period(), request.scope(), runNumber,
                    request.input(), request.until(), request.definition(),
                    request.policy() == null ? null : request.policy().toAbsolutePath().normalize().toString(),
                    request.asOf() != null ? request.asOf() : RunParameters.defaultAsOf(request.period(), LocalDate.now(clock)),
                    request.queries());
            JobExecution execution = jobOperator.start(billingRunJob, parameters.toJobParameters());
            return new RunOutcome(execution.getJobInstance().getInstanceId(), execution, false);
        }
    }

    /** Marks an unfinished run abandoned so that the next `billrun run` starts afresh. */
    public JobExecution abandon(long runId) throws Exception {
        var instance = jobRepository.getJobInstance(runId);
        if (instance == null || !BillingRunJobConfiguration.JOB_NAME.equals(instance.getJobName())) {
            throw new RefusedException("there is no run " + runId);
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        if (last.getStatus() == BatchStatus.COMPLETED) {
            throw new RefusedException("run " + runId + " completed; there is nothing to abandon");
        }
        RunParameters parameters = RunParameters.from(last.getJobParameters());
        try (AdvisoryLock lock = AdvisoryLock.period(dataSource, parameters.period().toString())) {
            if (lock == null) {
                throw new RunBusyException("run " + runId + " is executing in another billrun process right now");
            }
            if (last.getStatus().isRunning()) {
                last = jobOperator.recover(last);
            }
            return jobOperator.abandon(last);
        }
    }

    private RunOutcome resume(LatestExecution latest, RunRequest request) throws Exception {
        JobExecution previous = jobRepository.getJobExecution(latest.executionId());
        long runId = previous.getJobInstance().getInstanceId();
        RunParameters started = RunParameters.from(previous.getJobParameters());
        String requested = request.database() != null ? "the database " + request.input() + " with the queries of " + request.queries()
                : request.input();
        String reads = started.readsDatabase() ? "the database " + started.inputDir() + " with the queries of " + started.queries()
                : started.inputDir();
        if (!requested.equals(reads)) {
            throw new RefusedException("run " + runId + " of " + request.period() + " did not finish and reads " + reads
                    + ", not " + requested + ". Resume it with "
                    + (started.readsDatabase() ? "the run definition " + started.queries() : "--input " + started.inputDir())
                    + ", or abandon it first (billrun abandon " + runId + ")");
        }
        if (previous.getStatus().isRunning()) {
            // we hold the lock, so nobody is executing it: the process that was is gone (kill -9, power loss)
            log.warn("Run {} was left {} by a process that stopped without finishing; recovering it",
                    previous.getJobInstance().getInstanceId(), previous.getStatus());
            previous = jobOperator.recover(previous);
        }
        if (leftUnknown.in(previous)) {
            log.warn("Run {} was left UNKNOWN: its process lost the database connection and could not record how its last chunk"
                    + " ended; resuming it from the last chunk the database committed", previous.getJobInstance().getInstanceId());
            previous = leftUnknown.fail(previous);
        }
        log.info("Resuming run {} (its last attempt ended {})", previous.getJobInstance().getInstanceId(), previous.getStatus());
        JobExecution execution = jobOperator.restart(previous);
        return new RunOutcome(execution.getJobInstance().getInstanceId(), execution, true);
    }

    /**
     * A scope is "all" or a legal entity the run will know: one of the input's entities (entities.csv, or
     * the source's entities query) or one loaded before. Anything else is refused before a job starts;
     * it would validate every entity and draft nothing. When the input cannot say (no entities.csv, say)
     * the run starts, and registration stops it with the reason.
     */
    private void refuseUnknownScope(RunRequest request) {
        String scope = request.scope();
        if (RunParameters.ALL_ENTITIES.equals(scope)) {
            return;
        }
        Optional<Set<String>> named = request.database() != null ? inputEntities.inDatabase(request.database().definition())
                : inputEntities.inFolder(request.inputDir());
        if (named.isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>(named.get());
        known.addAll(masterData.entities().keySet());
        if (!known.contains(scope)) {
            throw new RefusedException("unknown scope " + scope + ": no legal entity " + scope + " in the input's entities or the master data"
                    + " loaded before; the known entities are " + (known.isEmpty() ? "none" : String.join(", ", known))
                    + " (or all, the default)");
        }
    }

    private static boolean isUnfinished(BatchStatus status) {
        return status != BatchStatus.COMPLETED && status != BatchStatus.ABANDONED;
    }

    private Optional<LatestExecution> latestExecution(String period, String scope) {
        return jdbc.sql("""
                SELECT e.job_execution_id, e.status, r.parameter_value AS run_number
                FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id AND i.job_name = :job
                JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                     AND p.parameter_name = 'period' AND p.parameter_value = :period
                JOIN batch_job_execution_params s ON s.job_execution_id = e.job_execution_id
                     AND s.parameter_name = 'scope' AND s.parameter_value = :scope
                JOIN batch_job_execution_params r ON r.job_execution_id = e.job_execution_id AND r.parameter_name = 'run'
                ORDER BY r.parameter_value::bigint DESC, e.job_execution_id DESC
                LIMIT 1""")
                .param("job", BillingRunJobConfiguration.JOB_NAME).param("period", period).param("scope", scope)
                .query((rs, i) -> new LatestExecution(rs.getLong(1), BatchStatus.valueOf(rs.getString(2)),
                        Long.parseLong(rs.getString(3))))
                .optional();
    }
}
