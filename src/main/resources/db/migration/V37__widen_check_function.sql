-- One function for the migrations that add values to a check constraint of the form "col IN ('a', 'b', ...)".
-- V16, V25, V27, V28, V32 and V36 each repeated this as a DO block; the later migrations call it instead.
-- It adds to whatever the constraint allows now (never removes), so migrations that widen the same
-- constraint may run in any order, and widening with a value already allowed changes nothing.
CREATE FUNCTION billrun_widen_check(tbl regclass, constraint_name text, col text, additions text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conrelid = tbl AND c.conname = constraint_name
        UNION SELECT unnest(additions)) x;
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', tbl, constraint_name);
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I IN (%s))', tbl, constraint_name, col, allowed);
END
$$;
