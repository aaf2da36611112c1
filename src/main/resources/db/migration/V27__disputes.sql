-- Disputes (docs/disputes.md): a client's objection to a final invoice, or to some of its lines, as
-- `billrun disputes open` or `billrun events import` records it; how it was classified (the reason
-- classifier's suggestion with the words that decided it, and the class a person confirmed or chose) and
-- how it was resolved (credit, rebill or rejected). org.billrun.disputes owns the table.
--
-- A dispute names the invoice version the client holds (version_id, run_id, draft_id, version_no, the
-- final number): the event outbox's generic trigger (V21, event_from_row) makes a `disputed` event when a
-- dispute is opened and a `dispute_resolved` event when it is resolved, in the same transaction.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   dispute.state             disputes.DisputeState
--   dispute.suggested_reason  assist.reason.DisputeReason (as its code)
--   dispute.reason            assist.reason.DisputeReason (as its code)
--   event_outbox.type         events.EventType            (widened)
--   audit_log.action          audit.AuditAction           (widened)

CREATE TABLE dispute (
    dispute_id bigserial PRIMARY KEY,
    version_id bigint NOT NULL,
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    version_no integer NOT NULL,
    entity_id text NOT NULL,
    client_id text NOT NULL,
    -- the invoice's contract and period: the dispute history the risk score reads (docs/assistance.md)
    contract_id text NOT NULL,
    period text NOT NULL,
    final_number text NOT NULL,
    currency text NOT NULL,
    -- the disputed lines (empty: the whole invoice)
    lines integer[] NOT NULL DEFAULT '{}',
    reason_text text NOT NULL,
    -- where it came from: 'cli' or the import's source, and the source's own reference (an import of the
    -- same notice twice opens one dispute)
    source text NOT NULL DEFAULT 'cli',
    external_ref text,
    suggested_reason text CONSTRAINT dispute_suggested_reason_check
        CHECK (suggested_reason IN ('rate', 'hours', 'scope', 'duplicate', 'expense_policy', 'missing_evidence', 'tax', 'other')),
    suggested_confidence numeric(5,4),
    suggestion text,
    -- the class a person confirmed or chose (null until then)
    reason text CONSTRAINT dispute_reason_check
        CHECK (reason IN ('rate', 'hours', 'scope', 'duplicate', 'expense_policy', 'missing_evidence', 'tax', 'other')),
    classified_by text,
    classified_at timestamptz,
    state text NOT NULL DEFAULT 'open'
        CONSTRAINT dispute_state_check CHECK (state IN ('open', 'credited', 'rebilled', 'rejected')),
    opened_by text NOT NULL,
    opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    resolved_by text,
    resolved_at timestamptz,
    resolution_comment text,
    -- the credit memo a credit or rebill issued (its final number)
    credit_number text,
    CHECK ((state = 'open') = (resolved_at IS NULL)),
    UNIQUE (source, external_ref)
);
CREATE INDEX dispute_final_number ON dispute (final_number);
CREATE INDEX dispute_client ON dispute (client_id, opened_at);
CREATE INDEX dispute_contract ON dispute (contract_id, period);
CREATE INDEX dispute_open ON dispute (state) WHERE state = 'open';

CREATE TRIGGER event_disputed AFTER INSERT ON dispute FOR EACH ROW
    EXECUTE FUNCTION event_from_row('disputed', 'dispute_id,lines,reason_text,suggested_reason,opened_by,source,external_ref');
CREATE TRIGGER event_dispute_resolved AFTER UPDATE OF state ON dispute FOR EACH ROW
    WHEN (OLD.state = 'open' AND NEW.state <> 'open')
    EXECUTE FUNCTION event_from_row('dispute_resolved', 'dispute_id,state,reason,resolved_by,resolution_comment,credit_number');

-- Widen the event types and the audit actions: added to whatever the constraints allow now, so that this
-- migration and another stage's that widens them too (credit) can run in either order.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'event_outbox_type_check'
        UNION SELECT unnest(ARRAY['disputed', 'dispute_resolved'])) x;
    ALTER TABLE event_outbox DROP CONSTRAINT event_outbox_type_check;
    EXECUTE 'ALTER TABLE event_outbox ADD CONSTRAINT event_outbox_type_check CHECK (type IN (' || allowed || '))';

    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'audit_log_action_check'
        UNION SELECT unnest(ARRAY['dispute_opened', 'dispute_classified', 'dispute_resolved'])) x;
    ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
    EXECUTE 'ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (' || allowed || '))';
END
$$;
