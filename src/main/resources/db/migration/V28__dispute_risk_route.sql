-- Dispute risk routing (docs/assistance.md, "Dispute risk"; docs/drafting.md, "Routing"): a draft whose dispute
-- risk is above the policy's approval.dispute-risk-threshold goes to review with the reason DISPUTE_RISK.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   draft_route_reason.code   billing.RouteCode   (widened)

-- Added to whatever the constraint allows now, so that another stage's migration that widens it too can run in
-- either order (as V16 does for the audit actions).
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_literal(a), ', ' ORDER BY a) INTO allowed FROM (
        SELECT m[1] AS a FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') m
        WHERE c.conname = 'draft_route_reason_code_check'
        UNION SELECT 'DISPUTE_RISK') x;
    ALTER TABLE draft_route_reason DROP CONSTRAINT draft_route_reason_code_check;
    EXECUTE 'ALTER TABLE draft_route_reason ADD CONSTRAINT draft_route_reason_code_check CHECK (code IN (' || allowed || '))';
END
$$;
