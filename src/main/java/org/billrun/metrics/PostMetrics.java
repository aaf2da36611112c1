package org.billrun.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of {@code billrun post} (docs/metrics.md), exported when the call ends, whatever its outcome: whether it
 * succeeded, how long it took, the postings of every entity by state now, how long the oldest posting not yet final has
 * waited since its approval, and the latency (approval to posted) of each posting this call posted. The counts are the
 * ledger's, not the call's: post runs on a schedule, so each call refreshes them. Never changes the call's outcome.
 */
public final class PostMetrics {

    private static final Logger log = LoggerFactory.getLogger(PostMetrics.class);

    /** Where a call started: by the JVM's clock for its duration, by the database's to find what it posted. */
    public record Call(Instant started, OffsetDateTime databaseStarted) {}

    private final Gauges gauges;
    private final MeterRegistry registry;
    private final PostingQueries postings;
    private final RunMetricsExport export;
    private final Clock clock;

    PostMetrics(Gauges gauges, MeterRegistry registry, PostingQueries postings, RunMetricsExport export, Clock clock) {
        this.gauges = gauges;
        this.registry = registry;
        this.postings = postings;
        this.export = export;
        this.clock = clock;
    }

    /** Marks the start of a post call. */
    public Call start() {
        OffsetDateTime databaseNow = null;
        try {
            databaseNow = postings.databaseNow();
        } catch (RuntimeException e) {
            log.warn("Metrics of this post: cannot read the database's clock ({}); no latencies will be recorded", e.getMessage());
        }
        return new Call(clock.instant(), databaseNow);
    }

    /** Records the call's metrics and exports them; {@code succeeded}: it exits 0. */
    public void finish(Call call, boolean succeeded) {
        try {
            Instant end = clock.instant();
            gauges.set(MetricNames.POST_SUCCESS, "1 when the last billrun post succeeded (exit 0), else 0", Tags.empty(), succeeded ? 1 : 0);
            gauges.set(MetricNames.POST_DURATION, "How long the last billrun post took", Tags.empty(),
                    Duration.between(call.started(), end).toNanos() / 1e9);
            double endSeconds = end.toEpochMilli() / 1e3;
            gauges.set(MetricNames.POST_END, "When the last billrun post ended (Unix time)", Tags.empty(), endSeconds);
            if (succeeded) {
                gauges.set(MetricNames.POST_LAST_SUCCESS, "When a billrun post last succeeded (Unix time)", Tags.empty(), endSeconds);
            }
            try {
                recordLedger(call);
            } catch (RuntimeException e) {
                log.warn("Metrics of this post: cannot read the postings from the database ({}); exporting the rest", e.getMessage());
            }
            export.export("post", false);
        } catch (RuntimeException e) {
            log.warn("Metrics of this post were not exported: {}", e.getMessage());
        }
    }

    private void recordLedger(Call call) {
        Set<Tags> documents = new LinkedHashSet<>();
        for (PostingQueries.StateCount count : postings.countsByState()) {
            documents.add(Tags.of("entity", count.entityId(), "document", count.document()));
        }
        // every state of every entity's documents, zeros included: a state that emptied shows 0, not the count it had
        for (Tags document : documents) {
            for (PostingState state : PostingState.values()) {
                gauges.set(MetricNames.POSTINGS, "Postings by entity, document and state", document.and("state", state.label()), 0);
            }
            gauges.set(MetricNames.POSTINGS_OLDEST_WAITING, "Seconds the oldest posting not yet final has waited since its approval",
                    document, 0);
            latency(document); // a zero count where this call posted nothing, not the last call's
        }
        for (PostingQueries.StateCount count : postings.countsByState()) {
            gauges.set(MetricNames.POSTINGS, "Postings by entity, document and state", Tags.of("entity", count.entityId(), "document",
                    count.document(), "state", count.state().label()), count.count());
        }
        for (PostingQueries.Waiting waiting : postings.oldestWaiting()) {
            gauges.set(MetricNames.POSTINGS_OLDEST_WAITING, "Seconds the oldest posting not yet final has waited since its approval",
                    Tags.of("entity", waiting.entityId(), "document", waiting.document()), waiting.seconds());
        }
        if (call.databaseStarted() != null) {
            for (PostingQueries.Latency posted : postings.postedSince(call.databaseStarted())) {
                latency(Tags.of("entity", posted.entityId(), "document", posted.document())).record(posted.latency());
            }
        }
    }

    private Timer latency(Tags tags) {
        return Timer.builder(MetricNames.POSTING_LATENCY).description("Approval to posted, of the postings the last billrun post posted")
                .tags(tags).register(registry);
    }
}
