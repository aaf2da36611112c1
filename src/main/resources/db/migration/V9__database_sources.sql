-- A run reads its input from a folder of CSV files or from a database through one SQL query per
-- input kind. A query source is recorded like a file: sha256 holds the digest of the rows the query
-- returned (see org.billrun.ingest.ContentDigest), estimated_rows their exact count, path the JDBC
-- URL (which never carries credentials), and the query text with its own SHA-256.
ALTER TABLE source_file
    ADD COLUMN origin text NOT NULL DEFAULT 'file' CHECK (origin IN ('file', 'query')),
    ADD COLUMN query_text text,
    ADD COLUMN query_sha256 text,
    ADD CONSTRAINT source_file_query_text CHECK (origin = 'file' OR NOT present OR query_text IS NOT NULL);

-- A rejected row is known by its record id where it could be read, and by its line (file) or its
-- row number in read order (query). A database row has no line: its key is how a person finds it.
ALTER TABLE ingest_rejection ADD COLUMN record_key text;

-- The view's s.* was expanded when it was created: create it again to show the new columns.
DROP VIEW source_file_totals;
CREATE VIEW source_file_totals AS
    SELECT s.*, coalesce((SELECT sum(p.rows_read) FROM source_file_part p WHERE p.source_file_id = s.source_file_id), 0)::bigint AS rows_read
    FROM source_file s;
