package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class RunLogContextTests {

    private final RunLogContext.Listener listener = new RunLogContext.Listener();
    private final JobExecution job = new JobExecution(11L, new JobInstance(7L, "billingRun"), new JobParameters());

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aStepOnTheJobsThreadNamesRunAndStepAndLeavesTheRunIdWhenItEnds() {
        listener.beforeJob(job);
        StepExecution step = new StepExecution(21L, "validateTimeEntries", job);

        listener.beforeStep(step);
        assertThat(MDC.get("runId")).isEqualTo("7");
        assertThat(MDC.get("step")).isEqualTo("validateTimeEntries");

        listener.afterStep(step);
        assertThat(MDC.get("runId")).isEqualTo("7");
        assertThat(MDC.get("step")).isNull();

        listener.afterJob(job);
        assertThat(MDC.get("runId")).isNull();
    }

    @Test
    void aPartitionOnAWorkerThreadGetsTheRunIdAndLeavesTheThreadClean() throws Exception {
        var worker = Executors.newSingleThreadExecutor();
        try {
            StepExecution partition = new StepExecution(22L, "loadSourceFile:files:1", job);
            String[] seen = worker.submit(() -> {
                listener.beforeStep(partition);
                String[] during = {MDC.get("runId"), MDC.get("step")};
                listener.afterStep(partition);
                return new String[] {during[0], during[1], MDC.get("runId"), MDC.get("step")};
            }).get(10, TimeUnit.SECONDS);

            assertThat(seen).containsExactly("7", "loadSourceFile:files:1", null, null);
        } finally {
            worker.shutdownNow();
        }
    }
}
