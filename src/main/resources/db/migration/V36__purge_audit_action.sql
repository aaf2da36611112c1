-- Retention (README, "Operations", "Retention"): billrun purge records each purge in the audit log as 'purged'.
-- Widened like V16 does: added to whatever the constraint allows now, so that the migrations that widen it
-- may run in any order.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'audit_log_action_check'
        UNION SELECT 'purged') x;
    ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
    EXECUTE 'ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (' || allowed || '))';
END
$$;
