package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestCertificates;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database secrets and TLS through the packaged jar: where a password may come from, that it never
 * shows in stdout, stderr (the logs) or the reports, and that --db-ssl-mode reaches the driver.
 * The "external" database is billrun's own embedded server started here, which wants its password.
 */
class DatabaseSecurityFunctionalTests {

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static EmbeddedPostgresServer external;

    @BeforeAll
    static void startExternalDatabase() throws IOException {
        external = EmbeddedPostgresServer.start(shared.resolve("external-pg"));
    }

    @AfterAll
    static void stopExternalDatabase() throws IOException {
        external.close();
    }

    private static String[] external(String... args) {
        return Stream.concat(Stream.of("--db-url", external.jdbcUrl(), "--db-user", "postgres"), Stream.of(args)).toArray(String[]::new);
    }

    @Test
    void aRunWithThePasswordFromTheEnvironmentNeverShowsItInOutputLogsOrReports() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));

        BillrunProcess.Result run = BillrunProcess.run(work, Map.of("BILLRUN_DB_PASSWORD", external.password()),
                external("--debug", "run", "--period", "2026-10", "--input", input.toString(), "--format", "json"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("visible to other users");
        // the external database is shared by the class's tests, so this run's number depends on which ran before
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            assertThat(reports.filter(folder -> Files.exists(folder.resolve("run-report.json")))).as("this run's report").hasSize(1);
        }
        assertSecretNowhere(external.password(), run, work.resolve("reports"));
    }

    @Test
    void aRefusedLoginSaysSoWithoutQuotingThePasswordItTried() throws Exception {
        String wrong = "wrong-" + external.password();

        BillrunProcess.Result status = BillrunProcess.run(work, Map.of("BILLRUN_DB_PASSWORD", wrong), external("--debug", "status"));

        assertThat(status.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(status.stderr()).contains("refused the login");
        assertSecretNowhere(wrong, status, work.resolve("reports"));
    }

    @Test
    void thePasswordOptionStillWorksButWarnsThatOtherUsersCanSeeIt() throws Exception {
        BillrunProcess.Result status = BillrunProcess.run(work, external("--db-password", external.password(), "status"));

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stderr()).containsOnlyOnce("billrun: warning: --db-password is visible to other users");
        assertThat(status.stderr()).doesNotContain(external.password());
    }

    @Test
    void aRunWithThePasswordOptionLeavesItInNoOutputReportOrTable() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));

        BillrunProcess.Result run = BillrunProcess.run(work,
                external("--db-password", external.password(), "--debug", "run", "--period", "2026-10", "--input", input.toString()));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).containsOnlyOnce("billrun: warning: --db-password is visible to other users");
        assertSecretNowhere(external.password(), run, work.resolve("reports"));
        // nor in the database: job parameters, runs, sources, the audit log, any table
        try (Connection c = DriverManager.getConnection(external.jdbcUrl(), "postgres", external.password());
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(table_name) FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("batch_job_execution_params", "billing_run", "audit_log");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, '"
                        + external.password().replace("'", "''") + "') > 0")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
        }
    }

    @Test
    void aPasswordFileIsUsedOnlyWhenItsOwnerAloneMayReadIt() throws Exception {
        Path file = work.resolve("db-password");
        Files.writeString(file, external.password() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BillrunProcess.Result refused = BillrunProcess.run(work, external("--db-password-file", file.toString(), "status"));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(refused.stderr()).contains("can be read or changed by other users", "chmod 600 " + file)
                .doesNotContain(external.password());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        BillrunProcess.Result accepted = BillrunProcess.run(work, external("--db-password-file", file.toString(), "status"));
        assertThat(accepted.exitCode()).as(accepted.stderr()).isZero();
        assertThat(accepted.stderr()).doesNotContain("warning");
    }

    @Test
    void withoutAnyPasswordTheDriverReadsThePgpassFile() throws Exception {
        Path pgpass = work.resolve("pgpass");
        int port = Integer.parseInt(external.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
        Files.writeString(pgpass, "127.0.0.1:" + port + ":postgres:postgres:" + external.password() + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        BillrunProcess.Result status = BillrunProcess.run(work, Map.of("PGPASSFILE", pgpass.toString()), external("status"));

        assertThat(status.exitCode()).as(status.stderr()).isZero();
    }

    @Test
    void theEmbeddedDatabasesPasswordStaysOutOfOutputLogsAndReports() throws Exception {
        Path dataDir = work.resolve("pg");
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));

        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir.toString(), "--debug", "run", "--period", "2026-10",
                "--input", input.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String password = Files.readString(dataDir.resolve("billrun-password")).strip();
        assertThat(work.resolve("reports/run-1/run-report.json")).exists();
        assertSecretNowhere(password, run, work.resolve("reports"));
    }

    @Test
    void sslModeRequireIsRefusedByAServerWithoutTls() throws Exception {
        BillrunProcess.Result status = BillrunProcess.run(work, Map.of("BILLRUN_DB_PASSWORD", external.password()),
                external("--db-ssl-mode", "require", "status"));

        assertThat(status.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(status.stderr()).contains("SSL");
    }

    @Test
    void verifyFullConnectsToAServerTheGivenAuthoritySignedAndRefusesAnyOther() throws Exception {
        TestCertificates.ServerPki pki = TestCertificates.create(work.resolve("pki"), "billrun test CA");
        TestCertificates.ServerPki stranger = TestCertificates.create(work.resolve("other-pki"), "someone else's CA");
        // TLS only: a connection without it is rejected, so a success below went through TLS
        try (EmbeddedPostgres tlsServer = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", pki.serverCertificate().toString())
                .setServerConfig("ssl_key_file", pki.serverKey().toString())
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), """
                        hostssl all all 127.0.0.1/32 trust
                        hostnossl all all 127.0.0.1/32 reject
                        """))
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + tlsServer.getPort() + "/postgres";

            BillrunProcess.Result verified = BillrunProcess.run(work, "--db-url", url, "--db-user", "postgres",
                    "--db-ssl-mode", "verify-full", "--db-ssl-root-cert", pki.caCertificate().toString(), "status");
            assertThat(verified.exitCode()).as(verified.stderr()).isZero();

            BillrunProcess.Result plain = BillrunProcess.run(work, "--db-url", url, "--db-user", "postgres",
                    "--db-ssl-mode", "disable", "status");
            assertThat(plain.exitCode()).as("the server takes TLS connections only").isEqualTo(ExitCodes.DATABASE);

            BillrunProcess.Result untrusted = BillrunProcess.run(work, "--db-url", url, "--db-user", "postgres",
                    "--db-ssl-mode", "verify-full", "--db-ssl-root-cert", stranger.caCertificate().toString(), "status");
            assertThat(untrusted.exitCode()).isEqualTo(ExitCodes.DATABASE);
            assertThat(untrusted.stderr()).contains("cannot connect to the database");
        }
    }

    @Test
    void sslOptionsAreRefusedForTheEmbeddedDatabase() throws Exception {
        BillrunProcess.Result status = BillrunProcess.run(work, "--data-dir", work.resolve("pg").toString(),
                "--db-ssl-mode", "verify-full", "status");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(status.stderr()).contains("for an external PostgreSQL");
    }

    private static void writeHba(Path dataDir, String rules) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), rules);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Not in stdout, not in stderr (where the logs go), not in any file under the reports folder. */
    private static void assertSecretNowhere(String secret, BillrunProcess.Result result, Path reports) throws IOException {
        assertThat(result.stdout()).doesNotContain(secret);
        assertThat(result.stderr()).doesNotContain(secret);
        if (Files.exists(reports)) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(reports)) {
                List<Path> regular = files.filter(Files::isRegularFile).toList();
                for (Path file : regular) {
                    assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
