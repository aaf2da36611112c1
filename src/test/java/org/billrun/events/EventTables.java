package org.billrun.events;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties the event tables between tests (the outbox refuses TRUNCATE; replica mode skips its trigger). */
final class EventTables {

    private EventTables() {}

    static void reset(JdbcClient jdbc) {
        jdbc.sql("SET session_replication_role = replica; TRUNCATE event_delivery, event_stream, event_outbox; "
                + "SET session_replication_role = origin").update();
    }
}
