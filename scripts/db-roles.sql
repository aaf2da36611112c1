-- Database roles for billrun on an external PostgreSQL (docs/database-roles.md). Run it as the owner of
-- billrun's tables (the role that ran the migrations) or a superuser, after every `billrun db migrate`:
--   psql -h HOST -U billrun_owner -d billrun -v ON_ERROR_STOP=1 -f scripts/db-roles.sql
-- It is idempotent. billrun_app is a group without login: give it to each login billrun runs under,
--   CREATE ROLE billrun_batch LOGIN PASSWORD '...' IN ROLE billrun_app;
-- The application role owns nothing and is no superuser, so it can neither switch a table's triggers
-- off (ALTER TABLE ... DISABLE TRIGGER) nor skip them (session_replication_role): the append-only
-- and posted-invoice triggers hold for it. Plain SQL, no psql commands: DatabaseRolesIntegrationTests runs it.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'billrun_app') THEN
        CREATE ROLE billrun_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO billrun_app;
REVOKE CREATE ON SCHEMA public FROM billrun_app;

-- start from nothing, so that a table that moved between the groups below loses what it had
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM billrun_app;

-- every table: read and write
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO billrun_app;

-- append-only: the audit log, its anchors, approval actions, the lines of invoice versions, the event outbox,
-- the bounces read (a notification read again is skipped, not rewritten), a rebill draft's link to its credit
-- memo (it goes with its draft by the foreign key's ON DELETE CASCADE, which runs as the table's owner)
REVOKE UPDATE, DELETE ON audit_log, audit_anchor, approval_action, invoice_version_line, event_outbox,
    delivery_bounce, draft_rebill FROM billrun_app;

-- never deleted: invoice versions and their review tasks, postings (posted invoices), the ERP ledger, final numbers,
-- the PDF and UBL sent for a posting (a later attempt replaces the earlier one's: UPDATE), milestone evidence
-- (a run marks it seen again, a person decides it, purge pseudonymises its sender: UPDATE)
REVOKE DELETE ON invoice_version, approval_task, posting, posting_ledger, final_number_counter,
    posting_document, milestone_evidence FROM billrun_app;

-- sequences: nextval and currval
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO billrun_app;
