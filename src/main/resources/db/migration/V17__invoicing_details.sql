-- What a final invoice and its e-invoice need of the seller and the buyer beyond drafting's master data
-- (docs/input-formats.md, entities.csv and clients.csv; docs/e-invoices.md): optional columns, so an export
-- without them still loads. The seller's Peppol participant id, company registration id, post code and city,
-- its accounts-receivable contact and the bank account clients pay to; the client's Peppol participant id,
-- post code and city.

ALTER TABLE entity
    ADD COLUMN peppol_id text,
    ADD COLUMN company_id text,
    ADD COLUMN post_code text,
    ADD COLUMN city text,
    ADD COLUMN contact_name text,
    ADD COLUMN contact_phone text,
    ADD COLUMN contact_email text,
    ADD COLUMN bank_account text,
    ADD COLUMN bic text,
    ADD COLUMN bank_name text;

ALTER TABLE client
    ADD COLUMN peppol_id text,
    ADD COLUMN post_code text,
    ADD COLUMN city text;

-- the views' "x.*" was expanded when they were created: replace them to take the new columns in
CREATE OR REPLACE VIEW current_entity AS
    SELECT x.* FROM entity x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;
CREATE OR REPLACE VIEW current_client AS
    SELECT x.* FROM client x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;
