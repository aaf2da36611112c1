package org.billrun.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Fault injection for restart tests, in test code only: every chunk-oriented step of the test
 * context gets a read listener and every tasklet step a wrapped tasklet, both inert until a test
 * arms a fault for the step by name. A fault throws as a crash at that point would: on reading a
 * matching item (so its chunk rolls back), or after the tasklet did its work but before the
 * step's transaction commits. Component scanning picks this class up in every Spring test context
 * (it lives under org.billrun); the packaged jar never contains it.
 */
@Component
public class InjectedFaults implements BeanPostProcessor {

    private final Map<String, Predicate<Object>> onRead = new ConcurrentHashMap<>();
    private final Map<String, Boolean> afterTasklet = new ConcurrentHashMap<>();

    /** Fails the chunk-oriented step named {@code step} (or any step whose name starts with it) on reading an item that matches. */
    @SuppressWarnings("unchecked")
    public <T> void failOnRead(String step, Class<T> type, Predicate<? super T> item) {
        onRead.put(step, read -> type.isInstance(read) && item.test((T) read));
    }

    /**
     * Runs {@code action} on another thread, and waits for it, when the chunk-oriented step named {@code step} (or any step
     * whose name starts with it) reads an item that matches: as a signal handler would act while the step runs.
     */
    @SuppressWarnings("unchecked")
    public <T> void onRead(String step, Class<T> type, Predicate<? super T> item, Runnable action) {
        onRead.put(step, read -> {
            if (type.isInstance(read) && item.test((T) read)) {
                Thread other = new Thread(action, "injected-action");
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        });
    }

    /** Fails the tasklet step named {@code step} after its tasklet returned, inside the step's transaction. */
    public void failAfterTasklet(String step) {
        afterTasklet.put(step, Boolean.TRUE);
    }

    public void clear() {
        onRead.clear();
        afterTasklet.clear();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChunkOrientedStep<?, ?> step) {
            step.registerItemReadListener(readListener(step.getName()));
        } else if (bean instanceof TaskletStep step && step.getTasklet() != null) {
            step.setTasklet(failingAfter(step.getName(), step.getTasklet()));
        }
        return bean;
    }

    private <T> ItemReadListener<T> readListener(String stepName) {
        return new ItemReadListener<>() {
            @Override
            public void afterRead(T item) {
                onRead.forEach((step, matches) -> {
                    if (stepName.startsWith(step) && matches.test(item)) {
                        throw new IllegalStateException("injected fault: step " + stepName + " stopped on reading a "
                                + item.getClass().getSimpleName());
                    }
                });
            }
        };
    }

    private Tasklet failingAfter(String stepName, Tasklet tasklet) {
        return (contribution, chunkContext) -> {
            var status = tasklet.execute(contribution, chunkContext);
            if (afterTasklet.containsKey(stepName)) {
                throw new IllegalStateException("injected fault: step " + stepName + " stopped after its work, before commit");
            }
            return status;
        };
    }
}
