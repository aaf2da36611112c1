-- Credit memos (docs/credits.md): a credit of a final invoice, in full or in part, with its lines (each the
-- part of one original line it gives back), the records those lines billed (lineage, for rebills and
-- `billrun trace`), the approvals it needs and its own gapless number series per entity and year.
--
-- Like invoices, the controls are enforced here as well as in org.billrun.credit.CreditService: a task is
-- done only by a person of its role acting for the entity, who did not ask for the credit and gave no
-- other approval of it; a credit is approved only when its tasks are done and numbered only then; its
-- amounts and lines never change; a line never gives back more than is left of the original line.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   credit_memo.state        credit.CreditState
--   credit_memo.reason_code  credit.CreditReason
--   credit_task.state        credit.CreditTaskState
--   credit_task.role         billing.PersonRole
--   audit_log.action         audit.AuditAction (widened)
--   event_outbox.type        events.EventType (widened)

CREATE TABLE credit_memo (
    credit_id bigserial PRIMARY KEY,
    -- the invoice credited: its final number, posting and approved version
    invoice_number text NOT NULL,
    posting_id bigint NOT NULL REFERENCES posting (posting_id),
    version_id bigint NOT NULL REFERENCES invoice_version (version_id),
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    version_no integer NOT NULL,
    entity_id text NOT NULL,
    client_id text NOT NULL,
    currency text NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    gross numeric(19,4) NOT NULL CHECK (gross = net + tax),
    reason_code text NOT NULL CONSTRAINT credit_memo_reason_check
        CHECK (reason_code IN ('rate', 'hours', 'scope', 'duplicate', 'expense_policy', 'missing_evidence', 'tax', 'goodwill',
                               'cancelled', 'other')),
    comment text,
    rebill boolean NOT NULL,
    state text NOT NULL DEFAULT 'in_review'
        CONSTRAINT credit_memo_state_check CHECK (state IN ('in_review', 'approved', 'rejected')),
    requested_by text NOT NULL,
    acting_user text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    decided_by text,
    decided_at timestamptz,
    decision_reason text,
    -- the credit's own number, given at its final approval: PREFIX-CN-YYYY-NNNNNN
    fiscal_year integer,
    seq bigint CHECK (seq >= 1),
    final_number text UNIQUE,
    issue_date date,
    UNIQUE (entity_id, fiscal_year, seq),
    CHECK ((state = 'approved') = (final_number IS NOT NULL))
);
CREATE INDEX credit_memo_invoice ON credit_memo (posting_id);

-- One line per original line credited (line_no is the original's), with what it gives back.
CREATE TABLE credit_memo_line (
    credit_id bigint NOT NULL REFERENCES credit_memo (credit_id),
    line_no integer NOT NULL,
    description text NOT NULL,
    quantity numeric(14,2),
    unit_price numeric(19,4),
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    tax_rule_id text,
    tax_category text,
    tax_rate numeric,
    closes_line boolean NOT NULL,
    PRIMARY KEY (credit_id, line_no)
);

-- Lineage: the records each credited line billed on the original invoice (all of the line's records,
-- whether the line is credited in full or in part).
CREATE TABLE credit_line_source (
    credit_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_kind text NOT NULL,
    record_key text NOT NULL,
    PRIMARY KEY (credit_id, line_no, record_kind, record_key),
    FOREIGN KEY (credit_id, line_no) REFERENCES credit_memo_line (credit_id, line_no)
);
CREATE INDEX credit_line_source_key ON credit_line_source (record_key);

-- The approvals a credit needs, in order: finance, and above the policy's limit the finance controller.
CREATE TABLE credit_task (
    task_id bigserial PRIMARY KEY,
    credit_id bigint NOT NULL REFERENCES credit_memo (credit_id),
    step_no integer NOT NULL,
    role text NOT NULL CONSTRAINT credit_task_role_check
        CHECK (role IN ('consultant', 'project_manager', 'finance', 'finance_controller', 'auditor', 'admin')),
    rule text NOT NULL,
    state text NOT NULL DEFAULT 'open' CONSTRAINT credit_task_state_check CHECK (state IN ('open', 'done', 'cancelled')),
    done_by text,
    acting_user text,
    done_at timestamptz,
    comment text,
    UNIQUE (credit_id, step_no)
);

CREATE TABLE credit_number_counter (
    entity_id text NOT NULL,
    fiscal_year integer NOT NULL,
    last_no bigint NOT NULL CHECK (last_no >= 1),
    PRIMARY KEY (entity_id, fiscal_year)
);

CREATE TRIGGER credit_memo_line_append_only BEFORE UPDATE OR DELETE ON credit_memo_line
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER credit_line_source_append_only BEFORE UPDATE OR DELETE ON credit_line_source
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER credit_task_no_delete BEFORE DELETE ON credit_task FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER credit_memo_no_delete BEFORE DELETE ON credit_memo FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER credit_number_counter_no_delete BEFORE DELETE ON credit_number_counter
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();

-- A line never gives back more than is left of the original line (the version's own line, else the draft's):
-- the credit memos not rejected add up to at most the line's net and tax. Every refusal starts with
-- 'credit refused:' (the service turns it into exit 9).
CREATE FUNCTION credit_memo_line_control() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c credit_memo;
    original_net numeric;
    original_tax numeric;
    credited_net numeric;
    credited_tax numeric;
BEGIN
    SELECT * INTO c FROM credit_memo WHERE credit_id = NEW.credit_id;
    SELECT coalesce(vl.net, dl.net), coalesce(vl.tax, dl.tax) INTO original_net, original_tax
    FROM draft_line dl LEFT JOIN invoice_version_line vl ON vl.version_id = c.version_id AND vl.line_no = dl.line_no
    WHERE dl.run_id = c.run_id AND dl.draft_id = c.draft_id AND dl.line_no = NEW.line_no;
    IF original_net IS NULL THEN
        RAISE EXCEPTION 'credit refused: % has no line %', c.invoice_number, NEW.line_no;
    END IF;
    SELECT coalesce(sum(l.net), 0), coalesce(sum(l.tax), 0) INTO credited_net, credited_tax
    FROM credit_memo_line l JOIN credit_memo m ON m.credit_id = l.credit_id
    WHERE m.posting_id = c.posting_id AND m.state <> 'rejected' AND l.line_no = NEW.line_no;
    IF abs(credited_net + NEW.net) > abs(original_net) OR abs(credited_tax + NEW.tax) > abs(original_tax)
       OR sign(NEW.net) * sign(original_net) < 0 THEN
        RAISE EXCEPTION 'credit refused: line % of % bills net % tax %; credits would give back net % tax %', NEW.line_no,
            c.invoice_number, original_net, original_tax, credited_net + NEW.net, credited_tax + NEW.tax;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER credit_memo_line_control BEFORE INSERT ON credit_memo_line FOR EACH ROW EXECUTE FUNCTION credit_memo_line_control();

-- A task is done by a person of its role, for the credit's entity, who neither asked for the credit nor gave
-- another of its approvals, and whose approval limit covers its gross.
CREATE FUNCTION credit_task_control() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c credit_memo;
    amount_limit numeric;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'open' THEN
            RAISE EXCEPTION 'credit refused: a task starts open, not %', NEW.state;
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.credit_id, NEW.step_no, NEW.role, NEW.rule) IS DISTINCT FROM (OLD.credit_id, OLD.step_no, OLD.role, OLD.rule) THEN
        RAISE EXCEPTION 'credit refused: a task''s credit, step and role do not change';
    END IF;
    IF OLD.state <> 'open' THEN
        RAISE EXCEPTION 'credit refused: task % is %, not open', OLD.task_id, OLD.state;
    END IF;
    SELECT * INTO c FROM credit_memo WHERE credit_id = NEW.credit_id FOR UPDATE;
    IF c.state <> 'in_review' THEN
        RAISE EXCEPTION 'credit refused: credit % is %, not in review', c.credit_id, c.state;
    END IF;
    IF NEW.state = 'done' THEN
        IF NEW.done_by IS NULL OR NOT EXISTS (SELECT 1 FROM directory_role WHERE user_id = NEW.done_by AND role = NEW.role) THEN
            RAISE EXCEPTION 'credit refused: % does not hold the role %', NEW.done_by, NEW.role;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM directory_entity WHERE user_id = NEW.done_by AND entity_id IN (c.entity_id, '*')) THEN
            RAISE EXCEPTION 'credit refused: % may not act for entity %', NEW.done_by, c.entity_id;
        END IF;
        IF c.requested_by IN (NEW.done_by, NEW.acting_user) OR c.acting_user IN (NEW.done_by, NEW.acting_user) THEN
            RAISE EXCEPTION 'credit refused: % asked for credit % and may not approve it', NEW.done_by, c.credit_id;
        END IF;
        IF EXISTS (SELECT 1 FROM credit_task t WHERE t.credit_id = c.credit_id AND t.state = 'done'
                   AND (t.done_by IN (NEW.done_by, NEW.acting_user) OR t.acting_user IN (NEW.done_by, NEW.acting_user))) THEN
            RAISE EXCEPTION 'credit refused: % already approved credit %; another person must give the next approval', NEW.done_by, c.credit_id;
        END IF;
        SELECT limit_amount INTO amount_limit FROM current_approval_limit WHERE user_id = NEW.done_by AND currency = c.currency;
        IF amount_limit IS NULL OR amount_limit < c.gross THEN
            RAISE EXCEPTION 'credit refused: credit % gross % % is above the approval limit of % (% %)', c.credit_id, c.gross, c.currency,
                NEW.done_by, coalesce(amount_limit::text, 'none'), c.currency;
        END IF;
    ELSIF NEW.state = 'cancelled' AND NOT EXISTS (SELECT 1 FROM credit_memo m WHERE m.credit_id = NEW.credit_id) THEN
        RAISE EXCEPTION 'credit refused: no credit %', NEW.credit_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER credit_task_control BEFORE INSERT OR UPDATE ON credit_task FOR EACH ROW EXECUTE FUNCTION credit_task_control();

-- A credit's amounts and what it credits never change; it is approved only when its tasks are done, and gets
-- its number then, once.
CREATE FUNCTION credit_memo_control() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'in_review' OR NEW.final_number IS NOT NULL THEN
            RAISE EXCEPTION 'credit refused: a credit starts in review, without a number';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.invoice_number, NEW.posting_id, NEW.version_id, NEW.entity_id, NEW.currency, NEW.net, NEW.tax, NEW.gross, NEW.reason_code,
        NEW.rebill, NEW.requested_by, NEW.acting_user)
       IS DISTINCT FROM (OLD.invoice_number, OLD.posting_id, OLD.version_id, OLD.entity_id, OLD.currency, OLD.net, OLD.tax, OLD.gross,
        OLD.reason_code, OLD.rebill, OLD.requested_by, OLD.acting_user) THEN
        RAISE EXCEPTION 'credit refused: the amounts and requester of credit % do not change', OLD.credit_id;
    END IF;
    IF OLD.final_number IS NOT NULL AND (NEW.final_number, NEW.seq, NEW.fiscal_year, NEW.issue_date)
       IS DISTINCT FROM (OLD.final_number, OLD.seq, OLD.fiscal_year, OLD.issue_date) THEN
        RAISE EXCEPTION 'credit refused: credit % is numbered %; its number does not change', OLD.credit_id, OLD.final_number;
    END IF;
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF OLD.state <> 'in_review' THEN
        RAISE EXCEPTION 'credit refused: credit % is %; it does not become %', OLD.credit_id, OLD.state, NEW.state;
    END IF;
    IF NEW.state = 'approved' AND (NOT EXISTS (SELECT 1 FROM credit_task t WHERE t.credit_id = NEW.credit_id)
            OR EXISTS (SELECT 1 FROM credit_task t WHERE t.credit_id = NEW.credit_id AND t.state <> 'done')) THEN
        RAISE EXCEPTION 'credit refused: credit % is approved only when its approvals are given', OLD.credit_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER credit_memo_control BEFORE INSERT OR UPDATE ON credit_memo FOR EACH ROW EXECUTE FUNCTION credit_memo_control();

-- The `credited` event (docs/events.md): on the credited invoice's own stream, when a credit memo is approved,
-- in the approval's transaction; the invoice keeps its final number, the credit's is in the data.
CREATE FUNCTION event_from_credit_memo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM event_outbox_add('credited', NEW.version_id, NEW.invoice_number,
        jsonb_build_object('source', 'credit_memo', 'credit_number', NEW.final_number, 'by', NEW.decided_by,
                           'requested_by', NEW.requested_by, 'reason', NEW.reason_code, 'comment', NEW.comment,
                           'net', NEW.net::text, 'tax', NEW.tax::text, 'gross', NEW.gross::text, 'rebill', NEW.rebill));
    RETURN NULL;
END
$$;
CREATE TRIGGER event_credited AFTER UPDATE OF state ON credit_memo FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state = 'approved') EXECUTE FUNCTION event_from_credit_memo();

-- Widen the audit actions and event types by the credit's: added to whatever the constraints allow now, so that
-- this migration and another stage's that widens them too can run in either order.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'audit_log_action_check'
        UNION SELECT unnest(ARRAY['credit_requested', 'credit_approved', 'credit_rejected'])) x;
    ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
    EXECUTE 'ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (' || allowed || '))';
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'event_outbox_type_check'
        UNION SELECT 'credited') x;
    ALTER TABLE event_outbox DROP CONSTRAINT event_outbox_type_check;
    EXECUTE 'ALTER TABLE event_outbox ADD CONSTRAINT event_outbox_type_check CHECK (type IN (' || allowed || '))';
END
$$;
