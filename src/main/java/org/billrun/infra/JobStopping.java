package org.billrun.infra;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Asks a running job to stop by marking its execution STOPPING in the job repository: each running step sees it at its
 * next update (a chunk's or a tasklet's commit) and ends STOPPED, its last commit and its restart position together.
 * Not {@code JobOperator.stop}: Spring Batch 6's also marks every running step STOPPED and writes the step's context
 * from the calling thread, from a copy read before the step's next commit. That commit still goes through (the
 * repository takes a stopping job's step version from the database), and the stale context lands after it: the restart
 * read again a chunk already written, and the chaos sweep's SIGTERM in validateExpenses failed every resume on
 * validated_record's key; a tasklet whose work had committed was marked STOPPED and ran again.
 */
public final class JobStopping {

    private static final int ATTEMPTS = 3;

    private JobStopping() {}

    /** Marks the execution STOPPING; false when it is not running (any more). */
    public static boolean request(JobRepository jobRepository, long executionId) {
        for (int attempt = 1; ; attempt++) {
            JobExecution current = jobRepository.getJobExecution(executionId);
            if (current == null || !current.getStatus().isRunning()) {
                return false;
            }
            current.setStatus(BatchStatus.STOPPING);
            try {
                jobRepository.update(current);
                return true;
            } catch (OptimisticLockingFailureException concurrentUpdate) {
                // the job's own thread updated the execution between the read and the update: read it again
                if (attempt == ATTEMPTS) {
                    throw concurrentUpdate;
                }
            }
        }
    }
}
