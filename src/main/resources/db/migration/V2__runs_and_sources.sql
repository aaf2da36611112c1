-- A billing run is one Spring Batch job instance: run_id is its JOB_INSTANCE_ID.
CREATE TABLE billing_run (
    run_id bigint PRIMARY KEY REFERENCES batch_job_instance (job_instance_id),
    period text NOT NULL,
    scope text NOT NULL,
    run_number integer NOT NULL,
    definition text,
    input_dir text NOT NULL,
    until_stage text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (period, scope, run_number)
);

-- One row per input file a run read: what it was (checksum) and what became of its rows.
CREATE TABLE source_file (
    source_file_id bigserial PRIMARY KEY,
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    kind text NOT NULL,
    file_name text NOT NULL,
    path text NOT NULL,
    present boolean NOT NULL,
    sha256 text,
    size_bytes bigint,
    estimated_rows bigint,
    -- set when the file is byte for byte the last one merged of its kind: it is not read again
    same_as_source_file_id bigint REFERENCES source_file (source_file_id),
    rows_accepted bigint,
    rows_rejected bigint,
    rows_new bigint,
    rows_changed bigint,
    rows_unchanged bigint,
    rows_withdrawn bigint,
    registered_at timestamptz NOT NULL DEFAULT now(),
    merged_at timestamptz,
    UNIQUE (run_id, kind)
);

-- A large file is loaded in parts (line ranges starting on a record) that run in parallel; each
-- part counts the rows it read in its own row, so parallel chunks never wait on one counter.
CREATE TABLE source_file_part (
    part_id bigserial PRIMARY KEY,
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    part_no integer NOT NULL,
    first_line bigint NOT NULL,
    first_byte bigint NOT NULL,
    last_line bigint,
    rows_read bigint NOT NULL DEFAULT 0,
    UNIQUE (source_file_id, part_no)
);

-- source_file with the rows read so far by all its parts
CREATE VIEW source_file_totals AS
    SELECT s.*, coalesce((SELECT sum(p.rows_read) FROM source_file_part p WHERE p.source_file_id = s.source_file_id), 0)::bigint AS rows_read
    FROM source_file s;

-- A row that could not be loaded: never dropped, always explained.
CREATE TABLE ingest_rejection (
    rejection_id bigserial PRIMARY KEY,
    run_id bigint NOT NULL REFERENCES billing_run (run_id),
    source_file_id bigint NOT NULL REFERENCES source_file (source_file_id),
    line_no integer NOT NULL,
    column_name text,
    value_excerpt text,
    reason text NOT NULL,
    UNIQUE (source_file_id, line_no)
);
