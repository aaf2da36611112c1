package org.billrun.validate;

import java.util.List;
import javax.sql.DataSource;
import org.billrun.audit.AuditLog;
import org.billrun.billing.Expense;
import org.billrun.infra.BillrunProperties;
import org.billrun.infra.RestartPosition;
import org.billrun.infra.StepProgress;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.infra.partition.KeptPlan;
import org.billrun.infra.partition.PartitionHandlers;
import org.billrun.infra.partition.PlannedSplitter;
import org.billrun.ingest.IngestQueries;
import org.billrun.masterdata.BillingHistoryReader;
import org.billrun.masterdata.PeriodRecords;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The validate stage: record the policy, validate the period's time entries and expenses in
 * restartable chunks (a streaming cursor, time entries in load order and expenses by consultant; the
 * rules in plain Java; findings and states written in the chunk's transaction), then the
 * contract-level checks, then settle the exception queue and the missing-time report.
 */
@Configuration(proxyBeanMethods = false)
class ValidateJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidateJobConfiguration.class);

    private static final String TIME_ENTRY_READER = "timeEntries";
    private static final String EXPENSE_READER = "expenses";
    /** Where a partitioned validation step keeps its ranges of consultants for its restarts. */
    private static final String PLAN = "consultants.plan";

    @Bean
    Flow validateFlow(Step recordPolicyStep, Step validateTimeEntriesStep, Step validateExpensesStep, Step checkContractsStep,
            Step settleExceptionsStep) {
        return new FlowBuilder<Flow>("validate")
                .start(recordPolicyStep)
                .next(validateTimeEntriesStep)
                .next(validateExpensesStep)
                .next(checkContractsStep)
                .next(settleExceptionsStep)
                .build();
    }

    /** The run's validation inputs, shared with its partitions ({@link ValidationRuns}). */
    @Bean
    @JobScope
    ValidationRun validationRun(@Value("#{jobExecution}") JobExecution job, ValidationRuns runs) {
        return runs.of(job);
    }

    @Bean
    Step recordPolicyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            IngestQueries ingest, ValidationRun validationRun) {
        return taskletStep("recordPolicy", jobRepository, transactionManager, new PolicyRecorder(jdbc, ingest, validationRun));
    }

    /** Validates the period's time entries in partitions by consultant ({@link ConsultantRanges}). */
    @Bean
    Step validateTimeEntriesStep(JobRepository jobRepository, Partitioner timeEntryPartitioner, Step validateTimeEntriesByConsultantStep,
            PartitionHandlers partitionHandlers, StepProgress timeEntryProgress) throws Exception {
        return partitioned("validateTimeEntries", jobRepository, timeEntryPartitioner, validateTimeEntriesByConsultantStep,
                partitionHandlers, timeEntryProgress);
    }

    @Bean
    Step validateTimeEntriesByConsultantStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<TimeEntryOfDay> timeEntryReader, TimeEntryStream timeEntryStream, ValidationWriter validationWriter,
            BillrunProperties settings, StepProgress timeEntryProgress) {
        return recordStep("validateTimeEntriesByConsultant", jobRepository, transactionManager, settings.validate().chunkSize(),
                timeEntryReader, TIME_ENTRY_READER, timeEntryStream, validationWriter, timeEntryProgress);
    }

    /** Validates the period's expenses in partitions by consultant ({@link ConsultantRanges}). */
    @Bean
    Step validateExpensesStep(JobRepository jobRepository, Partitioner expensePartitioner, Step validateExpensesByConsultantStep,
            PartitionHandlers partitionHandlers, StepProgress expenseProgress) throws Exception {
        return partitioned("validateExpenses", jobRepository, expensePartitioner, validateExpensesByConsultantStep, partitionHandlers,
                expenseProgress);
    }

    @Bean
    Step validateExpensesByConsultantStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<Expense> expenseReader, ExpenseStream expenseStream, ValidationWriter validationWriter,
            BillrunProperties settings, StepProgress expenseProgress) {
        return recordStep("validateExpensesByConsultant", jobRepository, transactionManager, settings.validate().chunkSize(),
                expenseReader, EXPENSE_READER, expenseStream, validationWriter, expenseProgress);
    }

    /** One progress line for the time entries, drawn from every partition's commits. */
    @Bean
    StepProgress timeEntryProgress() {
        return new StepProgress("validateTimeEntries");
    }

    @Bean
    StepProgress expenseProgress() {
        return new StepProgress("validateExpenses");
    }

    /** Validates the time entries of one partition: takes the run's validator once, not per entry. */
    @Bean
    @StepScope
    TimeEntryStream timeEntryStream(@Value("#{stepExecution.jobExecution}") JobExecution job, ValidationRuns runs) {
        return new TimeEntryStream(runs.of(job).timeEntryValidator());
    }

    /** Validates the expenses of one partition as they stream by consultant, holding one consultant's lines at a time. */
    @Bean
    @StepScope
    ExpenseStream expenseStream(@Value("#{stepExecution.jobExecution}") JobExecution job, ValidationRuns runs) {
        return new ExpenseStream(runs.of(job));
    }

    @Bean
    @StepScope
    Partitioner timeEntryPartitioner(@Value("#{stepExecution}") StepExecution manager, JobRepository jobRepository, JdbcClient jdbc) {
        return consultantPartitioner(manager, jobRepository, jdbc, PeriodRecords.TIME_ENTRIES_PER_CONSULTANT, "time entries");
    }

    @Bean
    @StepScope
    Partitioner expensePartitioner(@Value("#{stepExecution}") StepExecution manager, JobRepository jobRepository, JdbcClient jdbc) {
        return consultantPartitioner(manager, jobRepository, jdbc, PeriodRecords.EXPENSES_PER_CONSULTANT, "expenses");
    }

    /** The manager's ranges of consultants ({@link ConsultantRanges#split}), planned once ({@link KeptPlan}). */
    private static Partitioner consultantPartitioner(StepExecution manager, JobRepository jobRepository, JdbcClient jdbc,
            String countsSql, String what) {
        return gridSize -> ConsultantRanges.contexts(ConsultantRanges.decode(KeptPlan.of(manager.getExecutionContext(), PLAN,
                () -> jobRepository.updateExecutionContext(manager), () -> {
                    String period = manager.getJobExecution().getJobParameters().getString("period");
                    List<ConsultantRanges.Count> counts = jdbc.sql(countsSql).param(period)
                            .query((rs, i) -> new ConsultantRanges.Count(rs.getString(1), rs.getLong(2))).list();
                    List<ConsultantRanges.Range> ranges = ConsultantRanges.split(counts, gridSize * ClientPartitions.PER_THREAD);
                    log.info("Validating the {} of run {}: {}", what, manager.getJobExecution().getJobInstance().getInstanceId(),
                            ConsultantRanges.describe(counts, ranges));
                    return ConsultantRanges.encode(ranges);
                })));
    }

    /** A manager step that runs {@code worker} once per range of consultants, on local threads or remote workers. */
    private static Step partitioned(String name, JobRepository jobRepository, Partitioner partitioner, Step worker,
            PartitionHandlers partitionHandlers, StepProgress progress) throws Exception {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .splitter(new PlannedSplitter(jobRepository, worker.getName(), partitioner, ConsultantRanges.FROM))
                .partitionHandler(partitionHandlers.largestFirst("validate-", worker, ClientPartitions.threads()))
                .listener(RestartPosition.ofKey(jobRepository, PLAN))
                .listener(progress)
                .build();
    }

    /** A chunk-oriented step that reads records, validates each one and writes findings and states in the chunk's transaction. */
    private static <T> Step recordStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            int chunkSize, JdbcCursorItemReader<T> reader, String readerName, ItemProcessor<T, ValidatedRecord> validator,
            ValidationWriter writer, StepProgress progress) {
        return new StepBuilder(name, jobRepository)
                .<T, ValidatedRecord>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(validator)
                .writer(writer)
                .listener(progress.chunks())
                .listener(RestartPosition.ofReader(jobRepository, readerName))
                .build();
    }

    @Bean
    Step checkContractsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ValidationRun validationRun,
            ValidationWriter validationWriter, ExceptionStore exceptionStore, BilledMilestones billedMilestones, JdbcClient jdbc,
            MilestoneEvidenceProposer evidenceProposer, RunInput runInput, BillingHistoryReader billingHistory) {
        return taskletStep("checkContracts", jobRepository, transactionManager,
                new ContractCheckStep(validationRun, validationWriter, exceptionStore, billedMilestones, jdbc, evidenceProposer, runInput,
                        billingHistory));
    }

    /** What the run reads (its input folder, or a database's URL): evidence_files are relative to the folder. */
    @Bean
    @JobScope
    RunInput runInput(@Value("#{jobParameters['input']}") String input) {
        return new RunInput(input);
    }

    /** The stage's last step: once it completed, the run's validation inputs are let go for drafting and the reports. */
    @Bean
    Step settleExceptionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ValidationRun validationRun,
            AuditLog auditLog, JdbcClient jdbc, JdbcTemplate jdbcTemplate, ValidationRuns runs) {
        return new StepBuilder("settleExceptions", jobRepository)
                .tasklet(new SettleStep(validationRun, auditLog, jdbc, jdbcTemplate), transactionManager)
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution step) {
                        if (step.getStatus() == BatchStatus.COMPLETED) {
                            runs.release(step.getJobExecution());
                        }
                        return null;
                    }
                })
                .build();
    }

    /** A step that runs {@code tasklet} once, in one transaction. */
    private static Step taskletStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet tasklet) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
    }

    /** Step-scoped: a partition's thread has no job scope. */
    @Bean
    @StepScope
    ValidationWriter validationWriter(@Value("#{stepExecution.jobExecution}") JobExecution job, ValidationRuns runs,
            ExceptionStore exceptionStore, DataSource dataSource) {
        return new ValidationWriter(runs.of(job), exceptionStore, dataSource);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TimeEntryOfDay> timeEntryReader(DataSource dataSource, @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['" + ConsultantRanges.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + ConsultantRanges.TO + "']}") String to) {
        return cursor(TIME_ENTRY_READER, dataSource, PeriodRecords.TIME_ENTRIES_OF_CONSULTANTS, TimeEntryOfDay.ROW, period, from, to);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<Expense> expenseReader(DataSource dataSource, @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['" + ConsultantRanges.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + ConsultantRanges.TO + "']}") String to) {
        return cursor(EXPENSE_READER, dataSource, PeriodRecords.EXPENSES_OF_CONSULTANTS, PeriodRecords.EXPENSE, period, from, to);
    }

    /**
     * A streaming cursor over a partition's consultants (autocommit off, or pgjdbc reads the whole result); restarts
     * skip the rows already committed. A partition without its range fails rather than read nothing.
     */
    private static <T> JdbcCursorItemReader<T> cursor(String name, DataSource dataSource, String sql, RowMapper<T> mapper, String period,
            String from, String to) {
        if (from == null) {
            throw new IllegalStateException("a validation partition without its consultants (" + ConsultantRanges.FROM
                    + " missing in its context): it cannot tell which records are its own");
        }
        return new JdbcCursorItemReaderBuilder<T>()
                .name(name)
                .dataSource(dataSource)
                .sql(sql)
                .queryArguments(period, from, to, to)
                .rowMapper(mapper)
                .fetchSize(2000)
                .connectionAutoCommit(false)
                .verifyCursorPosition(false)
                .build();
    }
}
