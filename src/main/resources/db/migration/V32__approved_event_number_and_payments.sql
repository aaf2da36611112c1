-- The `approved` event carries the invoice's final number (docs/events.md). Approval changes the version's
-- state first and then, in the same transaction, takes the final number and inserts the posting row
-- (ApprovalService, PostingQueries.enqueue): an immediate trigger on the state change saw no number yet and
-- published `final_number: null`. The approved event is now made by a constraint trigger deferred to the end
-- of the approval's transaction, when the posting row is there; it is still in that transaction (a rollback
-- leaves no event) and still numbered after the invoice's earlier events. `rejected` stays immediate.
CREATE FUNCTION event_from_approval() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a approval_action;
    number text;
    now_state text;
BEGIN
    -- the state at the end of the transaction: a version approved and changed again before commit is not approved
    SELECT state INTO now_state FROM invoice_version WHERE version_id = NEW.version_id;
    IF now_state IS DISTINCT FROM 'approved' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO a FROM approval_action WHERE version_id = NEW.version_id ORDER BY action_id DESC LIMIT 1;
    SELECT final_number INTO number FROM posting WHERE version_id = NEW.version_id;
    PERFORM event_outbox_add('approved', NEW.version_id, number,
        jsonb_build_object('by', NEW.decided_by, 'action', a.action, 'rule', a.rule, 'reason', a.reason, 'comment', a.comment));
    RETURN NULL;
END
$$;

DROP TRIGGER event_from_invoice_version_decided ON invoice_version;
CREATE TRIGGER event_from_invoice_version_rejected AFTER UPDATE OF state ON invoice_version
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state = 'rejected')
    EXECUTE FUNCTION event_from_invoice_version();
CREATE CONSTRAINT TRIGGER event_from_invoice_version_approved AFTER UPDATE OF state ON invoice_version
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state = 'approved')
    EXECUTE FUNCTION event_from_approval();

-- Payments and dispute notices coming back from the PSA, CRM or bank (`billrun events import FILE`,
-- docs/events.md, "Importing payments and dispute notices"; org.billrun.events.inbound). A row of the file
-- is known by its import key: the source's own id for it, or the file's SHA-256 and line when it has none;
-- importing the same row again records nothing new.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   payment.invoice_state            events.inbound.PaymentState
--   inbound_exception.kind           events.inbound.InboundKind
--   inbound_exception.rule_code      events.inbound.InboundRule
--   inbound_exception.status         events.inbound.InboundExceptionStatus
--   event_outbox.type                events.EventType (widened)

-- One row per payment recorded against an invoice (a final number). paid_total is the invoice's payments
-- up to and including this one, invoice_state what that makes the invoice. Facts: never changed or removed.
CREATE TABLE payment (
    payment_id bigserial PRIMARY KEY,
    import_key text NOT NULL UNIQUE,
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    version_id bigint NOT NULL,
    final_number text NOT NULL,
    amount numeric(19,4) NOT NULL CHECK (amount > 0),
    currency text NOT NULL,
    paid_on date NOT NULL,
    reference text,
    paid_total numeric(19,4) NOT NULL,
    invoice_state text NOT NULL CONSTRAINT payment_state_check CHECK (invoice_state IN ('paid', 'partially_paid')),
    source_file text NOT NULL,
    source_sha256 text NOT NULL,
    line_no integer NOT NULL,
    imported_by text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX payment_posting ON payment (posting_id);
CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();

-- A row finance has to look at: no invoice with that number, another currency, an amount that cannot be
-- read, a payment beyond the invoice's gross... One per row and rule: a re-import raises it no second time.
CREATE TABLE inbound_exception (
    exception_id bigserial PRIMARY KEY,
    import_key text NOT NULL,
    kind text NOT NULL CONSTRAINT inbound_exception_kind_check CHECK (kind IN ('payment', 'dispute', 'unknown')),
    rule_code text NOT NULL CONSTRAINT inbound_exception_rule_code_check
        CHECK (rule_code IN ('unknown_invoice', 'currency_mismatch', 'bad_amount', 'bad_date', 'bad_row', 'conflicting_duplicate',
                             'overpaid', 'dispute_not_recorded')),
    final_number text,
    amount numeric(19,4),
    currency text,
    source_file text NOT NULL,
    line_no integer,
    message text NOT NULL,
    status text NOT NULL DEFAULT 'open'
        CONSTRAINT inbound_exception_status_check CHECK (status IN ('open', 'resolved', 'waived')),
    raised_by text NOT NULL,
    raised_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    status_changed_at timestamptz,
    status_changed_by text,
    status_reason text,
    UNIQUE (import_key, rule_code)
);
CREATE INDEX inbound_exception_open ON inbound_exception (status);

-- Dispute notices handed to the dispute service, one per row: a re-import hands none twice. dispute_ref is
-- what the dispute service calls the dispute it opened.
CREATE TABLE dispute_notice (
    import_key text PRIMARY KEY,
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    final_number text NOT NULL,
    received_on date,
    reason text,
    dispute_ref text,
    source_file text NOT NULL,
    line_no integer,
    imported_by text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The payment events: `paid` or `partially_paid`, in the transaction that records the payment.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(t), ', ' ORDER BY t) INTO allowed FROM (
        SELECT m[1] AS t FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'event_outbox_type_check'
        UNION SELECT unnest(ARRAY['paid', 'partially_paid'])) x;
    ALTER TABLE event_outbox DROP CONSTRAINT event_outbox_type_check;
    EXECUTE 'ALTER TABLE event_outbox ADD CONSTRAINT event_outbox_type_check CHECK (type IN (' || allowed || '))';
END
$$;

CREATE FUNCTION event_from_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM event_outbox_add(NEW.invoice_state, NEW.version_id, NEW.final_number,
        jsonb_build_object('source', 'payment', 'amount', NEW.amount::text, 'currency', NEW.currency, 'paid_on', NEW.paid_on,
                           'paid_total', NEW.paid_total::text, 'reference', NEW.reference, 'import_key', NEW.import_key,
                           'by', NEW.imported_by));
    RETURN NULL;
END
$$;
CREATE TRIGGER event_from_payment AFTER INSERT ON payment FOR EACH ROW EXECUTE FUNCTION event_from_payment();
