package org.billrun.report;

import java.util.List;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.infra.RestartPosition;
import org.billrun.infra.partition.ClientKey;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.infra.partition.PartitionHandlers;
import org.billrun.infra.partition.PlannedSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report stage: {@code writeInvoices} writes the run's invoice PDFs in partitions of its clients
 * ({@code writeInvoicePdfs}: sized by the lines and annex rows they print, largest first, on local
 * threads or remote workers; {@link InvoicePdfWriter#writeClients}), then {@code writeReports} writes
 * every other report of the run into its documented folder ({@link ReportService#writeAll}). Both only
 * read the database (in snapshots of their own), so no database transaction is held while PDFs are
 * rendered; a failed or killed partition or report step is simply redone, and a resumed run writes again
 * only the partitions that did not complete.
 */
@Configuration(proxyBeanMethods = false)
class ReportJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReportJobConfiguration.class);

    static final String STEP_NAME = "writeReports";

    @Bean
    Step writeInvoicesStep(JobRepository jobRepository, Partitioner invoicePdfPartitioner, Step writeInvoicePdfsStep,
            PartitionHandlers partitionHandlers) throws Exception {
        return new StepBuilder("writeInvoices", jobRepository)
                .partitioner("writeInvoicePdfs", invoicePdfPartitioner)
                .splitter(new PlannedSplitter(jobRepository, "writeInvoicePdfs", invoicePdfPartitioner, ClientPartitions.CLIENTS))
                .partitionHandler(partitionHandlers.largestFirst("pdf-", writeInvoicePdfsStep, ClientPartitions.threads()))
                .listener(RestartPosition.ofKey(jobRepository, ClientPartitions.PLAN))
                .build();
    }

    @Bean
    Step writeInvoicePdfsStep(JobRepository jobRepository, Tasklet invoicePdfTasklet) {
        return new StepBuilder("writeInvoicePdfs", jobRepository).tasklet(invoicePdfTasklet, new ResourcelessTransactionManager()).build();
    }

    /** The clients of the run's drafts ({@link DraftInvoiceQueries#clientsOfRun}) in partitions ({@link ClientPartitions}). */
    @Bean
    @StepScope
    Partitioner invoicePdfPartitioner(@Value("#{stepExecution}") StepExecution manager, JobRepository jobRepository,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId, DraftInvoiceQueries drafts) {
        return gridSize -> ClientPartitions.plannedOnce(manager.getExecutionContext(), () -> jobRepository.updateExecutionContext(manager), () -> {
            List<ClientPartitions.Partition> partitions = ClientPartitions.pack(drafts.clientsOfRun(runId), gridSize);
            log.info("Writing the invoice PDFs of run {}: {} (lines and annex rows)", runId, ClientPartitions.describe(partitions));
            return partitions;
        });
    }

    @Bean
    @StepScope
    Tasklet invoicePdfTasklet(@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{stepExecutionContext['" + ClientPartitions.CLIENTS + "']}") String clients, InvoicePdfWriter invoices,
            ReportService reports) {
        return (contribution, chunk) -> {
            contribution.incrementWriteCount(invoices.writeClients(runId, reports.folderOf(runId), ClientKey.ofPartition(clients)).size());
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step writeReportsStep(JobRepository jobRepository, ReportService reports) {
        return new StepBuilder(STEP_NAME, jobRepository).tasklet((contribution, chunk) -> {
            long runId = chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
            contribution.incrementWriteCount(reports.writeAll(runId).size());
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
    }
}
