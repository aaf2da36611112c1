-- Approval (docs/approval.md): the directory of people (people.csv, approval_limits.csv, versioned like the
-- other master files of V3), the versions of an invoice, the review tasks the approval matrix asks for,
-- the actions people take on them, and the anchor of the audit chain's head.
--
-- The controls are enforced here as well as in org.billrun.approval.ApprovalService, so that a direct
-- INSERT or UPDATE cannot bypass them: an approval by someone who prepared or adjusted the invoice, beyond
-- their limit, outside their entities, without the task's role, or of a version that is not the latest
-- is refused by a trigger; a version becomes approved only when its tasks are done (or the matrix asked
-- for none and the policy's approval is recorded); actions and anchors are append-only.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   invoice_version.state       approval.VersionState
--   approval_task.state         approval.TaskState
--   approval_task.role          billing.PersonRole
--   approval_action.action      approval.ApprovalActionType
--   audit_log.action            audit.AuditAction (widened)

-- people.csv
CREATE TABLE person (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    user_id text,
    name text,
    email text,
    roles text,
    entities text
);
CREATE INDEX person_source_file ON person (source_file_id);
CREATE VIEW current_person AS
    SELECT x.* FROM person x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- approval_limits.csv
CREATE TABLE approval_limit (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    user_id text,
    currency text,
    limit_amount numeric(19,4)
);
CREATE INDEX approval_limit_source_file ON approval_limit (source_file_id);
CREATE VIEW current_approval_limit AS
    SELECT x.* FROM approval_limit x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- The directory as the controls read it: a person's roles and entities, one per row.
CREATE VIEW directory_role AS
    SELECT p.user_id, replace(lower(btrim(r)), '-', '_') AS role
    FROM current_person p CROSS JOIN LATERAL unnest(string_to_array(p.roles, ';')) r
    WHERE btrim(r) <> '';
CREATE VIEW directory_entity AS
    SELECT p.user_id, btrim(e) AS entity_id
    FROM current_person p CROSS JOIN LATERAL unnest(string_to_array(p.entities, ';')) e
    WHERE btrim(e) <> '';

-- One row per version of a draft invoice. Version 1 is the draft as drafted (its lines are the draft's);
-- each adjustment adds a version and replaces the one before. prepared_by is who started the run (version 1)
-- or made the adjustment.
CREATE TABLE invoice_version (
    version_id bigserial PRIMARY KEY,
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    version_no integer NOT NULL CHECK (version_no >= 1),
    state text NOT NULL DEFAULT 'in_review'
        CONSTRAINT invoice_version_state_check CHECK (state IN ('in_review', 'approved', 'rejected', 'replaced')),
    entity_id text NOT NULL,
    currency text NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    gross numeric(19,4) NOT NULL,
    write_down numeric(19,4) NOT NULL,
    straight_through boolean NOT NULL,
    prepared_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reason_code text,
    comment text,
    decided_by text,
    decided_at timestamptz,
    UNIQUE (run_id, draft_id, version_no),
    FOREIGN KEY (run_id, draft_id) REFERENCES draft_invoice (run_id, draft_id)
);
CREATE INDEX invoice_version_state ON invoice_version (state);

-- One approval a version needs, in the order the matrix asks for them. An escalated task is replaced by
-- a task of the next role for the same step (escalated_from names the one it replaces).
CREATE TABLE approval_task (
    task_id bigserial PRIMARY KEY,
    version_id bigint NOT NULL REFERENCES invoice_version (version_id),
    step_no integer NOT NULL,
    role text NOT NULL CONSTRAINT approval_task_role_check
        CHECK (role IN ('consultant', 'project_manager', 'finance', 'finance_controller', 'auditor', 'admin')),
    rule text NOT NULL,
    assignee text,
    created_at timestamptz NOT NULL,
    due_at timestamptz,
    state text NOT NULL DEFAULT 'open'
        CONSTRAINT approval_task_state_check CHECK (state IN ('open', 'done', 'escalated', 'cancelled')),
    escalated_from bigint REFERENCES approval_task (task_id),
    done_by text,
    done_at timestamptz
);
CREATE UNIQUE INDEX approval_task_one_per_step ON approval_task (version_id, step_no) WHERE state <> 'escalated';
CREATE INDEX approval_task_open ON approval_task (state, due_at) WHERE state = 'open';

-- What people did. actor is the person whose authority the action uses; acting_user who ran the command
-- (they differ when an admin acts as someone with --as).
CREATE TABLE approval_action (
    action_id bigserial PRIMARY KEY,
    version_id bigint NOT NULL REFERENCES invoice_version (version_id),
    task_id bigint REFERENCES approval_task (task_id),
    action text NOT NULL CONSTRAINT approval_action_action_check
        CHECK (action IN ('approved', 'rejected', 'adjusted', 'approved_by_policy')),
    actor text NOT NULL,
    acting_user text NOT NULL,
    role text,
    rule text,
    gross_before numeric(19,4) NOT NULL,
    gross_after numeric(19,4) NOT NULL,
    reason text,
    comment text,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX approval_action_version ON approval_action (version_id);

-- The audit chain's head, written after each approval command: a removed last audit entry no longer
-- matches the latest anchor (billrun audit verify). Append-only like the log.
CREATE TABLE audit_anchor (
    anchor_id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    audit_id bigint NOT NULL,
    hash text NOT NULL,
    anchored_by text NOT NULL
);

ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('raised', 'reopened', 'resolved', 'waived', 'drafts_written',
                      'approved', 'rejected', 'adjusted', 'approved_by_policy', 'escalated'));

CREATE FUNCTION approval_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'approval refused: % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER approval_action_append_only BEFORE UPDATE OR DELETE ON approval_action
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER approval_action_no_truncate BEFORE TRUNCATE ON approval_action
    FOR EACH STATEMENT EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER audit_anchor_append_only BEFORE UPDATE OR DELETE ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION approval_append_only();

-- The controls on an action. Every refusal starts with 'approval refused:' (the service turns it into exit 9).
CREATE FUNCTION approval_action_control() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v invoice_version;
    t approval_task;
    latest integer;
    amount_limit numeric;
BEGIN
    -- one action at a time per draft: the version row is the lock
    SELECT * INTO v FROM invoice_version WHERE version_id = NEW.version_id FOR UPDATE;
    SELECT max(version_no) INTO latest FROM invoice_version WHERE run_id = v.run_id AND draft_id = v.draft_id;
    IF v.version_no <> latest THEN
        RAISE EXCEPTION 'approval refused: version % of % is not the latest (version %)', v.version_no, v.draft_id, latest;
    END IF;
    IF v.state <> 'in_review' THEN
        RAISE EXCEPTION 'approval refused: version % of % is %, not in review', v.version_no, v.draft_id, v.state;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM current_person WHERE user_id = NEW.actor) THEN
        RAISE EXCEPTION 'approval refused: % is not in the directory (people.csv)', NEW.actor;
    END IF;
    IF NEW.action <> 'approved_by_policy' AND NOT EXISTS (
            SELECT 1 FROM directory_entity WHERE user_id = NEW.actor AND entity_id IN (v.entity_id, '*')) THEN
        RAISE EXCEPTION 'approval refused: % may not act for entity %', NEW.actor, v.entity_id;
    END IF;
    IF NEW.action = 'approved_by_policy' THEN
        IF NOT v.straight_through OR EXISTS (SELECT 1 FROM approval_task WHERE version_id = v.version_id) THEN
            RAISE EXCEPTION 'approval refused: the approval matrix asks for approvals of %; the policy alone does not approve it', v.draft_id;
        END IF;
    ELSIF NEW.action = 'approved' THEN
        SELECT * INTO t FROM approval_task WHERE task_id = NEW.task_id;
        IF t.task_id IS NULL OR t.version_id <> v.version_id OR t.state <> 'open' THEN
            RAISE EXCEPTION 'approval refused: no open task % of version % of %', NEW.task_id, v.version_no, v.draft_id;
        END IF;
        IF NEW.role IS DISTINCT FROM t.role OR NOT EXISTS (SELECT 1 FROM directory_role WHERE user_id = NEW.actor AND role = t.role) THEN
            RAISE EXCEPTION 'approval refused: % does not hold the role %', NEW.actor, t.role;
        END IF;
        IF EXISTS (SELECT 1 FROM invoice_version p WHERE p.run_id = v.run_id AND p.draft_id = v.draft_id
                   AND p.prepared_by IN (NEW.actor, NEW.acting_user))
           OR EXISTS (SELECT 1 FROM billing_run r WHERE r.run_id = v.run_id AND r.preparer IN (NEW.actor, NEW.acting_user)) THEN
            RAISE EXCEPTION 'approval refused: % prepared or adjusted % and may not approve it', NEW.actor, v.draft_id;
        END IF;
        IF EXISTS (SELECT 1 FROM approval_action a WHERE a.version_id = v.version_id AND a.action = 'approved'
                   AND NEW.actor IN (a.actor, a.acting_user)) THEN
            RAISE EXCEPTION 'approval refused: % already approved version % of %; another person must give the next approval',
                NEW.actor, v.version_no, v.draft_id;
        END IF;
        SELECT limit_amount INTO amount_limit FROM current_approval_limit WHERE user_id = NEW.actor AND currency = v.currency;
        IF amount_limit IS NULL OR amount_limit < v.gross THEN
            RAISE EXCEPTION 'approval refused: % gross % % is above the approval limit of % (% %)',
                v.draft_id, v.gross, v.currency, NEW.actor, coalesce(amount_limit::text, 'none'), v.currency;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER approval_action_control BEFORE INSERT ON approval_action FOR EACH ROW EXECUTE FUNCTION approval_action_control();

-- A person's action marks the draft acted on, so that a later run of the period keeps it (its records are
-- billed); a rejection clears the mark, so that the next run drafts the contract again.
CREATE FUNCTION approval_action_marks_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE draft_invoice d
    SET acted_at = CASE WHEN NEW.action = 'rejected' THEN NULL ELSE coalesce(d.acted_at, NEW.at) END,
        acted_by = CASE WHEN NEW.action = 'rejected' THEN NULL ELSE coalesce(d.acted_by, NEW.actor) END
    FROM invoice_version v
    WHERE v.version_id = NEW.version_id AND d.run_id = v.run_id AND d.draft_id = v.draft_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER approval_action_marks_draft AFTER INSERT ON approval_action FOR EACH ROW EXECUTE FUNCTION approval_action_marks_draft();

-- Tasks start open; one is done only by an approval recorded for it, by the person who gave it.
CREATE FUNCTION approval_task_control() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'open' THEN
            RAISE EXCEPTION 'approval refused: a task starts open, not %', NEW.state;
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.version_id <> OLD.version_id OR NEW.step_no <> OLD.step_no OR NEW.role <> OLD.role THEN
        RAISE EXCEPTION 'approval refused: a task''s version, step and role do not change';
    END IF;
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF OLD.state <> 'open' THEN
        RAISE EXCEPTION 'approval refused: task % is %, not open', OLD.task_id, OLD.state;
    END IF;
    IF NEW.state = 'done' AND NOT EXISTS (SELECT 1 FROM approval_action a WHERE a.task_id = NEW.task_id
                                          AND a.action = 'approved' AND a.actor = NEW.done_by) THEN
        RAISE EXCEPTION 'approval refused: task % is done only by an approval recorded for it', NEW.task_id;
    END IF;
    IF NEW.state = 'cancelled' AND EXISTS (SELECT 1 FROM invoice_version v WHERE v.version_id = NEW.version_id AND v.state = 'in_review') THEN
        RAISE EXCEPTION 'approval refused: task % of a version in review cannot be cancelled', NEW.task_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER approval_task_control BEFORE INSERT OR UPDATE ON approval_task FOR EACH ROW EXECUTE FUNCTION approval_task_control();
CREATE TRIGGER approval_task_no_delete BEFORE DELETE ON approval_task FOR EACH ROW EXECUTE FUNCTION approval_append_only();

-- A version's amounts never change; its state moves only as its tasks and actions allow.
CREATE FUNCTION invoice_version_control() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'in_review' THEN
            RAISE EXCEPTION 'approval refused: a version starts in review, not %', NEW.state;
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.run_id, NEW.draft_id, NEW.version_no, NEW.entity_id, NEW.currency, NEW.net, NEW.tax, NEW.gross, NEW.write_down,
        NEW.straight_through, NEW.prepared_by)
       IS DISTINCT FROM (OLD.run_id, OLD.draft_id, OLD.version_no, OLD.entity_id, OLD.currency, OLD.net, OLD.tax, OLD.gross,
        OLD.write_down, OLD.straight_through, OLD.prepared_by) THEN
        RAISE EXCEPTION 'approval refused: the amounts and preparer of version % of % do not change', OLD.version_no, OLD.draft_id;
    END IF;
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF OLD.state <> 'in_review' THEN
        RAISE EXCEPTION 'approval refused: version % of % is %, it does not become %', OLD.version_no, OLD.draft_id, OLD.state, NEW.state;
    END IF;
    IF NEW.state = 'approved' AND NOT (
            (EXISTS (SELECT 1 FROM approval_task t WHERE t.version_id = NEW.version_id)
             AND NOT EXISTS (SELECT 1 FROM approval_task t WHERE t.version_id = NEW.version_id AND t.state IN ('open', 'cancelled')))
            OR (NEW.straight_through AND EXISTS (SELECT 1 FROM approval_action a WHERE a.version_id = NEW.version_id
                                                 AND a.action = 'approved_by_policy'))) THEN
        RAISE EXCEPTION 'approval refused: version % of % is approved only when the approval matrix is satisfied', OLD.version_no, OLD.draft_id;
    END IF;
    IF NEW.state = 'rejected' AND NOT EXISTS (SELECT 1 FROM approval_action a WHERE a.version_id = NEW.version_id AND a.action = 'rejected') THEN
        RAISE EXCEPTION 'approval refused: version % of % is rejected only by a recorded rejection', OLD.version_no, OLD.draft_id;
    END IF;
    IF NEW.state = 'replaced' AND NOT EXISTS (SELECT 1 FROM invoice_version n WHERE n.run_id = NEW.run_id AND n.draft_id = NEW.draft_id
                                              AND n.version_no > NEW.version_no) THEN
        RAISE EXCEPTION 'approval refused: version % of % is replaced only by a later version', OLD.version_no, OLD.draft_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoice_version_control BEFORE INSERT OR UPDATE ON invoice_version FOR EACH ROW EXECUTE FUNCTION invoice_version_control();
CREATE TRIGGER invoice_version_no_delete BEFORE DELETE ON invoice_version FOR EACH ROW EXECUTE FUNCTION approval_append_only();
