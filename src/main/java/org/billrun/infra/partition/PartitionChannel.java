package org.billrun.infra.partition;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The queue of partitions waiting for a worker: Spring Integration's JDBC channel message store on the
 * shared PostgreSQL (V34). A manager adds one message per partition, in the shape Spring Batch's
 * MessageChannelPartitionHandler sends (a {@link StepExecutionRequest}, correlated by job execution
 * and step); a worker's PostgresSubscribableChannel takes them one at a time
 * (DELETE ... FOR UPDATE SKIP LOCKED), woken by the table's NOTIFY trigger.
 */
@Component
public class PartitionChannel {

    static final String REGION = "billrun";
    static final String GROUP = "partitions";

    /** The only classes a worker deserializes from the table: the message, its headers and the request. */
    private static final String[] ALLOWED_CLASSES = {"java.lang.*", "java.util.*",
            "org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
            StepExecutionRequest.class.getName()};

    private final JdbcChannelMessageStore store;
    private final JdbcClient jdbc;

    PartitionChannel(DataSource dataSource, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        store.addAllowedPatterns(ALLOWED_CLASSES);
        store.afterPropertiesSet();
    }

    JdbcChannelMessageStore store() {
        return store;
    }

    /** Queues the partition for any worker; returns the message id, by which {@link #queued} finds it. */
    UUID send(StepExecutionRequest request, long jobExecutionId, int sequenceNumber, int sequenceSize) {
        Message<StepExecutionRequest> message = MessageBuilder.withPayload(request)
                .setSequenceNumber(sequenceNumber)
                .setSequenceSize(sequenceSize)
                .setCorrelationId(jobExecutionId + ":" + request.getStepName())
                .build();
        store.addMessageToGroup(GROUP, message);
        return message.getHeaders().getId();
    }

    /** Whether the message still waits for a worker (no worker has taken it yet). */
    boolean queued(UUID messageId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM int_channel_message WHERE region = ? AND group_key = ? AND message_id = ?)")
                .params(REGION, groupKey(), messageId.toString())
                .query(Boolean.class).single();
    }

    /** Takes a message back before any worker has it (a stopping run); false when a worker took it already. */
    boolean withdraw(UUID messageId) {
        return jdbc.sql("DELETE FROM int_channel_message WHERE region = ? AND group_key = ? AND message_id = ?")
                .params(REGION, groupKey(), messageId.toString())
                .update() > 0;
    }

    /** How many partitions of any run wait for a worker. */
    int waiting() {
        return store.messageGroupSize(GROUP);
    }

    private static String groupKey() {
        return UUIDConverter.getUUID(GROUP).toString();
    }
}
