-- The period tables take their rows by COPY, a file at a time, so the rows of one source file sit in
-- consecutive blocks: a BRIN index finds them as well as a btree did, at a fraction of the cost of
-- maintaining it on every copied row.
DROP INDEX time_entry_source_file;
CREATE INDEX time_entry_source_file ON time_entry USING brin (source_file_id);
DROP INDEX expense_source_file;
CREATE INDEX expense_source_file ON expense USING brin (source_file_id);

