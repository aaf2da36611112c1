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

    private static String setting(String url, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
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
            assertThat(setting(server.jdbcUrl(), "fsync")).isEqualTo("on");
            assertThat(setting(server.jdbcUrl(), "synchronous_commit")).isEqualTo("on");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", ""); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data);
                Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", "");
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
            }
            assertThat(setting(owner.jdbcUrl(), "fsync")).as("the guest left the owner's server running").isEqualTo("on");
        }
    }
}
