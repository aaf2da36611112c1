-- Client delivery (issue 16): one row per invoice version and channel, so that a retry never sends twice.
-- A row is inserted as 'sending' before the mail goes out and becomes 'sent' (with the Message-ID the SMTP
-- server accepted) or 'failed' (nothing was accepted: the next `billrun deliver` tries again). A row left
-- 'sending' by a process that died is never sent again on its own: a person checks the mailbox first.
-- 'bounced' is for a bounce reported later against the Message-ID.
CREATE TABLE delivery (
    delivery_id bigserial PRIMARY KEY,
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    entity_id text NOT NULL,
    final_number text NOT NULL,
    version_no integer NOT NULL,
    channel text NOT NULL CONSTRAINT delivery_channel_check CHECK (channel IN ('email')),
    recipients text NOT NULL,
    status text NOT NULL
        CONSTRAINT delivery_status_check CHECK (status IN ('sending', 'sent', 'failed', 'bounced')),
    message_id text,
    attempts integer NOT NULL DEFAULT 1,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at timestamptz,
    UNIQUE (posting_id, channel)
);
CREATE INDEX delivery_status ON delivery (status);
