package org.billrun.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.billrun.infra.Actor;
import org.billrun.infra.RefusedException;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit chain's anchored heads signed with the audit key: what a database superuser who edits an
 * entry and recomputes every hash after it (and the anchors' hashes) gets past, and what they do not.
 */
@BillrunIntegrationTest
class AuditAnchorIntegrationTests {

    private static final Optional<AuditKey> KEY = Optional.of(new AuditKey("a secret kept outside the database, 32+ bytes".getBytes(StandardCharsets.UTF_8)));

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    long first;

    @BeforeEach
    void aSignedChain() {
        new DatabaseState(jdbc).reset();
        appendWaivers(1, 2, 3);
        audit.anchorHead("finance", KEY);
        appendWaivers(4, 5);
        audit.anchorHead("finance", KEY);
        first = jdbc.sql("SELECT min(audit_id) FROM audit_log").query(Long.class).single();
    }

    private void appendWaivers(long... subjects) {
        for (long subject : subjects) {
            audit.append(List.of(new AuditLog.Entry("finance", AuditAction.WAIVED, "exception", subject, null, "accepted as it is")));
        }
    }

    /**
     * What a superuser can do without the key: change an entry, chain every later one anew, and make the
     * anchors match. One string, so that every statement runs on the same connection, in replica mode.
     */
    private void rebuildTheChainFrom(long changed) {
        jdbcTemplate.execute("""
                SET session_replication_role = replica;
                UPDATE audit_log SET detail = 'nothing to see' WHERE audit_id = %2$d;
                DO $$
                DECLARE
                    r audit_log;
                    prev text := (SELECT hash FROM audit_log WHERE audit_id = %1$d);
                BEGIN
                    FOR r IN SELECT * FROM audit_log WHERE audit_id >= %2$d ORDER BY audit_id LOOP
                        r.prev_hash := prev;
                        prev := encode(sha256(convert_to(audit_log_payload(r), 'UTF8')), 'hex');
                        UPDATE audit_log SET prev_hash = r.prev_hash, hash = prev WHERE audit_id = r.audit_id;
                    END LOOP;
                END $$;
                UPDATE audit_anchor n SET hash = a.hash FROM audit_log a WHERE a.audit_id = n.audit_id;
                SET session_replication_role = origin""".formatted(changed - 1, changed));
    }

    @Test
    void anAnchorCarriesTheHmacOfTheHeadItRecords() {
        AuditLog.Head head = audit.anchorHead("finance", KEY).orElseThrow();

        assertThat(head.auditId()).isEqualTo(first + 4);
        assertThat(head.hmac()).isEqualTo(KEY.get().sign(head.auditId(), head.hash()));
        assertThat(jdbc.sql("SELECT hmac FROM audit_anchor ORDER BY anchor_id DESC LIMIT 1").query(String.class).single())
                .isEqualTo(head.hmac());
        AuditLog.Verification verification = audit.verify(KEY);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.keyed()).isTrue();
        assertThat(verification.anchors()).isEqualTo(3);
        assertThat(verification.signedAnchors()).isEqualTo(3);
        assertThat(verification.lastId()).isEqualTo(first + 4);
    }

    @Test
    void aRebuiltChainPassesPlainVerificationButNotTheKeys() {
        rebuildTheChainFrom(first + 1);

        AuditLog.Verification plain = audit.verify(Optional.empty());
        assertThat(plain.intact()).as("hashes recomputed and anchors rewritten: the chain alone cannot tell").isTrue();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE audit_id = ?").param(first + 1).query(String.class).single())
                .isEqualTo("nothing to see");

        AuditLog.Verification keyed = audit.verify(KEY);
        assertThat(keyed.intact()).isFalse();
        assertThat(keyed.firstBrokenRow()).isEmpty();
        assertThat(keyed.hmacBroken()).get().asString().startsWith("anchor ").contains("does not carry this key's HMAC");
    }

    @Test
    void aRebuiltChainWhoseSignedAnchorsWereRemovedLeavesNothingToCheckAndTheCountsShowIt() {
        rebuildTheChainFrom(first + 1);
        jdbcTemplate.execute("SET session_replication_role = replica; DELETE FROM audit_anchor; SET session_replication_role = origin");
        audit.anchorHead("finance", Optional.empty());

        AuditLog.Verification keyed = audit.verify(KEY);
        assertThat(keyed.intact()).as("a limit of any record kept inside the database: --anchor prints the head to keep outside").isTrue();
        assertThat(keyed.anchors()).isEqualTo(1);
        assertThat(keyed.signedAnchors()).isZero();
    }

    @Test
    void withAnotherKeyEveryAnchorFails() {
        Optional<AuditKey> other = Optional.of(new AuditKey("another secret, also more than 32 bytes".getBytes(StandardCharsets.UTF_8)));

        assertThat(audit.verify(other).hmacBroken()).get().asString().contains("or the key is not the one it was signed with");
        assertThat(audit.verify(Optional.empty()).intact()).isTrue();
    }

    @Test
    void aConfiguredKeyFileThatCannotBeUsedRefusesTheAnchorInsteadOfWritingItUnsigned(@TempDir Path dir) throws Exception {
        Path loose = Files.writeString(dir.resolve("audit.key"), "a secret kept outside the database, 32+ bytes\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-rw-r--"));
        AuditLog configured = new AuditLog(jdbcTemplate, Actor.named("finance"), loose.toString());
        long before = jdbc.sql("SELECT count(*) FROM audit_anchor").query(Long.class).single();

        assertThatThrownBy(() -> configured.anchorHead("finance")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("can be read or changed by other users");
        assertThatThrownBy(configured::verify).isInstanceOf(RefusedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_anchor").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aConfiguredKeyFileSignsTheAnchors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("audit.key"), "a secret kept outside the database, 32+ bytes\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AuditLog configured = new AuditLog(jdbcTemplate, Actor.named("finance"), file.toString());

        assertThat(configured.anchorHead("finance").orElseThrow().hmac()).isNotNull();
        assertThat(configured.verify().signedAnchors()).isEqualTo(3);
        assertThat(configured.verify().intact()).isTrue();
    }

    @Test
    void withoutAConfiguredKeyAnchorsAreUnsignedAndOnlyCounted() {
        assertThat(audit.configuredKey()).isEmpty();
        assertThat(audit.anchorHead("finance").orElseThrow().hmac()).isNull();

        AuditLog.Verification verification = audit.verify(KEY);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.anchors()).isEqualTo(3);
        assertThat(verification.signedAnchors()).isEqualTo(2);
    }
}
