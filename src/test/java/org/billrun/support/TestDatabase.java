package org.billrun.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL for the whole test JVM, started from the same zonky binaries as the product's
 * embedded database, in a throw-away data directory.
 */
public final class TestDatabase {

    private static final EmbeddedPostgres PG = start();

    private TestDatabase() {}

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    private static final java.nio.file.Path REPORTS = reportsFolder();

    private static java.nio.file.Path reportsFolder() {
        try {
            return java.nio.file.Files.createTempDirectory("billrun-test-reports");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test reports folder", e);
        }
    }

    /** Where the integration tests' runs leave their reports: one folder for the test JVM, never ~/.billrun. */
    public static java.nio.file.Path reportsRoot() {
        return REPORTS;
    }

    public static String jdbcUrl() {
        return PG.getJdbcUrl("postgres", "postgres");
    }

    /** A separate database on the same server, for tests that need a schema of their own. */
    public static String createDatabase(String name) {
        try (var connection = PG.getPostgresDatabase().getConnection(); var st = connection.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return PG.getJdbcUrl("postgres", name);
    }

    /**
     * A copy of the database {@code template} of this server under a new name (PostgreSQL's {@code CREATE DATABASE ...
     * TEMPLATE}, a file copy): a test that needs the state a run left starts from another test's run instead of running it
     * again. Nobody may be connected to {@code template} meanwhile.
     */
    public static String copyDatabase(String template, String name) {
        try (var connection = PG.getPostgresDatabase().getConnection(); var st = connection.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return PG.getJdbcUrl("postgres", name);
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
