package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataIntegrityViolationException;

class RunFailureTests {

    private static final LocalDateTime SIX = LocalDateTime.of(2026, 11, 2, 6, 0);

    private final JobExecution run = new JobExecution(3L, new JobInstance(1L, "billingRun"), new JobParameters());
    private long stepIds;

    private StepExecution step(String name, LocalDateTime started, Throwable... failures) {
        StepExecution step = new StepExecution(++stepIds, name, run);
        step.setStartTime(started);
        for (Throwable failure : failures) {
            step.addFailureException(failure);
        }
        run.addStepExecution(step);
        return step;
    }

    /** Spring Batch keeps a run's failures in a hash set: asked many times, the answer must not change. */
    @RepeatedTest(20)
    void aFailedPartitionNamesItsOwnFaultNotItsManagersSummary() {
        step("mergeSources", SIX);
        step("draftInvoices", SIX.plusMinutes(1), new JobExecutionException("Partition handler returned an unsuccessful step"));
        step("draftClients:clients-01", SIX.plusMinutes(1).plusSeconds(1));
        step("draftClients:clients-02", SIX.plusMinutes(1).plusSeconds(2),
                new DataIntegrityViolationException("draft", new SQLException("ERROR: test: this client's partition fails")));

        assertThat(RunFailure.of(run)).get().extracting(RootCause::firstLine).isEqualTo("ERROR: test: this client's partition fails");
    }

    @Test
    void ofTwoFailedStepsTheOneThatStartedFirstIsTheCause() {
        step("validateExpensesByConsultant:consultants-02", SIX.plusSeconds(5), new IllegalStateException("second"));
        step("validateExpensesByConsultant:consultants-01", SIX, new IllegalStateException("first"));

        assertThat(RunFailure.of(run)).get().extracting(Throwable::getMessage).isEqualTo("first");
    }

    @Test
    void aManagersSummaryIsTheCauseOnlyWhenNeitherAStepNorTheJobHasAnother() {
        step("draftInvoices", SIX, new JobExecutionException("Partition handler returned an unsuccessful step"));

        assertThat(RunFailure.of(run)).get().extracting(Throwable::getMessage).isEqualTo("Partition handler returned an unsuccessful step");

        run.addFailureException(new IllegalStateException("the run's own"));
        assertThat(RunFailure.of(run)).get().extracting(Throwable::getMessage).isEqualTo("the run's own");
    }

    @Test
    void aRunWithoutAFailureHasNoCause() {
        step("registerSources", SIX);

        assertThat(RunFailure.of(run)).isEmpty();
    }
}
