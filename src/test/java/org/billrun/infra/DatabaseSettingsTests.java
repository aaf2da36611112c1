package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTests {

    @TempDir
    Path dir;

    @Test
    void aPasswordFileComesFirstThenTheOptionThenBillrunsVariableThenSpringsThenNone() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\nsecond line ignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("BILLRUN_DB_PASSWORD", "from-billrun-env", "SPRING_DATASOURCE_PASSWORD", "from-spring-env");

        assertThat(DatabasePassword.resolve(file, null, env)).isEqualTo(new DatabasePassword("from-file", DatabasePassword.Source.FILE));
        assertThat(DatabasePassword.resolve(null, "from-option", env).value()).isEqualTo("from-option");
        assertThat(DatabasePassword.resolve(null, null, env).value()).isEqualTo("from-billrun-env");
        assertThat(DatabasePassword.resolve(null, null, Map.of("SPRING_DATASOURCE_PASSWORD", "from-spring-env")).value())
                .isEqualTo("from-spring-env");
        assertThat(DatabasePassword.resolve(null, null, Map.of()))
                .as("none given: pgjdbc reads PGPASSFILE or ~/.pgpass").isEqualTo(new DatabasePassword(null, DatabasePassword.Source.NONE));
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> DatabasePassword.resolve(file, null, Map.of()))
                .isInstanceOf(DatabasePassword.UnusableException.class)
                .hasMessageContaining("rw-r-----").hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("s3cret-value");
    }

    @Test
    void anEmptyOrMissingPasswordFileAndTwoPasswordsAtOnceAreRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        assertThatThrownBy(() -> DatabasePassword.resolve(empty, null, Map.of())).hasMessageContaining("is empty");
        assertThatThrownBy(() -> DatabasePassword.resolve(dir.resolve("missing"), null, Map.of())).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DatabasePassword.resolve(empty, "x", Map.of())).hasMessageContaining("not both");
    }

    @Test
    void describingAnExternalDatabaseMasksPasswordsInItsUrl() {
        DatabaseSettings settings = DatabaseSettings.resolve("jdbc:postgresql://db:5432/billrun?user=u&password=hunter2&sslpassword=k3y&ssl=true",
                null, "option-secret", null, Map.of());

        assertThat(settings.describe()).isEqualTo("jdbc:postgresql://db:5432/billrun?user=u&password=***&sslpassword=***&ssl=true");
        assertThat(settings.toString()).doesNotContain("hunter2", "k3y", "option-secret");
    }

    @Test
    void tlsSettingsAreCheckedAndOnlyForAnExternalDatabase() throws Exception {
        DatabaseSettings external = DatabaseSettings.resolve("jdbc:postgresql://db/billrun", "u", null, null, Map.of());
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        DatabaseSettings tls = external.withTls("verify-full", ca);
        assertThat(tls.sslMode()).isEqualTo("verify-full");
        assertThat(tls.sslRootCert()).isEqualTo(ca.toAbsolutePath());
        assertThat(external.withTls(null, null)).isSameAs(external);
        assertThatThrownBy(() -> external.withTls("verify_full", null)).hasMessageContaining("disable, require, verify-ca, verify-full");
        assertThatThrownBy(() -> external.withTls("require", dir.resolve("missing.pem"))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> DatabaseSettings.resolve("jdbc:postgresql://db/b?sslmode=require", null, null, null, Map.of())
                .withTls("verify-full", null)).hasMessageContaining("sets sslmode already");
        assertThatThrownBy(() -> DatabaseSettings.resolve(null, null, null, dir, Map.of()).withTls("require", null))
                .hasMessageContaining("for an external PostgreSQL");
    }
}
