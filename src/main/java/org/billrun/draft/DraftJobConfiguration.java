package org.billrun.draft;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The draft stage: one transactional step that drafts the run's invoices (see {@link DraftStep}). */
@Configuration(proxyBeanMethods = false)
class DraftJobConfiguration {

    @Bean
    Step draftInvoicesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DraftStep draftStep) {
        return new StepBuilder("draftInvoices", jobRepository).tasklet(draftStep, transactionManager).build();
    }

    @Bean
    @StepScope
    DraftStep draftStep(@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['scope']}") String scope, DraftService drafting) {
        return new DraftStep(runId, scope, drafting);
    }
}
