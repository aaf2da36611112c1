package org.billrun.infra.partition;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.billrun.infra.RootCause;
import org.postgresql.jdbc.PgConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber;
import org.springframework.integration.jdbc.channel.PostgresSubscribableChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The worker's side of remote partitioning ({@code billrun worker}): a PostgresSubscribableChannel on
 * the {@link PartitionChannel}'s store, woken by a PostgresChannelMessageTableSubscriber (LISTEN on its
 * own unpooled connection), hands each partition request to Spring Batch's StepExecutionRequestHandler,
 * which runs the named step of this JVM's context on the manager's step execution. At most
 * {@code concurrency} partitions run at a time: the channel's dispatcher threads take a message only
 * when one of them is free. While a partition runs the worker holds its {@link PartitionLease}.
 */
@Component
public class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
    /** A LISTEN connection that cannot be made is retried at most this often (the subscriber itself retries at once). */
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final PartitionChannel channel;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final ObjectProvider<Step> steps;
    private final BeanFactory beanFactory;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();

    private PostgresChannelMessageTableSubscriber subscriber;
    private PostgresSubscribableChannel input;
    private ThreadPoolTaskExecutor dispatchers;
    private MessageHandler handler;
    private int concurrency;

    PartitionWorker(PartitionChannel channel, JobRepository jobRepository, DataSource dataSource, ObjectProvider<Step> steps,
            BeanFactory beanFactory) {
        this.channel = channel;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.steps = steps;
        this.beanFactory = beanFactory;
    }

    /** Starts taking partitions, at most {@code concurrency} at a time. */
    public synchronized void start(int concurrency) {
        this.concurrency = concurrency;
        Map<String, Step> byName = steps.orderedStream().collect(Collectors.toMap(Step::getName, Function.identity(), (a, b) -> a));
        StepExecutionRequestHandler requests = new StepExecutionRequestHandler();
        requests.setJobRepository(jobRepository);
        requests.setStepLocator(byName::get);
        handler = message -> run(message, requests);

        dispatchers = new ThreadPoolTaskExecutor();
        dispatchers.setCorePoolSize(concurrency);
        dispatchers.setMaxPoolSize(concurrency);
        // no queue: a wake-up while every thread is busy is dropped, and each busy thread looks for the next
        // message when its partition ends
        dispatchers.setQueueCapacity(0);
        dispatchers.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        dispatchers.setThreadNamePrefix("partition-");
        dispatchers.initialize();

        subscriber = new PostgresChannelMessageTableSubscriber(this::listenConnection);
        input = new PostgresSubscribableChannel(channel.store(), PartitionChannel.GROUP, subscriber);
        input.setDispatcherExecutor(dispatchers);
        input.setBeanName("billrun-partitions");
        input.setBeanFactory(beanFactory);
        input.afterPropertiesSet();
        input.subscribe(handler);
        subscriber.start();
        log.info("Worker started: up to {} partitions at a time from the database's partition queue", concurrency);
    }

    /**
     * Looks for queued partitions when a dispatcher thread is free. The NOTIFY of each new message wakes
     * the worker at once; this catches a wake-up dropped while every thread was busy.
     */
    public void poke() {
        if (input != null && running.get() < concurrency) {
            input.notifyUpdate();
        }
    }

    /** Takes no more partitions and waits until those it runs have ended. */
    public synchronized void stop() {
        if (input == null) {
            return;
        }
        log.info("Worker stopping: taking no more partitions; {} running will finish", running.get());
        subscriber.stop();
        // waits for the dispatches in flight: the channel holds a read lock while it runs one
        input.unsubscribe(handler);
        dispatchers.shutdown();
        input = null;
        log.info("Worker stopped after {} partitions", finished.get());
    }

    public int running() {
        return running.get();
    }

    public long finished() {
        return finished.get();
    }

    private void run(Message<?> message, StepExecutionRequestHandler requests) {
        StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
        long id = request.getStepExecutionId();
        running.incrementAndGet();
        try (PartitionLease lease = PartitionLease.take(dataSource, id)) {
            StepExecution partition = jobRepository.getStepExecution(id);
            if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
                // given up as lost by its manager, or left over from a run that failed and was resumed since
                log.info("Skipping partition request {}: {}", request, partition == null ? "no such step execution" : partition.getStatus());
                return;
            }
            if (partition.getJobExecution().isStopping() || partition.getJobExecution().getStatus() != BatchStatus.STARTED) {
                partition.setStatus(BatchStatus.STOPPED);
                partition.setExitStatus(ExitStatus.STOPPED);
                jobRepository.update(partition);
                log.info("Partition {} not started: its run is {}", partition.getStepName(), partition.getJobExecution().getStatus());
                return;
            }
            log.info("Running partition {} (step execution {})", partition.getStepName(), id);
            StepExecution result = requests.handle(request);
            finished.incrementAndGet();
            if (result.getFailureExceptions().isEmpty()) {
                log.info("Partition {} {}", result.getStepName(), result.getStatus());
            } else {
                // the manager sees only that the partition failed; why is known here, on the worker that ran it
                log.error("Partition {} {}: {}", result.getStepName(), result.getStatus(), RootCause.firstLine(result.getFailureExceptions().get(0)));
            }
        } catch (SQLException | RuntimeException e) {
            // the manager gives the partition up once this worker's lease is gone, and issues it again
            log.error("Partition request {} failed: {}", request, e.toString());
        } finally {
            running.decrementAndGet();
        }
    }

    /** An unpooled connection for LISTEN, to the database of the pool, with the pool's login and driver settings. */
    private PgConnection listenConnection() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        try {
            return DriverManager.getConnection(pool.getJdbcUrl(), properties).unwrap(PgConnection.class);
        } catch (SQLException e) {
            pause();
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
