-- The HMAC-SHA256 of each anchored head (entry id and hash) under the audit key, a secret kept in a file
-- outside the database (BILLRUN_AUDIT_KEY_FILE, see org.billrun.audit.AuditKey). Null when no key was
-- configured at the time. A superuser can recompute the chain's plain SHA-256 hashes and rewrite the
-- anchors, but not these: billrun audit verify with the key detects the rebuilt chain.
ALTER TABLE audit_anchor ADD COLUMN hmac text;
