package org.billrun.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The delivery ledger (V22): one row per invoice version and channel; claimed before a mail goes out. */
@Component
public class DeliveryQueries {

    /** One delivery as `billrun deliveries` lists it. */
    public record Delivery(long deliveryId, String entityId, String finalNumber, int versionNo, String channel, String recipients,
            DeliveryStatus status, String messageId, int attempts, String lastError, OffsetDateTime sentAt) {}

    private final JdbcClient jdbc;

    DeliveryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the posting's e-mail delivery: a new row, or a failed one tried again. Empty when it was sent,
     * bounced, or is being sent (or its sender died): those are never sent again.
     */
    Optional<Long> claim(long postingId, String entityId, String finalNumber, int versionNo, String recipients) {
        return jdbc.sql("""
                INSERT INTO delivery (posting_id, entity_id, final_number, version_no, channel, recipients, status)
                VALUES (?, ?, ?, ?, 'email', ?, 'sending')
                ON CONFLICT (posting_id, channel) DO UPDATE SET status = 'sending', attempts = delivery.attempts + 1,
                    recipients = EXCLUDED.recipients, updated_at = clock_timestamp()
                WHERE delivery.status = 'failed'
                RETURNING delivery_id""")
                .params(postingId, entityId, finalNumber, versionNo, recipients).query(Long.class).optional();
    }

    void sent(long deliveryId, String messageId) {
        jdbc.sql("UPDATE delivery SET status = 'sent', message_id = ?, last_error = NULL, sent_at = clock_timestamp(),"
                + " updated_at = clock_timestamp() WHERE delivery_id = ?").params(messageId, deliveryId).update();
    }

    void failed(long deliveryId, String error) {
        jdbc.sql("UPDATE delivery SET status = 'failed', last_error = ?, updated_at = clock_timestamp() WHERE delivery_id = ?")
                .params(error, deliveryId).update();
    }

    /** The deliveries, newest first; {@code status} narrows them (null: all). */
    public List<Delivery> deliveries(DeliveryStatus status) {
        return jdbc.sql("""
                SELECT delivery_id, entity_id, final_number, version_no, channel, recipients, status, message_id, attempts, last_error, sent_at
                FROM delivery WHERE (CAST(? AS text) IS NULL OR status = ?) ORDER BY delivery_id DESC""")
                .params(status == null ? null : status.label(), status == null ? null : status.label())
                .query((rs, i) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), DeliveryStatus.of(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class)))
                .list();
    }
}
