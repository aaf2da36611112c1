package org.billrun.support;

/**
 * A fault in the middle of one drafting partition: a trigger by which the database refuses the drafts of the
 * sample firm's client C-KESTREL, as a crash in its partition would leave them unwritten, while the other
 * partitions complete.
 */
public final class RefusedClientDrafts {

    /** Creates the trigger (the run's schema must exist). */
    public static final String CREATE = """
            CREATE FUNCTION test_client_fails() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.client_id = 'C-KESTREL' THEN RAISE EXCEPTION 'test: this client''s partition fails'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER test_client_fails BEFORE INSERT ON draft_invoice FOR EACH ROW EXECUTE FUNCTION test_client_fails()""";

    /** Drops it again. */
    public static final String DROP = "DROP TRIGGER test_client_fails ON draft_invoice; DROP FUNCTION test_client_fails()";

    /** What the database says when it refuses them (the first line of the driver's message). */
    public static final String MESSAGE = "ERROR: test: this client's partition fails";

    private RefusedClientDrafts() {}
}
