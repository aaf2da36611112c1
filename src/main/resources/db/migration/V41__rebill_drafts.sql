-- Rebills (docs/credits.md, "Rebills"): an approved credit memo asked with --rebill reopens the records of the
-- lines it gives back, and runs of the credited invoice's period draft them again on a draft of their own
-- beside the contract's invoiced one, <period>-<prefix>-<contract>-R<credit id>. This table says which
-- credit each such draft rebills, so lineage follows source record -> original line -> credit line -> rebill line.
--
-- Like every draft, a rebill draft is replaced while no one has acted on it (a later run supersedes it) and
-- only one draft per id is live (draft_invoice_one_live), so one credit's records are never on two live
-- rebills; once acted on, the credit's rebill is done and no run drafts it again.
CREATE TABLE draft_rebill (
    run_id bigint NOT NULL,
    draft_id text NOT NULL,
    credit_id bigint NOT NULL REFERENCES credit_memo (credit_id),
    PRIMARY KEY (run_id, draft_id),
    FOREIGN KEY (run_id, draft_id) REFERENCES draft_invoice (run_id, draft_id) ON DELETE CASCADE
);
CREATE INDEX draft_rebill_credit ON draft_rebill (credit_id);
