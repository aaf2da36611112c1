-- Posting (docs/posting.md): final numbers, the posting outbox, posting batches with their control totals,
-- and the ledger of every attempt to reach the ERP.
--
-- Approval's last step (org.billrun.approval.ApprovalService, through org.billrun.posting.PostingQueries)
-- takes the next number of the entity's fiscal year from final_number_counter with
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING and inserts the version's posting row, in the approval's
-- own transaction: the counter row stays locked until that transaction ends, so two approvers of one
-- entity take turns, and a rollback gives the number back (numbers are gapless).
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   posting.state          posting.PostingState
--   posting_batch.state    posting.BatchState
--   posting_ledger.status  posting.LedgerStatus
--   audit_log.action       audit.AuditAction (widened)

CREATE TABLE final_number_counter (
    entity_id text NOT NULL,
    fiscal_year integer NOT NULL,
    last_no bigint NOT NULL CHECK (last_no >= 1),
    PRIMARY KEY (entity_id, fiscal_year)
);

CREATE TABLE posting_batch (
    batch_id bigserial PRIMARY KEY,
    batch_ref text NOT NULL UNIQUE,
    entity_id text NOT NULL,
    adapter text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    closed_at timestamptz,
    state text NOT NULL DEFAULT 'open'
        CONSTRAINT posting_batch_state_check CHECK (state IN ('open', 'balanced', 'unbalanced'))
);
CREATE INDEX posting_batch_open ON posting_batch (entity_id) WHERE state = 'open';

-- One row per approved invoice version: its final number and where its way to the ERP stands.
CREATE TABLE posting (
    posting_id bigserial PRIMARY KEY,
    version_id bigint NOT NULL UNIQUE REFERENCES invoice_version (version_id),
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    version_no integer NOT NULL,
    entity_id text NOT NULL,
    fiscal_year integer NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    final_number text NOT NULL UNIQUE,
    issue_date date NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    currency text NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    gross numeric(19,4) NOT NULL,
    state text NOT NULL DEFAULT 'pending'
        CONSTRAINT posting_state_check CHECK (state IN ('pending', 'sending', 'posted', 'failed_retryable', 'failed_permanent',
                                                        'needs_reconciliation')),
    attempts integer NOT NULL DEFAULT 0,
    -- attempts made before the last re-queue (billrun post --retry): the policy's maximum counts from there
    retry_from integer NOT NULL DEFAULT 0,
    -- the last attempt's outcome is unknown (a time-out after sending, or a crash while sending): look the
    -- reference up in the ERP before sending again
    lookup_first boolean NOT NULL DEFAULT false,
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    batch_id bigint REFERENCES posting_batch (batch_id),
    adapter text,
    erp_document_id text,
    last_message text,
    approved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    posted_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (entity_id, fiscal_year, seq)
);
CREATE INDEX posting_due ON posting (entity_id, next_attempt_at) WHERE state IN ('pending', 'sending', 'failed_retryable');

-- The postings a batch set out to send; its control totals are recorded from them before anything is sent.
CREATE TABLE posting_batch_item (
    batch_id bigint NOT NULL REFERENCES posting_batch (batch_id),
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    PRIMARY KEY (batch_id, posting_id)
);

-- Control totals per batch and currency (recorded before sending), and what was posted, once the batch closes.
CREATE TABLE posting_batch_total (
    batch_id bigint NOT NULL REFERENCES posting_batch (batch_id),
    currency text NOT NULL,
    control_count integer NOT NULL,
    control_net numeric(19,4) NOT NULL,
    control_tax numeric(19,4) NOT NULL,
    control_gross numeric(19,4) NOT NULL,
    posted_count integer,
    posted_net numeric(19,4),
    posted_tax numeric(19,4),
    posted_gross numeric(19,4),
    PRIMARY KEY (batch_id, currency)
);

-- One row per attempt: the adapter, what was done (a lookup by reference, or a send), what came back.
-- The request and response are kept as SHA-256 digests, never as bodies.
CREATE TABLE posting_ledger (
    ledger_id bigserial PRIMARY KEY,
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    batch_id bigint REFERENCES posting_batch (batch_id),
    attempt integer NOT NULL,
    adapter text NOT NULL,
    status text NOT NULL DEFAULT 'sending'
        CONSTRAINT posting_ledger_status_check CHECK (status IN ('sending', 'posted', 'found', 'retryable', 'permanent', 'unknown',
                                                                 'duplicated', 'gave_up', 'interrupted')),
    erp_document_id text,
    erp_status text,
    request_digest text,
    response_digest text,
    message text,
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    UNIQUE (posting_id, attempt)
);

-- A posting's identity and amounts never change, nor are postings, counters or ledger rows deleted; a ledger
-- row changes once, when its attempt's answer is recorded.
CREATE FUNCTION posting_control() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'posting refused: % rows are never deleted', TG_TABLE_NAME;
    END IF;
    IF TG_TABLE_NAME = 'posting' THEN
        IF (NEW.version_id, NEW.entity_id, NEW.fiscal_year, NEW.seq, NEW.final_number, NEW.issue_date, NEW.idempotency_key,
            NEW.currency, NEW.net, NEW.tax, NEW.gross)
           IS DISTINCT FROM (OLD.version_id, OLD.entity_id, OLD.fiscal_year, OLD.seq, OLD.final_number, OLD.issue_date,
            OLD.idempotency_key, OLD.currency, OLD.net, OLD.tax, OLD.gross) THEN
            RAISE EXCEPTION 'posting refused: the final number and amounts of % do not change', OLD.final_number;
        END IF;
        IF OLD.state = 'posted' AND NEW.state <> 'posted' THEN
            RAISE EXCEPTION 'posting refused: % is posted; it does not become %', OLD.final_number, NEW.state;
        END IF;
    ELSIF TG_TABLE_NAME = 'posting_ledger' THEN
        IF OLD.status <> 'sending' OR (NEW.posting_id, NEW.attempt, NEW.adapter, NEW.started_at)
           IS DISTINCT FROM (OLD.posting_id, OLD.attempt, OLD.adapter, OLD.started_at) THEN
            RAISE EXCEPTION 'posting refused: ledger row % is recorded; it does not change', OLD.ledger_id;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER posting_control BEFORE UPDATE OR DELETE ON posting FOR EACH ROW EXECUTE FUNCTION posting_control();
CREATE TRIGGER posting_ledger_control BEFORE UPDATE OR DELETE ON posting_ledger FOR EACH ROW EXECUTE FUNCTION posting_control();
CREATE TRIGGER final_number_counter_no_delete BEFORE DELETE ON final_number_counter FOR EACH ROW EXECUTE FUNCTION posting_control();

-- Widen the audit actions by the posting's: added to whatever the constraint allows now, so that this
-- migration and another stage's that widens it too can run in either order.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'audit_log_action_check'
        UNION SELECT unnest(ARRAY['numbered', 'posted', 'posting_failed', 'posting_requeued'])) x;
    ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
    EXECUTE 'ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (' || allowed || '))';
END
$$;
