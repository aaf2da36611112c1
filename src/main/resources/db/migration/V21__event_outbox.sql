-- Status events (docs/events.md): every state change of an invoice inserts an event into the outbox in the
-- same transaction as the change, by a trigger, so that no code path (the service, a script, a future
-- stage) can change a state without its event. `billrun events publish` (org.billrun.events) drains the
-- outbox to the configured sinks, at least once and in order per invoice.
--
-- An invoice here is a draft of a run (run_id, draft_id) across its versions; seq numbers its events
-- 1, 2, 3... in the order they happened. event_id is deterministic (a name-based id from run, draft and
-- seq), so a re-published event keeps its id and consumers dedupe by it.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   event_outbox.type          events.EventType
--   event_delivery.state       events.DeliveryState

CREATE TABLE event_outbox (
    event_no bigserial PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    seq integer NOT NULL CHECK (seq >= 1),
    type text NOT NULL CONSTRAINT event_outbox_type_check
        CHECK (type IN ('created', 'adjusted', 'approved', 'rejected', 'posted', 'posting_failed')),
    version_no integer NOT NULL,
    entity_id text NOT NULL,
    final_number text,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (run_id, draft_id, seq)
);

-- Events are facts: never changed or removed (the delivery state lives in the two tables below).
CREATE TRIGGER event_outbox_append_only BEFORE UPDATE OR DELETE ON event_outbox
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER event_outbox_no_truncate BEFORE TRUNCATE ON event_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION approval_append_only();

-- Per sink and invoice: how far the sink has the invoice's events (delivered_seq), and when a failed one
-- is tried again. The publisher locks these rows (FOR UPDATE SKIP LOCKED): one publisher per invoice and
-- sink at a time, so a later event never overtakes an earlier one.
CREATE TABLE event_stream (
    sink text NOT NULL,
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    delivered_seq integer NOT NULL DEFAULT 0,
    failures integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error text,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (sink, run_id, draft_id)
);

-- Per event and sink: attempts, the outcome and the last error.
CREATE TABLE event_delivery (
    event_no bigint NOT NULL REFERENCES event_outbox (event_no),
    sink text NOT NULL,
    state text NOT NULL CONSTRAINT event_delivery_state_check CHECK (state IN ('delivered', 'failed')),
    attempts integer NOT NULL,
    last_error text,
    last_attempt_at timestamptz NOT NULL,
    delivered_at timestamptz,
    PRIMARY KEY (event_no, sink)
);

-- Adds one event of the invoice version p_version_id. The invoice's events are numbered under a
-- transaction-scoped advisory lock, so two transactions adding events to one invoice cannot take the same
-- seq; the payload is the whole event as published (docs/events.md, "Schema").
CREATE FUNCTION event_outbox_add(p_type text, p_version_id bigint, p_final_number text, p_data jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v invoice_version;
    next_seq integer;
    id uuid;
    at timestamptz := clock_timestamp();
    no bigint;
BEGIN
    SELECT * INTO v FROM invoice_version WHERE version_id = p_version_id;
    IF v.version_id IS NULL THEN
        RAISE EXCEPTION 'event outbox: no invoice version %', p_version_id;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('billrun.event:' || v.run_id || ':' || v.draft_id, 0));
    SELECT coalesce(max(seq), 0) + 1 INTO next_seq FROM event_outbox WHERE run_id = v.run_id AND draft_id = v.draft_id;
    id := md5('billrun.event:' || v.run_id || ':' || v.draft_id || ':' || next_seq)::uuid;
    INSERT INTO event_outbox (event_id, run_id, draft_id, seq, type, version_no, entity_id, final_number, payload, created_at)
    VALUES (id, v.run_id, v.draft_id, next_seq, p_type, v.version_no, v.entity_id, p_final_number,
            jsonb_build_object(
                'schema', 'billrun.invoice-event/1',
                'event_id', id,
                'type', p_type,
                'sequence', next_seq,
                'occurred_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'invoice', jsonb_build_object(
                    'run_id', v.run_id,
                    'draft_id', v.draft_id,
                    'version_no', v.version_no,
                    'entity_id', v.entity_id,
                    'final_number', p_final_number,
                    'currency', v.currency,
                    'net', v.net::text,
                    'tax', v.tax::text,
                    'gross', v.gross::text,
                    'state', v.state),
                'data', coalesce(p_data, '{}'::jsonb)),
            at)
    RETURNING event_no INTO no;
    RETURN no;
END
$$;

-- The states of invoice_version: a new version 1 is created (in review), a later one is an adjustment
-- (the version it replaces becomes 'replaced' in the same transaction: that is not an event of its own);
-- a version approved or rejected.
CREATE FUNCTION event_from_invoice_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a approval_action;
    before_gross numeric;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.version_no = 1 THEN
            PERFORM event_outbox_add('created', NEW.version_id, NULL,
                jsonb_build_object('by', NEW.prepared_by, 'straight_through', NEW.straight_through));
        ELSE
            SELECT gross INTO before_gross FROM invoice_version
            WHERE run_id = NEW.run_id AND draft_id = NEW.draft_id AND version_no = NEW.version_no - 1;
            PERFORM event_outbox_add('adjusted', NEW.version_id, NULL,
                jsonb_build_object('by', NEW.prepared_by, 'reason', NEW.reason_code, 'comment', NEW.comment,
                                   'gross_before', before_gross::text));
        END IF;
        RETURN NULL;
    END IF;
    -- the action that decided it (approve and reject record it before they move the version)
    SELECT * INTO a FROM approval_action WHERE version_id = NEW.version_id ORDER BY action_id DESC LIMIT 1;
    PERFORM event_outbox_add(NEW.state, NEW.version_id, NULL,
        jsonb_build_object('by', NEW.decided_by, 'action', a.action, 'rule', a.rule,
                           'reason', a.reason, 'comment', a.comment));
    RETURN NULL;
END
$$;
CREATE TRIGGER event_from_invoice_version_insert AFTER INSERT ON invoice_version
    FOR EACH ROW EXECUTE FUNCTION event_from_invoice_version();
CREATE TRIGGER event_from_invoice_version_decided AFTER UPDATE OF state ON invoice_version
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state IN ('approved', 'rejected'))
    EXECUTE FUNCTION event_from_invoice_version();

-- For the tables of later stages (posting, credit): an AFTER trigger on any table whose rows name an
-- invoice version, by version_id or by (run_id, draft_id, version_no), adds an event of the type given as
-- the trigger's first argument. A final_number column, when the row has one, becomes the invoice's final
-- number; the second argument lists further columns (comma-separated) copied into the event's data. An
-- UPDATE that leaves a state column as it was adds no event.
-- Example (docs/events.md, "Posting events"):
--   CREATE TRIGGER event_posted AFTER INSERT OR UPDATE OF state ON posting FOR EACH ROW
--       WHEN (NEW.state = 'posted') EXECUTE FUNCTION event_from_row('posted', 'erp_document_id');
CREATE FUNCTION event_from_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := to_jsonb(NEW);
    vid bigint;
    data jsonb := jsonb_build_object('source', TG_TABLE_NAME);
    col text;
BEGIN
    -- a row with a state column makes one event per change of state, not one per update
    IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) -> 'state') IS NOT DISTINCT FROM (r -> 'state') THEN
        RETURN NULL;
    END IF;
    vid := (r ->> 'version_id')::bigint;
    IF vid IS NULL THEN
        SELECT version_id INTO vid FROM invoice_version
        WHERE run_id = (r ->> 'run_id')::bigint AND draft_id = r ->> 'draft_id' AND version_no = (r ->> 'version_no')::integer;
    END IF;
    IF vid IS NULL THEN
        RAISE EXCEPTION 'event outbox: a row of % names no invoice version (version_id, or run_id, draft_id and version_no)', TG_TABLE_NAME;
    END IF;
    IF TG_NARGS > 1 THEN
        FOREACH col IN ARRAY string_to_array(TG_ARGV[1], ',') LOOP
            data := data || jsonb_build_object(btrim(col), r -> btrim(col));
        END LOOP;
    END IF;
    PERFORM event_outbox_add(TG_ARGV[0], vid, r ->> 'final_number', data);
    RETURN NULL;
END
$$;
