-- Adjustments (docs/approval.md, "Commands"): the lines of an invoice's versions 2 and later. Version 1's
-- lines are the draft's (draft_line); a later version keeps the draft's line numbers, descriptions and tax
-- bases and carries each line's net and tax as the adjustment arithmetic (billing/InvoiceAdjustment)
-- recomputed them. written_off marks a line written off in this or an earlier version: the records it
-- bills are written off (reason and approver on the version and its actions), not billed.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   invoice_version_line.adjustment   billing.InvoiceAdjustment.Kind

CREATE TABLE invoice_version_line (
    version_id bigint NOT NULL REFERENCES invoice_version (version_id),
    line_no integer NOT NULL,
    net numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    adjustment text CONSTRAINT invoice_version_line_adjustment_check CHECK (adjustment IN ('write_down', 'write_up', 'write_off')),
    change numeric(19,4),
    written_off boolean NOT NULL DEFAULT false,
    PRIMARY KEY (version_id, line_no)
);

CREATE TRIGGER invoice_version_line_append_only BEFORE UPDATE OR DELETE ON invoice_version_line
    FOR EACH ROW EXECUTE FUNCTION approval_append_only();
