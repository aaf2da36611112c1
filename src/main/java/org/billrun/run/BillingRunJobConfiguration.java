package org.billrun.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The billing run job. Each stage contributes its steps; a run stops after the stage named by
 * its "until" parameter. This version has the ingest stage only.
 */
@Configuration(proxyBeanMethods = false)
class BillingRunJobConfiguration {

    static final String JOB_NAME = "billingRun";

    @Bean
    Job billingRunJob(JobRepository jobRepository, Step registerSourcesStep, Step loadSourcesStep, Step mergeSourcesStep) {
        // no incrementer: JobOperator.start ignores the parameters of a job that has one
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(registerSourcesStep)
                .next(loadSourcesStep)
                .next(mergeSourcesStep)
                .build();
    }
}
