-- Versioned master and period data, one table per input file (see org.billrun.ingest.SourceKind).
--
-- The ingest chunks COPY each file's rows straight into its table (one write per row: the hot path).
-- Rows of a file count only once the merge step has folded the file in (source_file.merged_at set):
-- it rejects repeated ids, drops rows identical to the current version, marks changed records'
-- old versions 'superseded' and, for period data, missing records 'withdrawn'. The current_* views
-- are what later stages read: one current version per record_key.
-- run_id and source_file_id carry no foreign keys on purpose: a per-row RI trigger would slow COPY,
-- and only the ingest writer fills them, from the source_file row it registered.

-- entities.csv
CREATE TABLE entity (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    entity_id text,
    name text,
    country text,
    currency text,
    vat_id text,
    address text,
    invoice_prefix text
);
CREATE INDEX entity_source_file ON entity (source_file_id);
CREATE VIEW current_entity AS
    SELECT x.* FROM entity x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- clients.csv
CREATE TABLE client (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    client_id text,
    name text,
    country text,
    currency text,
    customer_type text,
    tax_id text,
    bill_to_address text,
    payment_terms_days integer,
    presentation text,
    time_annex boolean,
    email text
);
CREATE INDEX client_source_file ON client (source_file_id);
CREATE VIEW current_client AS
    SELECT x.* FROM client x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- contracts.csv
CREATE TABLE contract (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    contract_id text,
    client_id text,
    entity_id text,
    billing_model text,
    currency text,
    start_date date,
    end_date date,
    po_number text,
    expense_markup_pct numeric,
    cap_amount numeric(19,4),
    retainer_amount numeric(19,4),
    rate_card_id text
);
CREATE INDEX contract_source_file ON contract (source_file_id);
CREATE VIEW current_contract AS
    SELECT x.* FROM contract x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- projects.csv
CREATE TABLE project (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    project_id text,
    contract_id text,
    client_id text,
    name text,
    status text,
    project_manager_id text,
    billable boolean
);
CREATE INDEX project_source_file ON project (source_file_id);
CREATE VIEW current_project AS
    SELECT x.* FROM project x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- tasks.csv
CREATE TABLE task (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    task_id text,
    project_id text,
    name text,
    status text,
    billable boolean
);
CREATE INDEX task_source_file ON task (source_file_id);
CREATE VIEW current_task AS
    SELECT x.* FROM task x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- consultants.csv
CREATE TABLE consultant (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    consultant_id text,
    name text,
    email text,
    role text,
    home_entity_id text,
    manager_id text,
    status text,
    standard_hours_per_day numeric(12,2)
);
CREATE INDEX consultant_source_file ON consultant (source_file_id);
CREATE VIEW current_consultant AS
    SELECT x.* FROM consultant x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- rate_cards.csv
CREATE TABLE rate (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    rate_id text,
    rate_card_id text,
    level text,
    level_ref text,
    role text,
    currency text,
    hourly_rate numeric(19,4),
    valid_from date,
    valid_to date
);
CREATE INDEX rate_source_file ON rate (source_file_id);
CREATE VIEW current_rate AS
    SELECT x.* FROM rate x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- milestones.csv
CREATE TABLE milestone (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    milestone_id text,
    contract_id text,
    description text,
    amount numeric(19,4),
    currency text,
    due_date date,
    status text,
    accepted_on date,
    acceptance_ref text,
    billable boolean
);
CREATE INDEX milestone_source_file ON milestone (source_file_id);
CREATE VIEW current_milestone AS
    SELECT x.* FROM milestone x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- tax_rules.csv
CREATE TABLE tax_rule (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    tax_rule_id text,
    seller_country text,
    buyer_region text,
    customer_type text,
    buyer_tax_id text,
    service_class text,
    category text,
    rate_pct numeric,
    rounding text,
    exemption_note text,
    valid_from date,
    valid_to date
);
CREATE INDEX tax_rule_source_file ON tax_rule (source_file_id);
CREATE VIEW current_tax_rule AS
    SELECT x.* FROM tax_rule x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- fx_rates.csv
CREATE TABLE fx_rate (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    from_currency text,
    to_currency text,
    rate_date date,
    rate numeric
);
CREATE INDEX fx_rate_source_file ON fx_rate (source_file_id);
CREATE VIEW current_fx_rate AS
    SELECT x.* FROM fx_rate x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- expense_policies.csv
CREATE TABLE expense_policy (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    category text,
    currency text,
    limit_amount numeric(19,4),
    receipt_required_above numeric(19,4),
    reimbursable boolean
);
CREATE INDEX expense_policy_source_file ON expense_policy (source_file_id);
CREATE VIEW current_expense_policy AS
    SELECT x.* FROM expense_policy x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- billing_history.csv
CREATE TABLE billing_history (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    contract_id text,
    consultant_id text,
    period text,
    hours numeric(12,2),
    amount numeric(19,4),
    currency text
);
CREATE INDEX billing_history_source_file ON billing_history (source_file_id);
CREATE VIEW current_billing_history AS
    SELECT x.* FROM billing_history x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- time_entries.csv
CREATE TABLE time_entry (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    entry_id text,
    consultant_id text,
    project_id text,
    task_id text,
    work_date date,
    hours numeric(12,2),
    billable boolean,
    approval_status text,
    submitted_at timestamptz,
    approved_by text,
    description text
);
CREATE INDEX time_entry_source_file ON time_entry (source_file_id);
CREATE VIEW current_time_entry AS
    SELECT x.* FROM time_entry x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

-- expenses.csv
CREATE TABLE expense (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    expense_id text,
    consultant_id text,
    project_id text,
    expense_date date,
    category text,
    amount numeric(19,4),
    currency text,
    merchant text,
    description text,
    has_receipt boolean,
    receipt_ref text,
    reimbursable boolean,
    approval_status text,
    submitted_at timestamptz
);
CREATE INDEX expense_source_file ON expense (source_file_id);
CREATE VIEW current_expense AS
    SELECT x.* FROM expense x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;
