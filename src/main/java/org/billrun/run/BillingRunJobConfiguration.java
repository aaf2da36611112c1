package org.billrun.run;

import org.billrun.draft.DraftQueries;
import org.billrun.infra.RunParameters;
import org.billrun.infra.Stage;
import org.billrun.validate.BilledMilestones;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The billing run job. Each stage contributes its steps; a run stops after the stage named by its
 * "until" parameter.
 */
@Configuration(proxyBeanMethods = false)
class BillingRunJobConfiguration {

    static final String JOB_NAME = "billingRun";

    @Bean
    Job billingRunJob(JobRepository jobRepository, Step registerSourcesStep, Step loadSourcesStep, Step mergeSourcesStep,
            Flow validateFlow, Step draftInvoicesStep, Step recordDraftsStep, Step writeInvoicesStep, Step writeReportsStep,
            StopOnTermination stopOnTermination) {
        JobExecutionDecider afterIngest = untilDecider(Stage.INGEST);
        JobExecutionDecider afterValidate = untilDecider(Stage.VALIDATE);
        JobExecutionDecider afterDraft = untilDecider(Stage.DRAFT);
        Flow draftFlow = new FlowBuilder<Flow>("draft").start(draftInvoicesStep).next(recordDraftsStep).build();
        Flow reportFlow = new FlowBuilder<Flow>("report").start(writeInvoicesStep).next(writeReportsStep).build();
        // no incrementer: JobOperator.start ignores the parameters of a job that has one
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(stopOnTermination)
                .start(registerSourcesStep)
                .next(loadSourcesStep)
                .next(mergeSourcesStep)
                .next(afterIngest).on(STOP).end()
                .from(afterIngest).on(CONTINUE).to(validateFlow)
                .next(afterValidate).on(STOP).end()
                .from(afterValidate).on(CONTINUE).to(draftFlow)
                .next(afterDraft).on(STOP).end()
                .from(afterDraft).on(CONTINUE).to(reportFlow)
                .end()
                .build();
    }

    /**
     * Validation leaves out the milestones another period's live drafts bill; drafting owns those
     * drafts and reads validation, so the run hands drafting's query to validation.
     */
    @Bean
    BilledMilestones billedMilestones(DraftQueries drafts) {
        return drafts::milestonesBilledOutside;
    }

    private static final String STOP = "STOP";
    private static final String CONTINUE = "CONTINUE";

    /** Ends the run after {@code stage} when the run's "until" parameter names it. */
    private static JobExecutionDecider untilDecider(Stage stage) {
        return (jobExecution, stepExecution) ->
                RunParameters.from(jobExecution.getJobParameters()).until() == stage
                        ? new FlowExecutionStatus(STOP) : new FlowExecutionStatus(CONTINUE);
    }
}
