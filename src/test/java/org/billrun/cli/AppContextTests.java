package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.billrun.infra.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an external database's settings become for Spring and, through Hikari, for pgjdbc. */
class AppContextTests {

    private static final String HIKARI_DRIVER = "spring.datasource.hikari.data-source-properties.";

    @TempDir
    Path dir;

    @Test
    void tlsSettingsReachTheDriverAsSslmodeAndSslrootcert() throws Exception {
        Path ca = Files.writeString(dir.resolve("db-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        DatabaseSettings db = DatabaseSettings.resolve("jdbc:postgresql://db.internal:5432/billrun", "billrun", "s3cret", null, Map.of())
                .withTls("verify-full", ca);

        Map<String, Object> properties = AppContext.externalDatabaseProperties(db);

        assertThat(properties).containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:5432/billrun")
                .containsEntry("spring.datasource.username", "billrun")
                .containsEntry("spring.datasource.password", "s3cret")
                .containsEntry(HIKARI_DRIVER + "sslmode", "verify-full")
                .containsEntry(HIKARI_DRIVER + "sslrootcert", ca.toAbsolutePath().toString());
    }

    @Test
    void withoutTlsOptionsOrAPasswordTheDriverKeepsItsDefaultsAndReadsPgpass() {
        DatabaseSettings db = DatabaseSettings.resolve("jdbc:postgresql://db.internal:5432/billrun", null, null, null, Map.of());

        assertThat(AppContext.externalDatabaseProperties(db)).containsOnlyKeys("spring.datasource.url");
    }
}
