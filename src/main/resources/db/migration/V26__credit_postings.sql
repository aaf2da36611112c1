-- Posting credit memos (docs/credits.md, "Posting"): an approved credit memo gets its posting row in the
-- transaction of the approval that numbers it, in the same posting table, batches, control totals and
-- ledger as invoices, and `billrun post` sends it as a credit note through the same adapter.
--
-- A posting is now of an invoice version (version_id) or of a credit memo (credit_id), never both. Its
-- run_id, draft_id and version_no are those of the credited invoice version, so that V24's posting events
-- of a credit note land on the credited invoice's event stream (with the credit note's final number).
-- The numbers of the two series are each unique per entity and year (an entity's invoice 000001 and credit
-- note 000001 both exist).

ALTER TABLE posting ALTER COLUMN version_id DROP NOT NULL;
ALTER TABLE posting ADD COLUMN credit_id bigint UNIQUE REFERENCES credit_memo (credit_id);
ALTER TABLE posting ADD CONSTRAINT posting_invoice_or_credit CHECK (num_nonnulls(version_id, credit_id) = 1);
ALTER TABLE posting DROP CONSTRAINT posting_entity_id_fiscal_year_seq_key;
CREATE UNIQUE INDEX posting_invoice_seq ON posting (entity_id, fiscal_year, seq) WHERE credit_id IS NULL;
CREATE UNIQUE INDEX posting_credit_seq ON posting (entity_id, fiscal_year, seq) WHERE credit_id IS NOT NULL;

-- What a posting posts never changes (V16's posting_control covers the version and the amounts).
CREATE FUNCTION posting_credit_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.credit_id IS DISTINCT FROM OLD.credit_id THEN
        RAISE EXCEPTION 'posting refused: the credit memo of % does not change', OLD.final_number;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER posting_credit_fixed BEFORE UPDATE ON posting FOR EACH ROW EXECUTE FUNCTION posting_credit_fixed();
