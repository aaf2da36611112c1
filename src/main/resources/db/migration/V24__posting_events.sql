-- Posting events (docs/events.md, "Posting events"): the posting table of V16 makes the `posted` and
-- `posting_failed` events of V21's outbox through its generic trigger function, in the transaction that
-- records the ERP's answer. A needs_reconciliation posting makes no event: its outcome is still unknown.
CREATE TRIGGER event_posted AFTER INSERT OR UPDATE OF state ON posting FOR EACH ROW
    WHEN (NEW.state = 'posted') EXECUTE FUNCTION event_from_row('posted', 'erp_document_id');
CREATE TRIGGER event_posting_failed AFTER INSERT OR UPDATE OF state ON posting FOR EACH ROW
    WHEN (NEW.state = 'failed_permanent') EXECUTE FUNCTION event_from_row('posting_failed', 'last_message,attempts');
