package org.billrun.run;

import org.billrun.infra.JobStopping;
import org.billrun.infra.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Stops the billing run through Spring Batch when SIGTERM arrives ({@link Termination}): the job
 * is marked STOPPING in the job repository ({@link JobStopping}), the running step sees it at its next chunk
 * commit (the chunk in flight commits or rolls back as a whole) and the job ends STOPPED, to be resumed by
 * the next run. The stop works on a fresh copy of the execution, as a stop from another process would:
 * the running thread picks the status up from the database (SimpleJobRepository.update).
 */
@Component
class StopOnTermination implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopOnTermination.class);

    private final JobRepository jobRepository;
    private Termination.Scope registration;

    StopOnTermination(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public synchronized void beforeJob(JobExecution execution) {
        long executionId = execution.getId();
        long runId = execution.getJobInstance().getInstanceId();
        registration = Termination.onRequest(() -> stop(executionId, runId));
    }

    @Override
    public synchronized void afterJob(JobExecution execution) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    private void stop(long executionId, long runId) {
        try {
            if (JobStopping.request(jobRepository, executionId)) {
                log.info("Stopping run {} on SIGTERM: the running chunk finishes or rolls back", runId);
            }
        } catch (RuntimeException e) {
            log.warn("Could not stop the run on SIGTERM: {}", e.getMessage());
        }
    }
}
