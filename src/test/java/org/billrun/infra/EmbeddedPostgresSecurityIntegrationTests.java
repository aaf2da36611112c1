package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresSecurityIntegrationTests {

    @TempDir
    Path dir;

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aLoginWithoutThePasswordOrWithAWrongOneIsRefused() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"))) {
            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(40);
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("refused: a password is required").isIn("08004", "28000", "28P01"));
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password())) {
                assertThat(query(c, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void theServerListensOnLoopbackOnlyAndOffersNoUnixSocket() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password())) {
            assertThat(query(c, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(query(c, "SHOW unix_socket_directories")).isEmpty();
            assertThat(query(c, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")).isEqualTo("t");
            assertThat(query(c, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");
        }
    }

    @Test
    void theDataDirectoryAndThePasswordFileAreOwnerOnly() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            Path passwordFile = data.resolve(EmbeddedAccess.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile, StandardCharsets.UTF_8).strip()).isEqualTo(server.password());
        }
    }

    @Test
    void thePasswordSurvivesARestartAndLoosenedPermissionsAreTightenedAgain() throws Exception {
        Path data = dir.resolve("pg");
        String first;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            first = server.password();
        }
        Files.setPosixFilePermissions(data.resolve(EmbeddedAccess.PASSWORD_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data);
                Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", first)) {
            assertThat(again.password()).isEqualTo(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(EmbeddedAccess.PASSWORD_FILE))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aTrustModeDataDirectoryFromAnOlderBillrunIsUpgradedInPlaceAndKeepsItsRows() throws Exception {
        Path data = dir.resolve("pg");
        // what billrun 0.3 did: zonky's defaults, initdb -A trust, no password
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
                Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('from the old billrun')");
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");
        assertThat(data.resolve(EmbeddedAccess.PASSWORD_FILE)).doesNotExist();

        try (EmbeddedPostgresServer upgraded = EmbeddedPostgresServer.start(data)) {
            assertThatThrownBy(() -> DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", upgraded.password())) {
                assertThat(query(c, "SELECT v FROM kept")).isEqualTo("from the old billrun");
            }
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).isEqualTo(EmbeddedAccess.PG_HBA).doesNotContain("trust");
            assertThat(Files.readString(data.resolve(EmbeddedAccess.PASSWORD_FILE)).strip()).isEqualTo(upgraded.password());
        }
    }
}
