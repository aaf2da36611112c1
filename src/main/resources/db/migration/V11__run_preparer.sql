-- Who prepared a run: the actor of the command that started it (the OS user with the embedded database,
-- the database login with an external one). Runs from before this migration were started by an actor
-- billrun did not record; approval refuses a preparer's own approval, so they keep a visible placeholder.
ALTER TABLE billing_run ADD COLUMN preparer text;
UPDATE billing_run SET preparer = 'unknown (before V11)' WHERE preparer IS NULL;
ALTER TABLE billing_run ALTER COLUMN preparer SET NOT NULL;
