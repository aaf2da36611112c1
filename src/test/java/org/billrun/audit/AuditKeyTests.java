package org.billrun.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.billrun.infra.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTests {

    private static final String SECRET = "k7Qz0v5vJ8Q8dE1rXw3nYbH2sLm9TfUa4cRgPjKoNiE=";
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    private Path keyFile(String content, String mode) throws Exception {
        Path file = dir.resolve("audit.key");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void theHmacIsHexSha256OfTheHeadAndChangesWithTheEntryTheHashAndTheKey() throws Exception {
        AuditKey key = AuditKey.read(keyFile(SECRET + "\n", "rw-------"));
        String hmac = key.sign(17, HASH);

        assertThat(hmac).matches("[0-9a-f]{64}").isEqualTo(key.sign(17, HASH));
        assertThat(key.signed(17, HASH, hmac)).isTrue();
        assertThat(key.signed(18, HASH, hmac)).as("another entry").isFalse();
        assertThat(key.signed(17, "b".repeat(64), hmac)).as("a recomputed hash").isFalse();
        assertThat(key.signed(17, HASH, null)).as("an anchor without an HMAC").isFalse();
        AuditKey other = new AuditKey(("x" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(other.signed(17, HASH, hmac)).as("another key").isFalse();
    }

    @Test
    void theFilesTrailingLineBreakIsNotPartOfTheKey() throws Exception {
        String withNewline = AuditKey.read(keyFile(SECRET + "\n", "rw-------")).sign(1, HASH);
        String without = AuditKey.read(keyFile(SECRET, "r--------")).sign(1, HASH);

        assertThat(withNewline).isEqualTo(without);
    }

    @Test
    void aKeyFileOthersMayReadAShortKeyOrNoFileIsRefusedWithoutQuotingTheKey() throws Exception {
        Path loose = keyFile(SECRET, "rw-r-----");
        assertThatThrownBy(() -> AuditKey.read(loose)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("can be read or changed by other users").hasMessageContaining("chmod 600")
                .hasMessageNotContaining(SECRET);
        Path shortKey = keyFile("only-twenty-bytes-xx", "rw-------");
        assertThatThrownBy(() -> AuditKey.read(shortKey)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("at least 32 bytes, not 20");
        assertThatThrownBy(() -> AuditKey.read(dir.resolve("missing.key"))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("does not exist");
        assertThat(AuditKey.read(keyFile(SECRET, "rw-------")).toString()).doesNotContain(SECRET);
    }
}
