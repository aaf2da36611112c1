package org.billrun.infra;

import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Spring Batch marks a step and its job UNKNOWN when it cannot record a failure (its connection died), and refuses to
 * restart them ("manual intervention"); {@code JobOperator.recover} leaves an UNKNOWN job as it is. Here every chunk's
 * data and its step's metadata commit in one transaction on one database (and the post job records each invoice's answer
 * before it goes on), so the job repository holds exactly what committed: the UNKNOWN (or still running) steps and the job
 * become FAILED, and the restart goes on after the last commit, as after a kill. The job itself may have ended FAILED
 * when the connection was back in time to record it, with a step still UNKNOWN; and a step left UNKNOWN by an earlier
 * attempt fails every later one (Spring Batch looks at each step's last execution), so every attempt is looked at.
 */
@Component
public class LeftUnknown {

    private final JobRepository jobRepository;
    private final Clock clock;

    public LeftUnknown(JobRepository jobRepository, Clock clock) {
        this.jobRepository = jobRepository;
        this.clock = clock;
    }

    /**
     * Whether the job instance of {@code latest} (its last attempt) cannot be restarted because something was left
     * UNKNOWN: the job, a step of any attempt, or a step the database still holds as running under a job that ended (its
     * last update failed on the dead connection, the job's FAILED was recorded once the pool had reconnected). A
     * partition's step is left to the partition handler, which knows whether a worker still holds it.
     */
    public boolean in(JobExecution latest) {
        if (latest.getStatus() == BatchStatus.UNKNOWN) {
            return true;
        }
        boolean ended = !latest.getStatus().isRunning();
        return jobRepository.getJobExecutions(latest.getJobInstance()).stream().anyMatch(attempt -> attempt.getStepExecutions().stream()
                .anyMatch(step -> step.getStatus() == BatchStatus.UNKNOWN || ended && attempt.getId() == latest.getId()
                        && step.getStatus().isRunning() && !step.getStepName().contains(":")));
    }

    /** Marks what the attempts left UNKNOWN (and the last attempt's running steps) FAILED; returns the last attempt, reread. */
    public JobExecution fail(JobExecution latest) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (JobExecution attempt : jobRepository.getJobExecutions(latest.getJobInstance())) {
            boolean last = attempt.getId() == latest.getId();
            for (StepExecution step : attempt.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.UNKNOWN || last && step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription("database connection lost"));
                    if (step.getEndTime() == null) {
                        step.setEndTime(now);
                    }
                    jobRepository.update(step);
                }
            }
        }
        if (latest.getStatus() == BatchStatus.UNKNOWN || latest.getStatus().isRunning()) {
            latest.setStatus(BatchStatus.FAILED);
            latest.setExitStatus(ExitStatus.FAILED.addExitDescription("database connection lost"));
            if (latest.getEndTime() == null) {
                latest.setEndTime(now);
            }
            jobRepository.update(latest);
        }
        return jobRepository.getJobExecution(latest.getId());
    }
}
