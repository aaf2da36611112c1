package org.billrun.draft;

import java.util.List;
import org.billrun.infra.RestartPosition;
import org.billrun.infra.partition.ClientKey;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.infra.partition.PartitionHandlers;
import org.billrun.infra.partition.PlannedSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The draft stage: {@code draftInvoices} drafts the run's clients in partitions ({@code draftClients},
 * one transaction each, sized by the clients' records and run largest first, on local threads or remote
 * workers), then {@code recordDrafts} logs the run's drafts once all are written. A resumed run drafts
 * again only the partitions that did not complete.
 */
@Configuration(proxyBeanMethods = false)
class DraftJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DraftJobConfiguration.class);

    @Bean
    Step draftInvoicesStep(JobRepository jobRepository, Partitioner draftPartitioner, Step draftClientsStep,
            PartitionHandlers partitionHandlers, DraftSharedInputs sharedInputs) throws Exception {
        return new StepBuilder("draftInvoices", jobRepository)
                .partitioner("draftClients", draftPartitioner)
                .splitter(new PlannedSplitter(jobRepository, "draftClients", draftPartitioner, ClientPartitions.CLIENTS))
                .partitionHandler(partitionHandlers.largestFirst("draft-", draftClientsStep, ClientPartitions.threads()))
                .listener(RestartPosition.ofKey(jobRepository, ClientPartitions.PLAN))
                // however the stage ended: a resumed run is a new attempt, with its own
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution manager) {
                        sharedInputs.release(manager.getJobExecution());
                        return null;
                    }
                })
                .build();
    }

    @Bean
    Step draftClientsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DraftStep draftStep) {
        return new StepBuilder("draftClients", jobRepository).tasklet(draftStep, transactionManager).build();
    }

    @Bean
    Step recordDraftsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DraftService drafting) {
        return new StepBuilder("recordDrafts", jobRepository).tasklet((contribution, chunk) -> {
            drafting.record(chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    /**
     * The run's clients ({@link DraftInputs#clients}) packed into partitions ({@link ClientPartitions#pack}),
     * named {@code clients-01}, {@code clients-02}, ... largest first ({@link ClientPartitions#contexts}).
     */
    @Bean
    @StepScope
    Partitioner draftPartitioner(@Value("#{stepExecution}") StepExecution manager, JobRepository jobRepository,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['scope']}") String scope, DraftInputs inputs) {
        return gridSize -> ClientPartitions.plannedOnce(manager.getExecutionContext(), () -> jobRepository.updateExecutionContext(manager), () -> {
            List<ClientPartitions.Partition> partitions = ClientPartitions.pack(inputs.clients(runId, scope), gridSize);
            log.info("Drafting run {}: {}", runId, ClientPartitions.describe(partitions));
            return partitions;
        });
    }

    @Bean
    @StepScope
    DraftStep draftStep(@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['scope']}") String scope, @Value("#{stepExecutionContext['" + ClientPartitions.CLIENTS + "']}") String clients,
            DraftService drafting, DraftSharedInputs sharedInputs) {
        return new DraftStep(runId, scope, ClientKey.ofPartition(clients), drafting, sharedInputs);
    }
}
