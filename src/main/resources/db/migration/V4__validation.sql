-- Validation: the policy each run applied, the state of every period record after validation,
-- the exception queue, the missing-time report and the append-only, hash-chained audit log.

-- The policy file a run applied, kept whole so that an auditor can read what was in force.
CREATE TABLE run_policy (
    run_id bigint PRIMARY KEY REFERENCES billing_run (run_id),
    source text NOT NULL,
    sha256 text NOT NULL,
    content text NOT NULL,
    cutoff timestamptz NOT NULL,
    as_of date NOT NULL
);

-- Every period record of a run (time entry, expense, billable milestone) in exactly one state.
-- Rows rejected at ingest are the fourth state; they live in ingest_rejection.
-- No foreign key on run_id, as on the versioned tables: the validation chunks COPY these rows, and a
-- per-row RI trigger would cost more than the row itself; only the validation writer fills them.
CREATE TABLE validated_record (
    run_id bigint NOT NULL,
    record_kind text NOT NULL,
    record_row_id bigint NOT NULL,
    record_key text NOT NULL,
    line_no integer,
    state text NOT NULL CHECK (state IN ('valid', 'held', 'non_billable')),
    contract_id text,
    consultant_id text,
    record_date date,
    hours numeric(12,2),
    amount numeric(19,4),
    currency text,
    PRIMARY KEY (run_id, record_kind, record_row_id)
);

-- One exception per period, record version and rule: a nightly run that finds the same problem
-- again confirms the open exception (last_seen_run_id) instead of raising a second one.
CREATE TABLE validation_exception (
    exception_id bigserial PRIMARY KEY,
    period text NOT NULL,
    scope text NOT NULL,
    rule_code text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('block', 'warn')),
    owner_role text NOT NULL CHECK (owner_role IN ('consultant', 'project_manager', 'finance')),
    owner_id text,
    record_kind text NOT NULL,
    record_row_id bigint NOT NULL,
    record_key text NOT NULL,
    source_file text,
    line_no integer,
    message text NOT NULL,
    amount numeric(19,4),
    currency text,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'waived')),
    raised_by_run_id bigint NOT NULL REFERENCES billing_run (run_id),
    last_seen_run_id bigint NOT NULL REFERENCES billing_run (run_id),
    raised_at timestamptz NOT NULL DEFAULT now(),
    status_changed_at timestamptz,
    status_changed_by text,
    status_reason text,
    UNIQUE (period, scope, record_kind, record_row_id, rule_code)
);
CREATE INDEX validation_exception_status ON validation_exception (period, scope, status);
CREATE INDEX validation_exception_last_seen ON validation_exception (last_seen_run_id);

-- Consultants whose recorded hours fall short of their expected hours so far in the period.
CREATE TABLE missing_time (
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    consultant_id text NOT NULL,
    consultant_name text NOT NULL,
    entity_id text NOT NULL,
    manager_id text,
    manager_name text,
    as_of date NOT NULL,
    working_days integer NOT NULL,
    expected_hours numeric(12,2) NOT NULL,
    recorded_hours numeric(12,2) NOT NULL,
    missing_hours numeric(12,2) NOT NULL,
    PRIMARY KEY (run_id, consultant_id)
);

-- Every state change of an exception (and, later, of invoices and postings): who, what, when and
-- why. Rows can only be added; each carries the SHA-256 of its content and of the row before it,
-- so an edit or a deleted row anywhere breaks the chain (billrun audit verify).
CREATE SEQUENCE audit_log_seq;
CREATE TABLE audit_log (
    -- assigned by the trigger under its lock, so that id order is chain order
    audit_id bigint PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL,
    action text NOT NULL,
    subject_type text NOT NULL,
    subject_id bigint NOT NULL,
    run_id bigint,
    detail text,
    prev_hash text NOT NULL,
    hash text NOT NULL
);

-- The content a row's hash covers; billrun audit verify recomputes it with the same function.
CREATE FUNCTION audit_log_payload(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', a.audit_id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.actor, a.action,
                     a.subject_type, a.subject_id, coalesce(a.run_id::text, ''), coalesce(a.detail, ''), a.prev_hash)
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- one writer at a time, so that two transactions never chain onto the same row
    PERFORM pg_advisory_xact_lock(hashtext('billrun.audit_log'));
    NEW.audit_id := nextval('audit_log_seq');
    SELECT hash INTO NEW.prev_hash FROM audit_log ORDER BY audit_id DESC LIMIT 1;
    NEW.prev_hash := coalesce(NEW.prev_hash, repeat('0', 64));
    NEW.hash := encode(sha256(convert_to(audit_log_payload(NEW), 'UTF8')), 'hex');
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
