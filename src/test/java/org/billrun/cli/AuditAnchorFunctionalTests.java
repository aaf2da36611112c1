package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `billrun audit verify --anchor` and the audit key through the packaged jar: the head signed and printed,
 * the key never shown, and a chain rebuilt by the database's superuser caught with the key only.
 */
class AuditAnchorFunctionalTests {

    private static final String KEY = "kept-outside-the-database-9f3a1c2e7b5d4f6a8e0c";

    @TempDir
    Path work;

    @Test
    void aChainRebuiltWithRecomputedHashesPassesWithoutTheKeyAndFailsWithIt() throws Exception {
        Path dataDir = work.resolve("pg");
        Path keyFile = work.resolve("audit.key");
        Files.writeString(keyFile, KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> withKey = Map.of("BILLRUN_AUDIT_KEY_FILE", keyFile.toString());
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir.toString(), "run", "--period", "2026-10",
                "--input", input.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        BillrunProcess.Result anchored = BillrunProcess.run(work, withKey, "--data-dir", dataDir.toString(), "audit", "verify", "--anchor");
        assertThat(anchored.exitCode()).as(anchored.stderr()).isZero();
        assertThat(anchored.stdout()).containsPattern("anchored head: entry \\d+ hash [0-9a-f]{64} hmac [0-9a-f]{64}");
        assertThat(anchored.stdout() + anchored.stderr()).doesNotContain(KEY);

        BillrunProcess.Result checked = BillrunProcess.run(work, withKey, "--data-dir", dataDir.toString(), "audit", "verify");
        assertThat(checked.exitCode()).as(checked.stderr()).isZero();
        assertThat(checked.stdout()).contains("anchors: 1, of which 1 signed and checked with the audit key");

        rebuildTheChain(dataDir);

        BillrunProcess.Result plain = BillrunProcess.run(work, "--data-dir", dataDir.toString(), "audit", "verify");
        assertThat(plain.exitCode()).as("the chain alone cannot tell: " + plain.stderr()).isZero();
        BillrunProcess.Result keyed = BillrunProcess.run(work, "--data-dir", dataDir.toString(), "audit", "verify",
                "--audit-key-file", keyFile.toString());
        assertThat(keyed.exitCode()).isEqualTo(ExitCodes.AUDIT_BROKEN);
        assertThat(keyed.stderr()).contains("billrun: audit log broken: anchor 1", "does not carry this key's HMAC").doesNotContain(KEY);
    }

    @Test
    void aKeyFileOtherUsersMayReadIsRefused() throws Exception {
        Path keyFile = work.resolve("audit.key");
        Files.writeString(keyFile, KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        BillrunProcess.Result verify = BillrunProcess.run(work, "--data-dir", work.resolve("pg").toString(), "audit", "verify",
                "--audit-key-file", keyFile.toString());

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(verify.stderr()).contains("can be read or changed by other users", "chmod 600").doesNotContain(KEY);
    }

    /** As the superuser: change the first entry, recompute every hash after it, make the anchors match. */
    private static void rebuildTheChain(Path dataDir) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                Statement st = c.createStatement()) {
            st.execute("""
                    SET session_replication_role = replica;
                    UPDATE audit_log SET detail = 'nothing to see' WHERE audit_id = (SELECT min(audit_id) FROM audit_log);
                    DO $$
                    DECLARE
                        r audit_log;
                        prev text := repeat('0', 64);
                    BEGIN
                        FOR r IN SELECT * FROM audit_log ORDER BY audit_id LOOP
                            r.prev_hash := prev;
                            prev := encode(sha256(convert_to(audit_log_payload(r), 'UTF8')), 'hex');
                            UPDATE audit_log SET prev_hash = r.prev_hash, hash = prev WHERE audit_id = r.audit_id;
                        END LOOP;
                    END $$;
                    UPDATE audit_anchor n SET hash = a.hash FROM audit_log a WHERE a.audit_id = n.audit_id;
                    SET session_replication_role = origin""");
        }
    }
}
