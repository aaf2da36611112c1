package org.billrun.infra.partition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.billrun.infra.RootCause;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's side of remote partitioning: queues every partition on the {@link PartitionChannel}
 * (largest first) and waits until the job repository shows each one finished, as Spring Batch's
 * MessageChannelPartitionHandler does when it polls the repository. Unlike that handler it also
 * notices a worker that died: a partition that is still running in the repository but neither queued
 * nor leased ({@link PartitionLease}) for {@link PartitionSettings#workerLostAfter()} is marked FAILED
 * and issued again as a new step execution with the lost one's execution context, exactly as a restart
 * would, so the run completes on the workers that remain. A stopping run takes back the partitions no
 * worker has taken yet (STOPPED); the running ones stop at their next chunk, through the repository.
 */
final class RemotePartitionHandler extends AbstractPartitionHandler {

    static final String WORKER_LOST = "WORKER_LOST";

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);
    private static final Duration WAITING_REPORT = Duration.ofSeconds(30);
    /** How an exit description's first line starts: the exception's class (Throwable.toString), which says little to a user. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^[\\w$]+(\\.[\\w$]+)+: ");

    private final String workerStepName;
    private final PartitionChannel channel;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final PartitionSettings settings;

    RemotePartitionHandler(String workerStepName, PartitionChannel channel, JobRepository jobRepository, DataSource dataSource,
            PartitionSettings settings) {
        this.workerStepName = workerStepName;
        this.channel = channel;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** A partition sent to the workers: its message, and since when it has looked lost (null: it has not). */
    private static final class Sent {
        final UUID messageId;
        Instant lostSince;

        Sent(UUID messageId) {
            this.messageId = messageId;
        }
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions) throws Exception {
        long jobExecutionId = managerStepExecution.getJobExecutionId();
        Map<Long, Sent> pending = new LinkedHashMap<>();
        int sequence = 0;
        for (StepExecution partition : LargestFirstPartitionHandler.largestFirst(partitions)) {
            pending.put(partition.getId(), send(partition, jobExecutionId, sequence++, partitions.size()));
        }
        log.info("Sent {} partitions of {} to the workers", partitions.size(), workerStepName);
        Set<StepExecution> finished = new HashSet<>();
        Instant lastReport = Instant.now();
        while (!pending.isEmpty()) {
            Thread.sleep(settings.pollInterval().toMillis());
            boolean stopping = jobRepository.getJobExecution(jobExecutionId).isStopping();
            List<StepExecution> reissued = new ArrayList<>();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                StepExecution partition = jobRepository.getStepExecution(entry.getKey());
                Check check = check(partition, entry.getValue(), stopping, reissued);
                if (check.finished() != null) {
                    finished.add(check.finished());
                    reportFailure(check.finished(), managerStepExecution);
                }
                if (check.settled()) {
                    it.remove();
                }
            }
            for (StepExecution again : reissued) {
                pending.put(again.getId(), send(again, jobExecutionId, sequence++, partitions.size()));
            }
            if (Duration.between(lastReport, Instant.now()).compareTo(WAITING_REPORT) >= 0 && !pending.isEmpty()) {
                lastReport = Instant.now();
                log.info("Waiting for {} partitions of {} ({} queued for a worker)", pending.size(), workerStepName,
                        pending.values().stream().filter(s -> channel.queued(s.messageId)).count());
            }
        }
        return finished;
    }

    /**
     * A partition that failed on a worker: its exception stayed in the worker's JVM, and Spring Batch's manager
     * step would only say that a partition failed. The job repository has the first line of the worker's
     * exception (its exit description), which the manager logs and keeps as the manager step's failure
     * ({@link RemotePartitionFailure}), so that the run's one line names it.
     */
    private static void reportFailure(StepExecution partition, StepExecution manager) {
        if (partition.getStatus() != BatchStatus.FAILED || partition.getExitStatus().getExitCode().equals(WORKER_LOST)) {
            return;
        }
        String description = partition.getExitStatus().getExitDescription();
        String cause = description == null || description.isBlank() ? partition.getExitStatus().getExitCode()
                : EXCEPTION_CLASS.matcher(RootCause.firstLine(description.strip())).replaceFirst("");
        log.error("Partition {} failed on a worker: {}", partition.getStepName(), cause);
        manager.addFailureException(new RemotePartitionFailure(partition.getStepName(), cause));
    }

    private Sent send(StepExecution partition, long jobExecutionId, int sequence, int size) {
        return new Sent(channel.send(new StepExecutionRequest(workerStepName, partition.getId()), jobExecutionId, sequence, size));
    }

    /**
     * What became of a partition: still waiting ({@code settled} false), finished (with the execution the
     * manager step aggregates), or lost and replaced by the new execution added to {@code reissued}.
     */
    private record Check(boolean settled, StepExecution finished) {
        static final Check WAITING = new Check(false, null);
        static final Check REPLACED = new Check(true, null);

        static Check finished(StepExecution partition) {
            return new Check(true, partition);
        }
    }

    /**
     * A partition that a stopping run takes back from the queue ends STOPPED; a lost one ends FAILED and,
     * unless the run is stopping, {@code reissued} gets the new execution that replaces it.
     */
    private Check check(StepExecution partition, Sent sent, boolean stopping, List<StepExecution> reissued)
            throws Exception {
        if (!partition.getStatus().isRunning()) {
            return Check.finished(partition);
        }
        if (channel.queued(sent.messageId)) {
            sent.lostSince = null;
            if (stopping && channel.withdraw(sent.messageId)) {
                return Check.finished(end(partition, BatchStatus.STOPPED, ExitStatus.STOPPED));
            }
            return Check.WAITING;
        }
        Optional<PartitionLease> lease = PartitionLease.tryTake(dataSource, partition.getId());
        if (lease.isEmpty()) {
            sent.lostSince = null; // a live worker runs it
            return Check.WAITING;
        }
        try (PartitionLease held = lease.get()) {
            Instant now = Instant.now();
            if (sent.lostSince == null) {
                sent.lostSince = now;
                return Check.WAITING;
            }
            if (Duration.between(sent.lostSince, now).compareTo(settings.workerLostAfter()) < 0) {
                return Check.WAITING;
            }
            // holding the lease: no worker can start it now, and one that took its message late will find it FAILED
            StepExecution lost = jobRepository.getStepExecution(partition.getId());
            if (!lost.getStatus().isRunning()) {
                return Check.finished(lost);
            }
            log.warn("Partition {} (step execution {}) has had no live worker for {} s: its worker died; issuing it again",
                    lost.getStepName(), lost.getId(), settings.workerLostAfter().toSeconds());
            end(lost, BatchStatus.FAILED, new ExitStatus(WORKER_LOST, "no live worker held the partition for "
                    + settings.workerLostAfter().toSeconds() + " s"));
            if (!stopping) {
                StepExecution again = jobRepository.createStepExecution(lost.getStepName(), lost.getJobExecution());
                again.setExecutionContext(lost.getExecutionContext());
                jobRepository.updateExecutionContext(again);
                reissued.add(again);
                return Check.REPLACED;
            }
            return Check.finished(lost);
        }
    }

    private StepExecution end(StepExecution partition, BatchStatus status, ExitStatus exitStatus) {
        partition.setStatus(status);
        partition.setExitStatus(exitStatus);
        partition.setEndTime(LocalDateTime.now());
        jobRepository.update(partition);
        return partition;
    }
}
