-- The version of a consultant, client or legal entity in force for a run, looked up by its key
-- (masterdata.AsOfRun.versionOf): the invoice PDFs ask for the parties and consultant names of 32 drafts at a
-- time. Without an index each such query sorted every version of the table (150,000 consultants in the largest
-- generated firm) to pick a few; with one, each key is a short backward scan of its own versions.
CREATE INDEX consultant_version ON consultant (consultant_id, id);
CREATE INDEX client_version ON client (client_id, id);
CREATE INDEX entity_version ON entity (entity_id, id);
