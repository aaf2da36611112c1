-- Draft invoices (docs/drafting.md): one per contract and period for each run that drafts, with
-- their lines, the records each line bills (lineage), tax subtotals and routing reasons.
--
-- A later run of the period supersedes the drafts no one has acted on; only 'live' drafts count, for
-- the records they bill and for the cap a not-to-exceed contract consumes. acted_at is set when a
-- person acts on a draft (approval); such a draft is never replaced.

CREATE TABLE draft_invoice (
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    draft_id text NOT NULL,
    period text NOT NULL,
    scope text NOT NULL,
    status text NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'superseded')),
    superseded_by_run_id bigint REFERENCES billing_run (run_id),
    contract_id text NOT NULL,
    client_id text NOT NULL,
    entity_id text NOT NULL,
    currency text NOT NULL,
    billing_model text NOT NULL,
    po_number text,
    presentation text NOT NULL,
    time_annex boolean NOT NULL,
    invoice_date date NOT NULL,
    service_from date NOT NULL,
    service_to date NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    gross numeric(19,4) NOT NULL,
    write_down numeric(19,4) NOT NULL,
    cap_amount numeric(19,4),
    cap_consumed_before numeric(19,4),
    cap_consumed numeric(19,4),
    retainer_opening numeric(19,4),
    retainer_fee numeric(19,4),
    retainer_drawn numeric(19,4),
    retainer_overage numeric(19,4),
    retainer_closing numeric(19,4),
    route text NOT NULL CHECK (route IN ('straight_through', 'review')),
    project_manager_id text,
    drafted_at timestamptz NOT NULL DEFAULT now(),
    acted_at timestamptz,
    acted_by text,
    PRIMARY KEY (run_id, draft_id)
);
-- one live draft per id: a contract's records and its cap cannot be billed twice in a period
CREATE UNIQUE INDEX draft_invoice_one_live ON draft_invoice (draft_id) WHERE status = 'live';
CREATE INDEX draft_invoice_contract ON draft_invoice (contract_id, period) WHERE status = 'live';

CREATE TABLE draft_line (
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    line_no integer NOT NULL,
    line_type text NOT NULL CHECK (line_type IN ('milestone', 'retainer_fee', 'time', 'fixed_fee_time', 'retainer_overage',
                                                 'cap_write_down', 'expense')),
    line_key text NOT NULL,
    description text NOT NULL,
    quantity numeric(14,2),
    unit_price numeric(19,4),
    value numeric(19,4) NOT NULL,
    net numeric(19,4) NOT NULL,
    explanation text,
    tax_rule_id text,
    tax_category text,
    tax_rate numeric,
    tax numeric(19,4) NOT NULL,
    PRIMARY KEY (run_id, draft_id, line_no),
    FOREIGN KEY (run_id, draft_id) REFERENCES draft_invoice (run_id, draft_id) ON DELETE CASCADE
);

-- Lineage. The key makes "each record on at most one line of a run's drafts" a database fact.
-- No foreign key to draft_line: these rows are COPYed, many per line (see validated_record).
CREATE TABLE draft_line_source (
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    line_no integer NOT NULL,
    record_kind text NOT NULL,
    record_row_id bigint NOT NULL,
    record_key text NOT NULL,
    source_file text,
    source_line integer,
    record_date date,
    hours numeric(12,2),
    value numeric(19,4) NOT NULL,
    markup numeric NOT NULL,
    basis text,
    PRIMARY KEY (run_id, record_kind, record_row_id)
);
CREATE INDEX draft_line_source_line ON draft_line_source (run_id, draft_id, line_no);

CREATE TABLE draft_tax (
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    seq integer NOT NULL,
    tax_rule_id text,
    category text,
    rate_pct numeric,
    rounding text,
    exemption_note text,
    explanation text NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    PRIMARY KEY (run_id, draft_id, seq),
    FOREIGN KEY (run_id, draft_id) REFERENCES draft_invoice (run_id, draft_id) ON DELETE CASCADE
);

CREATE TABLE draft_route_reason (
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    seq integer NOT NULL,
    code text NOT NULL,
    reviewer_role text NOT NULL,
    reviewer_id text,
    reason text NOT NULL,
    PRIMARY KEY (run_id, draft_id, seq),
    FOREIGN KEY (run_id, draft_id) REFERENCES draft_invoice (run_id, draft_id) ON DELETE CASCADE
);
