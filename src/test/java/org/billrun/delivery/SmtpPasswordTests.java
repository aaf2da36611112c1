package org.billrun.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpPasswordTests {

    private static final String SECRET = "smtp-s3cret-never-shown";

    @TempDir
    Path dir;

    private Path file(String content, String mode) throws Exception {
        Path f = dir.resolve("smtp-password");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void theFirstLineOfAnOwnerOnlyFileIsThePassword() throws Exception {
        assertThat(SmtpPassword.read(file(SECRET + "\nignored\n", "rw-------"), null)).contains(SECRET);
    }

    @Test
    void withoutAFileSpringBootsOwnSettingStands() {
        assertThat(SmtpPassword.read(null, null)).isEmpty();
    }

    @Test
    void aFileOthersCanReadIsRefusedAndTheMessageNamesTheFileNotThePassword() throws Exception {
        Path f = file(SECRET, "rw-r--r--");

        assertThatThrownBy(() -> SmtpPassword.read(f, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("chmod 600").hasMessageNotContaining(SECRET);
    }

    @Test
    void anEmptyOrMissingFileIsRefused() throws Exception {
        assertThatThrownBy(() -> SmtpPassword.read(file("\n", "rw-------"), null)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> SmtpPassword.read(dir.resolve("none"), null)).hasMessageContaining("does not exist");
    }

    @Test
    void aPasswordGivenAsASystemPropertyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> SmtpPassword.read(null, SECRET)).hasMessageContaining("system property")
                .hasMessageContaining("BILLRUN_DELIVERY_SMTP_PASSWORD_FILE").hasMessageNotContaining(SECRET);
    }
}
