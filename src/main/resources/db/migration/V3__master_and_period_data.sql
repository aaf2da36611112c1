-- Versioned master and period data, one table per input file (see org.billrun.ingest.SourceKind).
-- A record's current version has record_status 'current'; a later run that changes it marks the old one
-- 'superseded', and a period record missing from a later full export is marked 'withdrawn'.
-- load_* tables hold a run's parsed rows until the merge step folds them in.

-- entities.csv
CREATE TABLE entity (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX entity_current_key ON entity (record_key) WHERE record_status = 'current';
CREATE INDEX entity_period ON entity (ingest_period, record_status);

CREATE TABLE load_entity (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    entity_id text,
    name text,
    country text,
    currency text,
    vat_id text,
    address text,
    invoice_prefix text,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_entity_key ON load_entity (source_file_id, record_key);

-- clients.csv
CREATE TABLE client (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX client_current_key ON client (record_key) WHERE record_status = 'current';
CREATE INDEX client_period ON client (ingest_period, record_status);

CREATE TABLE load_client (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
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
    email text,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_client_key ON load_client (source_file_id, record_key);

-- contracts.csv
CREATE TABLE contract (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX contract_current_key ON contract (record_key) WHERE record_status = 'current';
CREATE INDEX contract_period ON contract (ingest_period, record_status);

CREATE TABLE load_contract (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
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
    rate_card_id text,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_contract_key ON load_contract (source_file_id, record_key);

-- projects.csv
CREATE TABLE project (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX project_current_key ON project (record_key) WHERE record_status = 'current';
CREATE INDEX project_period ON project (ingest_period, record_status);

CREATE TABLE load_project (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    project_id text,
    contract_id text,
    client_id text,
    name text,
    status text,
    project_manager_id text,
    billable boolean,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_project_key ON load_project (source_file_id, record_key);

-- tasks.csv
CREATE TABLE task (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    task_id text,
    project_id text,
    name text,
    status text,
    billable boolean
);
CREATE UNIQUE INDEX task_current_key ON task (record_key) WHERE record_status = 'current';
CREATE INDEX task_period ON task (ingest_period, record_status);

CREATE TABLE load_task (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    task_id text,
    project_id text,
    name text,
    status text,
    billable boolean,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_task_key ON load_task (source_file_id, record_key);

-- consultants.csv
CREATE TABLE consultant (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX consultant_current_key ON consultant (record_key) WHERE record_status = 'current';
CREATE INDEX consultant_period ON consultant (ingest_period, record_status);

CREATE TABLE load_consultant (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    consultant_id text,
    name text,
    email text,
    role text,
    home_entity_id text,
    manager_id text,
    status text,
    standard_hours_per_day numeric(12,2),
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_consultant_key ON load_consultant (source_file_id, record_key);

-- rate_cards.csv
CREATE TABLE rate (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX rate_current_key ON rate (record_key) WHERE record_status = 'current';
CREATE INDEX rate_period ON rate (ingest_period, record_status);

CREATE TABLE load_rate (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    rate_id text,
    rate_card_id text,
    level text,
    level_ref text,
    role text,
    currency text,
    hourly_rate numeric(19,4),
    valid_from date,
    valid_to date,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_rate_key ON load_rate (source_file_id, record_key);

-- milestones.csv
CREATE TABLE milestone (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX milestone_current_key ON milestone (record_key) WHERE record_status = 'current';
CREATE INDEX milestone_period ON milestone (ingest_period, record_status);

CREATE TABLE load_milestone (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    milestone_id text,
    contract_id text,
    description text,
    amount numeric(19,4),
    currency text,
    due_date date,
    status text,
    accepted_on date,
    acceptance_ref text,
    billable boolean,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_milestone_key ON load_milestone (source_file_id, record_key);

-- tax_rules.csv
CREATE TABLE tax_rule (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX tax_rule_current_key ON tax_rule (record_key) WHERE record_status = 'current';
CREATE INDEX tax_rule_period ON tax_rule (ingest_period, record_status);

CREATE TABLE load_tax_rule (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
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
    valid_to date,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_tax_rule_key ON load_tax_rule (source_file_id, record_key);

-- fx_rates.csv
CREATE TABLE fx_rate (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    from_currency text,
    to_currency text,
    rate_date date,
    rate numeric
);
CREATE UNIQUE INDEX fx_rate_current_key ON fx_rate (record_key) WHERE record_status = 'current';
CREATE INDEX fx_rate_period ON fx_rate (ingest_period, record_status);

CREATE TABLE load_fx_rate (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    from_currency text,
    to_currency text,
    rate_date date,
    rate numeric,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_fx_rate_key ON load_fx_rate (source_file_id, record_key);

-- expense_policies.csv
CREATE TABLE expense_policy (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    category text,
    currency text,
    limit_amount numeric(19,4),
    receipt_required_above numeric(19,4),
    reimbursable boolean
);
CREATE UNIQUE INDEX expense_policy_current_key ON expense_policy (record_key) WHERE record_status = 'current';
CREATE INDEX expense_policy_period ON expense_policy (ingest_period, record_status);

CREATE TABLE load_expense_policy (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    category text,
    currency text,
    limit_amount numeric(19,4),
    receipt_required_above numeric(19,4),
    reimbursable boolean,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_expense_policy_key ON load_expense_policy (source_file_id, record_key);

-- billing_history.csv
CREATE TABLE billing_history (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    line_no integer NOT NULL,
    ended_by_run_id bigint REFERENCES billing_run (run_id),
    contract_id text,
    consultant_id text,
    period text,
    hours numeric(12,2),
    amount numeric(19,4),
    currency text
);
CREATE UNIQUE INDEX billing_history_current_key ON billing_history (record_key) WHERE record_status = 'current';
CREATE INDEX billing_history_period ON billing_history (ingest_period, record_status);

CREATE TABLE load_billing_history (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
    contract_id text,
    consultant_id text,
    period text,
    hours numeric(12,2),
    amount numeric(19,4),
    currency text,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_billing_history_key ON load_billing_history (source_file_id, record_key);

-- time_entries.csv
CREATE TABLE time_entry (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX time_entry_current_key ON time_entry (record_key) WHERE record_status = 'current';
CREATE INDEX time_entry_period ON time_entry (ingest_period, record_status);

CREATE TABLE load_time_entry (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
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
    description text,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_time_entry_key ON load_time_entry (source_file_id, record_key);

-- expenses.csv
CREATE TABLE expense (
    id bigserial PRIMARY KEY,
    record_key text NOT NULL,
    ingest_period text NOT NULL,
    record_status text NOT NULL DEFAULT 'current' CHECK (record_status IN ('current', 'superseded', 'withdrawn')),
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
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
CREATE UNIQUE INDEX expense_current_key ON expense (record_key) WHERE record_status = 'current';
CREATE INDEX expense_period ON expense (ingest_period, record_status);

CREATE TABLE load_expense (
    run_id bigint NOT NULL,
    source_file_id bigint NOT NULL,
    line_no integer NOT NULL,
    record_key text NOT NULL,
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
    submitted_at timestamptz,
    PRIMARY KEY (source_file_id, line_no)
);
CREATE INDEX load_expense_key ON load_expense (source_file_id, record_key);
