package org.billrun.posting;

import org.billrun.infra.JobStopping;
import org.billrun.infra.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Stops the post job through Spring Batch when SIGTERM arrives ({@link Termination}), as the billing run's listener does:
 * the job is marked STOPPING, and step "sendPostings" sees it after the invoice it is sending, whose answer is recorded
 * first (one tasklet call claims, sends and records one invoice). The job ends STOPPED, its batch stays open, and the next
 * billrun post resumes the batch. The stop works on a fresh copy of the execution, as a stop from another process would.
 */
@Component
class StopPostOnTermination implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopPostOnTermination.class);

    private final JobRepository jobRepository;
    private Termination.Scope registration;

    StopPostOnTermination(JobRepository jobRepository) {
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
            if (JobStopping.request(jobRepository, executionId)) {
                log.info("Stopping posting on SIGTERM: the invoice being sent is finished and recorded first");
            }
        } catch (RuntimeException e) {
            log.warn("Could not stop the posting on SIGTERM: {}", e.getMessage());
        }
    }
}
