package org.billrun.report;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report stage: one step that writes every report of the run into its documented folder
 * ({@link ReportService#writeAll}). It only reads the database (in snapshots of its own), so the step
 * holds no database transaction while PDFs are rendered; a failed or killed attempt is simply redone.
 */
@Configuration(proxyBeanMethods = false)
class ReportJobConfiguration {

    static final String STEP_NAME = "writeReports";

    @Bean
    Step writeReportsStep(JobRepository jobRepository, ReportService reports) {
        return new StepBuilder(STEP_NAME, jobRepository).tasklet((contribution, chunk) -> {
            long runId = chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
            contribution.incrementWriteCount(reports.writeAll(runId).size());
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
    }
}
