package org.billrun.validate;

import java.time.YearMonth;
import javax.sql.DataSource;
import org.billrun.audit.AuditLog;
import org.billrun.billing.Expense;
import org.billrun.billing.TimeEntry;
import org.billrun.infra.BillrunProperties;
import org.billrun.infra.RestartPosition;
import org.billrun.infra.StepProgress;
import org.billrun.ingest.IngestQueries;
import org.billrun.masterdata.MasterDataReader;
import org.billrun.masterdata.PeriodRecords;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
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

    private static final String TIME_ENTRY_READER = "timeEntries";
    private static final String EXPENSE_READER = "expenses";

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

    @Bean
    @JobScope
    ValidationRun validationRun(@Value("#{jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['scope']}") String scope,
            JdbcClient jdbc, MasterDataReader masterDataReader) {
        return new ValidationRun(runId, YearMonth.parse(period), scope, jdbc, masterDataReader);
    }

    @Bean
    Step recordPolicyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            IngestQueries ingest, ValidationRun validationRun) {
        return taskletStep("recordPolicy", jobRepository, transactionManager, new PolicyRecorder(jdbc, ingest, validationRun));
    }

    @Bean
    Step validateTimeEntriesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<TimeEntry> timeEntryReader, ValidationRun validationRun, ValidationWriter validationWriter,
            BillrunProperties settings) {
        TimeEntryStream stream = new TimeEntryStream(validationRun);
        return new StepBuilder("validateTimeEntries", jobRepository)
                .<TimeEntry, ValidatedRecord>chunk(settings.validate().chunkSize())
                .transactionManager(transactionManager)
                .reader(timeEntryReader)
                .processor(stream)
                .writer(validationWriter)
                .listener(new StepProgress("validateTimeEntries"))
                .listener(RestartPosition.ofReader(jobRepository, TIME_ENTRY_READER))
                .listener(stream)
                .build();
    }

    @Bean
    Step validateExpensesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<Expense> expenseReader, ItemProcessor<Expense, ValidatedRecord> expenseStream,
            ValidationWriter validationWriter, BillrunProperties settings) {
        return recordStep("validateExpenses", jobRepository, transactionManager, settings.validate().chunkSize(), expenseReader,
                EXPENSE_READER, expenseStream, validationWriter);
    }

    /** Validates the expenses of one step execution as they stream by consultant, holding one consultant's lines at a time. */
    @Bean
    @StepScope
    ExpenseStream expenseStream(ValidationRun validationRun) {
        return new ExpenseStream(validationRun);
    }

    /** A chunk-oriented step that reads records, validates each one and writes findings and states in the chunk's transaction. */
    private static <T> Step recordStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            int chunkSize, JdbcCursorItemReader<T> reader, String readerName, ItemProcessor<T, ValidatedRecord> validator,
            ValidationWriter writer) {
        return new StepBuilder(name, jobRepository)
                .<T, ValidatedRecord>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(validator)
                .writer(writer)
                .listener(new StepProgress(name))
                .listener(RestartPosition.ofReader(jobRepository, readerName))
                .build();
    }

    @Bean
    Step checkContractsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ValidationRun validationRun,
            ValidationWriter validationWriter, ExceptionStore exceptionStore, BilledMilestones billedMilestones, JdbcClient jdbc,
            MilestoneEvidenceProposer evidenceProposer, RunInput runInput) {
        return taskletStep("checkContracts", jobRepository, transactionManager,
                new ContractCheckStep(validationRun, validationWriter, exceptionStore, billedMilestones, jdbc, evidenceProposer, runInput));
    }

    /** What the run reads (its input folder, or a database's URL): evidence_files are relative to the folder. */
    @Bean
    @JobScope
    RunInput runInput(@Value("#{jobParameters['input']}") String input) {
        return new RunInput(input);
    }

    @Bean
    Step settleExceptionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ValidationRun validationRun,
            AuditLog auditLog, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return taskletStep("settleExceptions", jobRepository, transactionManager, new SettleStep(validationRun, auditLog, jdbc, jdbcTemplate));
    }

    /** A step that runs {@code tasklet} once, in one transaction. */
    private static Step taskletStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet tasklet) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
    }

    @Bean
    @JobScope
    ValidationWriter validationWriter(ValidationRun validationRun, ExceptionStore exceptionStore, DataSource dataSource) {
        return new ValidationWriter(validationRun, exceptionStore, dataSource);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TimeEntry> timeEntryReader(DataSource dataSource, @Value("#{jobParameters['period']}") String period) {
        return cursor(TIME_ENTRY_READER, dataSource, PeriodRecords.TIME_ENTRIES, period, PeriodRecords.TIME_ENTRY);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<Expense> expenseReader(DataSource dataSource, @Value("#{jobParameters['period']}") String period) {
        return cursor(EXPENSE_READER, dataSource, PeriodRecords.EXPENSES_BY_CONSULTANT, period, PeriodRecords.EXPENSE);
    }

    /** A streaming cursor (autocommit off, or pgjdbc reads the whole result); restarts skip the rows already committed. */
    private static <T> JdbcCursorItemReader<T> cursor(String name, DataSource dataSource, String sql, String period,
            RowMapper<T> mapper) {
        return new JdbcCursorItemReaderBuilder<T>()
                .name(name)
                .dataSource(dataSource)
                .sql(sql)
                .queryArguments(period)
                .rowMapper(mapper)
                .fetchSize(2000)
                .connectionAutoCommit(false)
                .verifyCursorPosition(false)
                .build();
    }
}
