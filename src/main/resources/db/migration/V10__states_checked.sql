-- Every state billrun stores is a Java enum, and the database checks the same values, under one
-- naming scheme (<table>_<column>_check) so that a later state is one constant in Java plus a migration
-- that drops and re-adds one constraint. StatesInTheDatabaseIntegrationTests compares each enum with
-- its constraint:
--   draft_invoice.status               billing.DraftStatus         (V6 named it draft_invoice_status_check)
--   draft_invoice.route                draft.InvoiceDraft.Route    (V6: draft_invoice_route_check)
--   validation_exception.status        billing.ExceptionStatus     (V4: validation_exception_status_check)
--   validation_exception.owner_role    billing.OwnerRole           (V4: validation_exception_owner_role_check)
--   draft_route_reason.code            billing.RouteCode           (new)
--   draft_route_reason.reviewer_role   billing.OwnerRole           (new)
--   audit_log.action                   audit.AuditAction           (new)

ALTER TABLE draft_route_reason ADD CONSTRAINT draft_route_reason_code_check
    CHECK (code IN ('OPEN_EXCEPTION', 'WRITE_DOWN', 'RETAINER_OVERAGE', 'AMOUNT_ABOVE_LIMIT', 'TAX_RULE', 'NOTHING_TO_INVOICE'));

ALTER TABLE draft_route_reason ADD CONSTRAINT draft_route_reason_reviewer_role_check
    CHECK (reviewer_role IN ('consultant', 'project_manager', 'finance'));

ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('raised', 'reopened', 'resolved', 'waived', 'drafts_written'));
