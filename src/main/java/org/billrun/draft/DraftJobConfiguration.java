package org.billrun.draft;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.infra.partition.LargestFirstPartitionHandler;
import org.billrun.infra.partition.PartitionHandlers;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
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

    /** The key of a partition's clients in its execution context ({@link ClientKey#encode}). */
    static final String CLIENTS = "clients";

    /** Drafting is Java work (pricing, tax, routing) between a cursor and COPY: one partition at a time per core. */
    static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Bean
    Step draftInvoicesStep(JobRepository jobRepository, Partitioner draftPartitioner, Step draftClientsStep,
            PartitionHandlers partitionHandlers) throws Exception {
        return new StepBuilder("draftInvoices", jobRepository)
                .partitioner("draftClients", draftPartitioner)
                .partitionHandler(partitionHandlers.largestFirst("draft-", draftClientsStep, threads()))
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
     * The run's clients ({@link DraftInputs#clients}) packed into partitions ({@link DraftPartitions#pack}),
     * named {@code clients-01}, {@code clients-02}, ... largest first.
     */
    @Bean
    @StepScope
    Partitioner draftPartitioner(@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['scope']}") String scope, DraftInputs inputs) {
        return gridSize -> {
            List<DraftPartitions.Partition> partitions = DraftPartitions.pack(inputs.clients(runId, scope), gridSize);
            Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
            String format = "clients-%0" + String.valueOf(partitions.size()).length() + "d";
            for (int i = 0; i < partitions.size(); i++) {
                ExecutionContext context = new ExecutionContext();
                context.putString(CLIENTS, ClientKey.encode(partitions.get(i).clients()));
                context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, partitions.get(i).weight());
                contexts.put(format.formatted(i + 1), context);
            }
            return contexts;
        };
    }

    @Bean
    @StepScope
    DraftStep draftStep(@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['scope']}") String scope, @Value("#{stepExecutionContext['" + CLIENTS + "']}") String clients,
            DraftService drafting) {
        return new DraftStep(runId, scope, ClientKey.decode(clients), drafting);
    }
}
