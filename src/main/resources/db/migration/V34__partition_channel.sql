-- Remote partitioning (docs/scale-out.md): the month-end's partitions travel to `billrun worker` processes as
-- Spring Integration messages kept in this database. The table and sequence are spring-integration-jdbc's
-- INT_CHANNEL_MESSAGE for PostgreSQL (JdbcChannelMessageStore; workers take a message with
-- DELETE ... FOR UPDATE SKIP LOCKED, so each partition goes to one worker), and the trigger, commented out in
-- its schema-postgresql.sql, wakes the workers' PostgresChannelMessageTableSubscriber (LISTEN) on every insert.
-- Which partitions finished is in the Spring Batch job repository (V1), never here.
CREATE SEQUENCE int_message_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE int_channel_message (
    message_id       CHAR(36)     NOT NULL,
    group_key        CHAR(36)     NOT NULL,
    created_date     BIGINT       NOT NULL,
    message_priority BIGINT,
    message_sequence BIGINT       NOT NULL DEFAULT nextval('int_message_seq'),
    message_content  BYTEA,
    region           VARCHAR(100) NOT NULL,
    CONSTRAINT int_channel_message_pk PRIMARY KEY (region, group_key, created_date, message_sequence)
);

CREATE INDEX int_channel_msg_delete_idx ON int_channel_message (region, group_key, message_id);

CREATE FUNCTION int_channel_message_notify_fct() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('int_channel_message_notify', NEW.region || ' ' || NEW.group_key);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER int_channel_message_notify_trg AFTER INSERT ON int_channel_message
    FOR EACH ROW EXECUTE FUNCTION int_channel_message_notify_fct();
