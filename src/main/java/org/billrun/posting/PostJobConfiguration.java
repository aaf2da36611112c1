package org.billrun.posting;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The post job: one job instance per posting batch (parameter {@code batch}), so a post process that died
 * is resumed by restarting its batch's instance. Step "sendPostings" posts one invoice per tasklet call and
 * makes its own transactions ({@link Poster}: the claim commits before the send), so the step's transaction
 * manager is a resourceless one: nothing of the ERP's answer may ride on the step's commit. Step
 * "closePostingBatch" records what was posted against the control totals. Before each invoice the step makes sure
 * the process still holds the entity's post lock ({@link PostLocks}); SIGTERM stops the job after the invoice in
 * flight ({@link StopPostOnTermination}).
 */
@Configuration
class PostJobConfiguration {

    static final String JOB_NAME = "post";
    static final String BATCH = "batch";

    @Bean
    Job postJob(JobRepository jobRepository, Step sendPostingsStep, Step closePostingBatchStep, StopPostOnTermination stopOnTermination) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(stopOnTermination).start(sendPostingsStep).next(closePostingBatchStep)
                .build();
    }

    @Bean
    Step sendPostingsStep(JobRepository jobRepository, Poster poster, PostingStore store, PostLocks locks) {
        return new StepBuilder("sendPostings", jobRepository).tasklet((contribution, context) -> {
            long batchId = context.getStepContext().getStepExecution().getJobParameters().getLong(BATCH);
            PostingStore.Batch batch = store.batch(batchId);
            locks.check(batch.entityId());
            return poster.postNext(batch).map(r -> {
                contribution.incrementWriteCount(1);
                return RepeatStatus.CONTINUABLE;
            }).orElse(RepeatStatus.FINISHED);
        }, new ResourcelessTransactionManager()).build();
    }

    @Bean
    Step closePostingBatchStep(JobRepository jobRepository, PostingStore store,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        return new StepBuilder("closePostingBatch", jobRepository).tasklet((contribution, context) -> {
            store.close(context.getStepContext().getStepExecution().getJobParameters().getLong(BATCH));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
