package org.billrun.run;

import org.billrun.infra.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Stops the billing run through Spring Batch when SIGTERM arrives ({@link Termination}): the job
 * is marked STOPPING in the job repository, the running step sees it at its next chunk commit (the
 * chunk in flight commits or rolls back as a whole) and the job ends STOPPED, to be resumed by the
 * next run. The stop works on a fresh copy of the execution, as a stop from another process would:
 * the running thread picks the status up from the database (SimpleJobRepository.update).
 */
@Component
class StopOnTermination implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopOnTermination.class);

    /** Lazily: the job operator knows the jobs, and the billing job knows this listener. */
    private final ObjectProvider<JobOperator> jobOperator;
    private final JobRepository jobRepository;
    private Termination.Scope registration;

    StopOnTermination(ObjectProvider<JobOperator> jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    @Override
    public synchronized void beforeJob(JobExecution execution) {
        long executionId = execution.getId();
        registration = Termination.onRequest(() -> stop(executionId));
    }

    @Override
    public synchronized void afterJob(JobExecution execution) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    private void stop(long executionId) {
        try {
            JobExecution current = jobRepository.getJobExecution(executionId);
            if (current != null && current.getStatus().isRunning()) {
                log.info("Stopping run {} on SIGTERM: the running chunk finishes or rolls back", current.getJobInstance().getInstanceId());
                jobOperator.getObject().stop(current);
            }
        } catch (JobExecutionNotRunningException finishedMeanwhile) {
            // the job ended between the read and the stop: nothing to stop
        } catch (RuntimeException e) {
            log.warn("Could not stop the run on SIGTERM: {}", e.getMessage());
        }
    }
}
