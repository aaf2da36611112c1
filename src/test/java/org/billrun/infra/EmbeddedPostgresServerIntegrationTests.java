package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIntegrationTests {

    @TempDir
    Path dir;

    private static Connection connect(EmbeddedPostgresServer server) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static String setting(EmbeddedPostgresServer server, String name) throws Exception {
        try (Connection c = connect(server);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void runsWithDurableSettingsAndKeepsItsDataBetweenStarts() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data);
                Connection c = connect(again);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aSecondStartWhileTheServerRunsConnectsToItInsteadOfStartingAnother() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer owner = EmbeddedPostgresServer.start(data)) {
            try (EmbeddedPostgresServer guest = EmbeddedPostgresServer.start(data)) {
                assertThat(guest.jdbcUrl()).isEqualTo(owner.jdbcUrl());
                assertThat(guest.password()).as("the guest reads the owner's password file").isEqualTo(owner.password());
                try (Connection c = connect(guest)) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
            assertThat(setting(owner, "fsync")).as("the guest left the owner's server running").isEqualTo("on");
        }
    }
}
