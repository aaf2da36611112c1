package org.billrun.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery ledger (V22, V38): one row per invoice version and channel, claimed before a mail goes out or a
 * file is written; and the bounces read back (delivery_bounce), matched to their delivery or kept unmatched.
 */
@Component
public class DeliveryQueries {

    /** One delivery as `billrun deliveries` lists it. */
    public record Delivery(long deliveryId, String entityId, String finalNumber, int versionNo, String channel, String recipients,
            DeliveryStatus status, String messageId, int attempts, String lastError, OffsetDateTime sentAt, OffsetDateTime bouncedAt,
            String bounceDiagnostic) {}

    /** One delivery status notification as it was read: which delivery it matched (null: none) and what it said. */
    public record Bounce(long bounceId, String source, String originalMessageId, Long deliveryId, String finalNumber, String action,
            String diagnostic, OffsetDateTime readAt) {}

    private static final String DELIVERY_COLUMNS = "delivery_id, entity_id, final_number, version_no, channel, recipients, status,"
            + " message_id, attempts, last_error, sent_at, bounced_at, bounce_diagnostic";

    private final JdbcClient jdbc;

    DeliveryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the posting's delivery by {@code channel}: a new row, or a failed one tried again. Empty when it was
     * sent, bounced, or is being sent (or its sender died): those are never sent again.
     */
    Optional<Long> claim(long postingId, String entityId, String finalNumber, int versionNo, DeliveryChannel channel, String recipients) {
        return jdbc.sql("""
                INSERT INTO delivery (posting_id, entity_id, final_number, version_no, channel, recipients, status)
                VALUES (?, ?, ?, ?, ?, ?, 'sending')
                ON CONFLICT (posting_id, channel) DO UPDATE SET status = 'sending', attempts = delivery.attempts + 1,
                    recipients = EXCLUDED.recipients, updated_at = clock_timestamp()
                WHERE delivery.status = 'failed'
                RETURNING delivery_id""")
                .params(postingId, entityId, finalNumber, versionNo, channel.label(), recipients).query(Long.class).optional();
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
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery WHERE (CAST(? AS text) IS NULL OR status = ?) ORDER BY delivery_id DESC")
                .params(status == null ? null : status.label(), status == null ? null : status.label())
                .query((rs, i) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), DeliveryStatus.of(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), rs.getString(13)))
                .list();
    }

    /** The e-mail delivery whose mail had this Message-ID. */
    Optional<Long> byMessageId(String messageId) {
        return jdbc.sql("SELECT delivery_id FROM delivery WHERE message_id = ? AND channel = 'email' ORDER BY delivery_id LIMIT 1")
                .param(messageId).query(Long.class).optional();
    }

    Optional<String> finalNumber(long deliveryId) {
        return jdbc.sql("SELECT final_number FROM delivery WHERE delivery_id = ?").param(deliveryId).query(String.class).optional();
    }

    /**
     * Keeps a notification read from {@code source}; false when one with the same key was read before (nothing
     * changes then). {@code deliveryId} null: it matched no delivery.
     */
    boolean keepBounce(DeliveryStatusNotification dsn, String source, Long deliveryId) {
        return jdbc.sql("""
                INSERT INTO delivery_bounce (dsn_key, source, original_message_id, delivery_id, action, recipient, status_code, diagnostic)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dsn_key) DO NOTHING""")
                .params(dsn.key(), source, dsn.originalMessageId(), deliveryId, dsn.action(),
                        dsn.recipients().get(0).recipient(), dsn.recipients().get(0).status(), dsn.diagnostic())
                .update() == 1;
    }

    /** A delivery marked bounced: the invoice and the run that drafted it, for the audit entry. */
    record BouncedMail(String finalNumber, String recipients, long runId) {}

    /** Marks a sent mail bounced with the reporting server's diagnostic, added to any an earlier bounce of it recorded. */
    BouncedMail bounced(long deliveryId, String diagnostic) {
        return jdbc.sql("""
                UPDATE delivery d SET status = 'bounced', bounced_at = coalesce(d.bounced_at, clock_timestamp()),
                    bounce_diagnostic = concat_ws('; ', d.bounce_diagnostic, CAST(? AS text)), updated_at = clock_timestamp()
                FROM posting p WHERE p.posting_id = d.posting_id AND d.delivery_id = ?
                RETURNING d.final_number, d.recipients, p.run_id""").params(diagnostic, deliveryId)
                .query((rs, i) -> new BouncedMail(rs.getString(1), rs.getString(2), rs.getLong(3))).single();
    }

    /** The notifications read, newest first; {@code unmatchedOnly}: those that matched no delivery. */
    public List<Bounce> bounces(boolean unmatchedOnly) {
        return jdbc.sql("""
                SELECT b.bounce_id, b.source, b.original_message_id, b.delivery_id, d.final_number, b.action, b.diagnostic, b.read_at
                FROM delivery_bounce b LEFT JOIN delivery d ON d.delivery_id = b.delivery_id
                WHERE NOT ? OR b.delivery_id IS NULL ORDER BY b.bounce_id DESC""")
                .param(unmatchedOnly)
                .query((rs, i) -> new Bounce(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }
}
