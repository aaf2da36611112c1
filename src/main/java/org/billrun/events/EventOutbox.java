package org.billrun.events;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The event tables of V21: the outbox the triggers fill, and the delivery state per sink (event_stream per
 * invoice, event_delivery per event). Other stages read them only through this class.
 */
@Repository
public class EventOutbox {

    /** One invoice's stream of events at one sink, as far as the sink has it. */
    record Stream(long runId, String draftId, int deliveredSeq, int failures) {}

    /** One line of {@code billrun events list}. */
    public record Listed(long eventNo, String eventId, EventType type, long runId, String draftId, int seq, int versionNo,
            String finalNumber, OffsetDateTime createdAt, String sink, String state, Integer attempts, String lastError) {}

    private final JdbcClient jdbc;

    EventOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts a stream at {@code sink} for every invoice with events that has none there yet. */
    int openStreams(String sink) {
        return jdbc.sql("""
                INSERT INTO event_stream (sink, run_id, draft_id)
                SELECT DISTINCT ?, o.run_id, o.draft_id FROM event_outbox o
                WHERE NOT EXISTS (SELECT 1 FROM event_stream s WHERE s.sink = ? AND s.run_id = o.run_id AND s.draft_id = o.draft_id)
                ON CONFLICT DO NOTHING""").params(sink, sink).update();
    }

    /**
     * Locks up to {@code limit} streams of {@code sink} with events to deliver and due by {@code dueBy} (a stream
     * that failed waits for its next attempt), oldest pending event first. Streams another publisher holds
     * are skipped, so each invoice is drained by one publisher at a time.
     */
    List<Stream> lockDue(String sink, OffsetDateTime dueBy, int limit) {
        return jdbc.sql("""
                SELECT s.run_id, s.draft_id, s.delivered_seq, s.failures FROM event_stream s
                WHERE s.sink = ? AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?)
                  AND EXISTS (SELECT 1 FROM event_outbox o WHERE o.run_id = s.run_id AND o.draft_id = s.draft_id AND o.seq > s.delivered_seq)
                ORDER BY (SELECT min(o.event_no) FROM event_outbox o
                          WHERE o.run_id = s.run_id AND o.draft_id = s.draft_id AND o.seq > s.delivered_seq)
                LIMIT ? FOR UPDATE OF s SKIP LOCKED""")
                .params(sink, dueBy, limit)
                .query((rs, i) -> new Stream(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /** The events of one invoice after {@code afterSeq}, in order. */
    List<OutboxEvent> pending(long runId, String draftId, int afterSeq) {
        return jdbc.sql("""
                SELECT event_no, event_id::text, run_id, draft_id, seq, type, created_at, payload::text FROM event_outbox
                WHERE run_id = ? AND draft_id = ? AND seq > ? ORDER BY seq""")
                .params(runId, draftId, afterSeq)
                .query((rs, i) -> new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        EventType.of(rs.getString(6)), rs.getObject(7, OffsetDateTime.class), rs.getString(8)))
                .list();
    }

    /** Records one event's delivery attempts at a sink (attempts add up over publishes). */
    void recordDelivery(long eventNo, String sink, EventSink.Attempt attempt) {
        jdbc.sql("""
                INSERT INTO event_delivery (event_no, sink, state, attempts, last_error, last_attempt_at, delivered_at)
                VALUES (?, ?, ?, ?, ?, clock_timestamp(), CASE WHEN ? THEN clock_timestamp() END)
                ON CONFLICT (event_no, sink) DO UPDATE SET state = EXCLUDED.state, attempts = event_delivery.attempts + EXCLUDED.attempts,
                    last_error = EXCLUDED.last_error, last_attempt_at = EXCLUDED.last_attempt_at, delivered_at = EXCLUDED.delivered_at""")
                .params(eventNo, sink, (attempt.delivered() ? DeliveryState.DELIVERED : DeliveryState.FAILED).label(), attempt.attempts(),
                        attempt.error(), attempt.delivered())
                .update();
    }

    /** Moves a stream on to {@code deliveredSeq}; with an error, it waits until {@code nextAttempt}. */
    void advance(String sink, Stream stream, int deliveredSeq, String error, OffsetDateTime nextAttempt) {
        jdbc.sql("""
                UPDATE event_stream SET delivered_seq = ?, failures = CASE WHEN ?::text IS NULL THEN 0 ELSE failures + 1 END,
                    last_error = ?::text, next_attempt_at = ?, updated_at = clock_timestamp()
                WHERE sink = ? AND run_id = ? AND draft_id = ?""")
                .params(deliveredSeq, error, error, nextAttempt, sink, stream.runId(), stream.draftId())
                .update();
    }

    /** Events not yet delivered to {@code sink}. */
    public long undelivered(String sink) {
        return jdbc.sql("""
                SELECT count(*) FROM event_outbox o
                WHERE o.seq > coalesce((SELECT s.delivered_seq FROM event_stream s
                                        WHERE s.sink = ? AND s.run_id = o.run_id AND s.draft_id = o.draft_id), 0)""")
                .param(sink).query(Long.class).single();
    }

    /** The latest events, newest first, with their state at {@code sink}. */
    public List<Listed> list(String sink, String draftId, int limit) {
        return jdbc.sql("""
                SELECT o.event_no, o.event_id::text, o.type, o.run_id, o.draft_id, o.seq, o.version_no, o.final_number, o.created_at,
                       ?::text, d.state, d.attempts, d.last_error
                FROM event_outbox o LEFT JOIN event_delivery d ON d.event_no = o.event_no AND d.sink = ?
                WHERE ?::text IS NULL OR o.draft_id = ?
                ORDER BY o.event_no DESC LIMIT ?""")
                .params(sink, sink, draftId, draftId, limit)
                .query((rs, i) -> new Listed(rs.getLong(1), rs.getString(2), EventType.of(rs.getString(3)), rs.getLong(4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
                        rs.getString(11), (Integer) rs.getObject(12), rs.getString(13)))
                .list();
    }
}
