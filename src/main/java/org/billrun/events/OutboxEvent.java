package org.billrun.events;

import java.time.OffsetDateTime;

/**
 * One event of the outbox as a sink receives it: {@code payload} is the whole event as JSON
 * (docs/events.md, "Schema"), the rest says where it belongs.
 *
 * @param eventNo the outbox's row number (its order of insertion)
 * @param eventId stable across re-publishing: consumers dedupe by it
 * @param seq the event's place among its invoice's events, from 1
 */
public record OutboxEvent(long eventNo, String eventId, long runId, String draftId, int seq, EventType type, OffsetDateTime createdAt,
        String payload) {}
