package org.billrun.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts the run id and the step name into the logging MDC ({@link #RUN_ID}, {@link #STEP}) while a
 * billing run executes, so that every line logged inside a run carries them (the JSON log format
 * shows them as fields). It registers itself on every job and step bean, partition workers included:
 * they run on threads of their own, and the MDC belongs to a thread.
 *
 * <p>First in order, so that its listener is registered first and Spring Batch, which calls the
 * after-callbacks in reverse, calls its afterJob last: what other listeners log then still has the run id.
 */
@Component
class RunLogContext implements BeanPostProcessor, Ordered {

    static final String RUN_ID = "runId";
    static final String STEP = "step";

    private final Listener listener = new Listener();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(listener);
        }
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(listener);
        }
        return bean;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Ordered first: a step's composite listener calls ordered listeners before the ones its builder was given,
     * so a step's own beforeStep (which may log, as validation's stream listeners do) already has the step name.
     */
    static final class Listener implements JobExecutionListener, StepExecutionListener, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        /** What the MDC held before each step, to put back after it: a partition's thread had nothing. */
        private final Map<Long, Map<String, String>> beforeSteps = new ConcurrentHashMap<>();

        @Override
        public void beforeJob(JobExecution jobExecution) {
            MDC.put(RUN_ID, String.valueOf(jobExecution.getJobInstance().getInstanceId()));
        }

        @Override
        public void afterJob(JobExecution jobExecution) {
            MDC.remove(RUN_ID);
            MDC.remove(STEP);
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            beforeSteps.put(stepExecution.getId(), previous == null ? Map.of() : previous);
            MDC.put(RUN_ID, String.valueOf(stepExecution.getJobExecution().getJobInstance().getInstanceId()));
            MDC.put(STEP, stepExecution.getStepName());
        }

        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            Map<String, String> previous = beforeSteps.remove(stepExecution.getId());
            MDC.remove(RUN_ID);
            MDC.remove(STEP);
            if (previous != null) {
                previous.forEach((key, value) -> {
                    if (key.equals(RUN_ID) || key.equals(STEP)) {
                        MDC.put(key, value);
                    }
                });
            }
            return null;
        }
    }
}
