package org.billrun.events;

import java.io.IOException;

/**
 * Where published events go: a JSON-lines file, a webhook. The publisher hands a sink one invoice's
 * events in order and stops at the first that fails; before it records events as delivered it calls
 * {@link #flush()}, so that what it records is durable at the sink.
 */
public interface EventSink extends AutoCloseable {

    /** How one event's delivery went: the attempts it took and, when it failed, why. */
    record Attempt(boolean delivered, int attempts, String error) {
        static Attempt ok(int attempts) {
            return new Attempt(true, attempts, null);
        }

        static Attempt failed(int attempts, String error) {
            return new Attempt(false, attempts, error);
        }
    }

    /** The sink's name in the configuration; delivery state is kept per name. */
    String name();

    /** Delivers one event, retrying as the sink is configured to; never throws for a failed delivery. */
    Attempt deliver(OutboxEvent event);

    /** Makes what was delivered durable (fsync for a file); called before deliveries are recorded. */
    default void flush() throws IOException {}

    @Override
    default void close() throws IOException {}
}
