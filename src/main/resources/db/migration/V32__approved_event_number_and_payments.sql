-- The `approved` event carries the invoice's final number (docs/events.md). Approval changes the version's
-- state first and then, in the same transaction, takes the final number and inserts the posting row
-- (ApprovalService, PostingQueries.enqueue): an immediate trigger on the state change saw no number yet and
-- published `final_number: null`. The approved event is now made by a constraint trigger deferred to the end
-- of the approval's transaction, when the posting row is there; it is still in that transaction (a rollback
-- leaves no event) and still numbered after the invoice's earlier events. `rejected` stays immediate.
CREATE FUNCTION event_from_approval() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a approval_action;
    number text;
    now_state text;
BEGIN
    -- the state at the end of the transaction: a version approved and changed again before commit is not approved
    SELECT state INTO now_state FROM invoice_version WHERE version_id = NEW.version_id;
    IF now_state IS DISTINCT FROM 'approved' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO a FROM approval_action WHERE version_id = NEW.version_id ORDER BY action_id DESC LIMIT 1;
    SELECT final_number INTO number FROM posting WHERE version_id = NEW.version_id;
    PERFORM event_outbox_add('approved', NEW.version_id, number,
        jsonb_build_object('by', NEW.decided_by, 'action', a.action, 'rule', a.rule, 'reason', a.reason, 'comment', a.comment));
    RETURN NULL;
END
$$;

DROP TRIGGER event_from_invoice_version_decided ON invoice_version;
CREATE TRIGGER event_from_invoice_version_rejected AFTER UPDATE OF state ON invoice_version
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state = 'rejected')
    EXECUTE FUNCTION event_from_invoice_version();
CREATE CONSTRAINT TRIGGER event_from_invoice_version_approved AFTER UPDATE OF state ON invoice_version
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state = 'approved')
    EXECUTE FUNCTION event_from_approval();
