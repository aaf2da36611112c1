package org.billrun.infra.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

class PerExecutionTests {

    private final PerExecution<String> shared = new PerExecution<>();
    private final AtomicInteger made = new AtomicInteger();

    private static JobExecution execution(long id, LocalDateTime created) {
        JobExecution execution = new JobExecution(id, new JobInstance(1L, "billingRun"), new JobParameters());
        execution.setCreateTime(created);
        return execution;
    }

    private String make(JobExecution execution) {
        return "made " + made.incrementAndGet() + " for " + execution.getId();
    }

    @Test
    void partitionsOfOneExecutionAskingAtOnceGetTheOneThingTheFirstMade() throws Exception {
        JobExecution attempt = execution(5, LocalDateTime.of(2026, 11, 2, 6, 0));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(threads.submit(() -> {
                    start.await();
                    return shared.of(attempt, this::make);
                }));
            }
            start.countDown();
            for (Future<String> answer : asked) {
                assertThat(answer.get()).isEqualTo("made 1 for 5");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(made).hasValue(1);
    }

    @Test
    void aResumedRunIsANewExecutionAndMakesItsOwn() {
        LocalDateTime created = LocalDateTime.of(2026, 11, 2, 6, 0);
        shared.of(execution(5, created), this::make);

        assertThat(shared.of(execution(6, created.plusMinutes(3)), this::make)).isEqualTo("made 2 for 6");
    }

    @Test
    void anExecutionOfTheSameIdInADatabaseMadeAfreshIsAnotherExecution() {
        shared.of(execution(1, LocalDateTime.of(2026, 11, 2, 6, 0)), this::make);

        assertThat(shared.of(execution(1, LocalDateTime.of(2026, 11, 3, 6, 0)), this::make)).isEqualTo("made 2 for 1");
    }

    @Test
    void whatIsReleasedIsReturnedOnceAndMadeAfreshWhenAskedAgain() {
        JobExecution attempt = execution(5, LocalDateTime.of(2026, 11, 2, 6, 0));
        shared.of(attempt, this::make);

        assertThat(shared.release(attempt)).contains("made 1 for 5");
        assertThat(shared.release(attempt)).isEmpty();
        assertThat(shared.holds(attempt)).isFalse();
        assertThat(shared.of(attempt, this::make)).isEqualTo("made 2 for 5");
    }

    @Test
    void onlyTheTwoExecutionsAskedForLastAreKept() {
        LocalDateTime created = LocalDateTime.of(2026, 11, 2, 6, 0);
        JobExecution first = execution(1, created);
        JobExecution second = execution(2, created);
        JobExecution third = execution(3, created);
        shared.of(first, this::make);
        shared.of(second, this::make);
        shared.of(first, this::make); // asked for again: the second is now the eldest

        shared.of(third, this::make);

        assertThat(shared.holds(first)).isTrue();
        assertThat(shared.holds(second)).isFalse();
        assertThat(shared.holds(third)).isTrue();
    }
}
