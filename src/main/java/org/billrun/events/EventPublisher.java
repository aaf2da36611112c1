package org.billrun.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.billrun.infra.Termination;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code billrun events publish}: drains the outbox to one sink, at least once and in order per invoice.
 * Each transaction locks a few invoices' streams (FOR UPDATE SKIP LOCKED, so publishers running at once
 * share the work and never both hold one invoice), hands each invoice's pending events to the sink in
 * order, stops an invoice at its first failed event (its later events wait behind it), makes the sink
 * durable, and only then records what was delivered. A crash before that record repeats events with
 * the same id at the next publish; none is lost.
 */
@Service
public class EventPublisher {

    /**
     * What one publish did at one sink; {@code stopped}: it gave up on the sink after {@value #STOP_AFTER}
     * invoices in a row failed (the sink looks down), leaving the rest for the next publish; {@code terminated}: SIGTERM
     * stopped it after the invoice it was delivering, whose delivery was recorded.
     */
    public record Result(String sink, int delivered, int failedInvoices, List<String> errors, long undelivered, boolean stopped,
            boolean terminated) {}

    /** Invoices locked per transaction. */
    private static final int STREAMS_PER_TRANSACTION = 20;

    /**
     * Invoices failing in a row after which a publish stops trying the sink: a receiver that is down
     * would otherwise cost every invoice its full retries (minutes per publish).
     */
    static final int STOP_AFTER = 3;

    private final EventOutbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    EventPublisher(EventOutbox outbox, PlatformTransactionManager transactions, Clock clock) {
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Publishes every due event to {@code sink}. An invoice whose event failed is tried again by a later
     * publish, not before {@code retryAfter} doubled per failure in a row, at most {@code retryCap}.
     */
    public Result publish(EventSink sink, Duration retryAfter, Duration retryCap) {
        // a stream that fails in this publish waits past its start: each invoice is tried once per publish
        OffsetDateTime started = OffsetDateTime.now(clock);
        tx.executeWithoutResult(s -> outbox.openStreams(sink.name()));
        int delivered = 0;
        int failed = 0;
        List<String> errors = new ArrayList<>();
        int[] inARow = {0};
        boolean stopped = false;
        boolean terminated = false;
        while (!stopped) {
            if (Termination.requested()) {
                terminated = true;
                break;
            }
            Batch batch = tx.execute(s -> drain(sink, started, retryAfter, retryCap, inARow));
            if (batch.streams() == 0) {
                break;
            }
            delivered += batch.delivered();
            failed += batch.errors().size();
            errors.addAll(batch.errors());
            stopped = batch.stopped();
        }
        return new Result(sink.name(), delivered, failed, errors, outbox.undelivered(sink.name()), stopped, terminated);
    }

    private record Batch(int streams, int delivered, List<String> errors, boolean stopped) {}

    private record Done(EventOutbox.Stream stream, int deliveredSeq, String error) {}

    private Batch drain(EventSink sink, OffsetDateTime dueBy, Duration retryAfter, Duration retryCap, int[] inARow) {
        List<EventOutbox.Stream> streams = outbox.lockDue(sink.name(), dueBy, STREAMS_PER_TRANSACTION);
        List<Done> done = new ArrayList<>();
        List<Runnable> records = new ArrayList<>();
        int delivered = 0;
        boolean stopped = false;
        for (EventOutbox.Stream stream : streams) {
            if (Termination.requested()) {
                break; // SIGTERM: what was delivered is recorded below, the streams not tried are released with the transaction
            }
            if (inARow[0] >= STOP_AFTER) {
                // the streams not tried are released as they were when the transaction ends
                stopped = true;
                break;
            }
            int seq = stream.deliveredSeq();
            String error = null;
            for (OutboxEvent event : outbox.pending(stream.runId(), stream.draftId(), seq)) {
                EventSink.Attempt attempt = sink.deliver(event);
                records.add(() -> outbox.recordDelivery(event.eventNo(), sink.name(), attempt));
                if (!attempt.delivered()) {
                    error = "event " + event.eventId() + " (" + event.type().label() + " of " + event.draftId() + ", run " + event.runId()
                            + "): " + attempt.error();
                    break;
                }
                seq = event.seq();
                delivered++;
            }
            done.add(new Done(stream, seq, error));
            inARow[0] = error == null ? 0 : inARow[0] + 1;
        }
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync sink " + sink.name() + ": " + e.getMessage(), e);
        }
        records.forEach(Runnable::run);
        List<String> errors = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Done d : done) {
            OffsetDateTime next = d.error() == null ? null : now.plus(backoff(retryAfter, retryCap, d.stream().failures()));
            outbox.advance(sink.name(), d.stream(), d.deliveredSeq(), d.error(), next);
            if (d.error() != null) {
                errors.add(d.error());
            }
        }
        return new Batch(streams.size(), delivered, errors, stopped || inARow[0] >= STOP_AFTER);
    }

    /** {@code first} doubled per earlier failure, at most {@code cap}. */
    static Duration backoff(Duration first, Duration cap, int earlierFailures) {
        Duration wait = first;
        for (int i = 0; i < earlierFailures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
