-- Client delivery (issue 16, docs/delivery.md): a delivery channel per client, the final documents kept
-- whatever the ERP adapter, a Peppol channel in the delivery ledger, and the bounces read back.

-- clients.csv delivery_channel: 'email', 'peppol' or 'both'; optional, so an export without it still loads
-- (empty: e-mail when the client has an address, as before the column existed).
ALTER TABLE client ADD COLUMN delivery_channel text;

-- the view's "x.*" was expanded when it was created: replace it to take the new column in
CREATE OR REPLACE VIEW current_client AS
    SELECT x.* FROM client x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- The final PDF and UBL of a posting as the post job built them for the ERP adapter (REST and Tryton write
-- no files): delivery attaches these bytes, so it works whichever adapter posted the invoice. Kept from the
-- last assembly sent; the same version, number and date give the same documents (invariant 4).
CREATE TABLE posting_document (
    posting_id bigint PRIMARY KEY REFERENCES posting (posting_id),
    pdf bytea,
    ubl_xml bytea,
    pdf_sha256 text,
    ubl_sha256 text,
    stored_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- 'peppol': the UBL written to the Peppol access point's outbox folder, once per invoice version
SELECT billrun_widen_check('delivery', 'delivery_channel_check', 'channel', ARRAY['peppol']);

-- a bounce recorded against a sent mail: when, and what the reporting server said; audited (audit.AuditAction)
SELECT billrun_widen_check('audit_log', 'audit_log_action_check', 'action', ARRAY['delivery_bounced']);
ALTER TABLE delivery
    ADD COLUMN bounced_at timestamptz,
    ADD COLUMN bounce_diagnostic text;

-- Every delivery status notification (RFC 3464) `billrun deliveries bounces` read, matched or not: reading
-- the same one again changes nothing (its key: its own Message-ID, else the SHA-256 of the file), and one
-- that matched no delivery stays here for finance (billrun exceptions) instead of being lost.
CREATE TABLE delivery_bounce (
    bounce_id bigserial PRIMARY KEY,
    dsn_key text NOT NULL UNIQUE,
    source text NOT NULL,
    original_message_id text,
    delivery_id bigint REFERENCES delivery (delivery_id),
    action text NOT NULL,
    recipient text,
    status_code text,
    diagnostic text,
    read_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX delivery_bounce_unmatched ON delivery_bounce (bounce_id) WHERE delivery_id IS NULL;
CREATE INDEX delivery_message_id ON delivery (message_id);
