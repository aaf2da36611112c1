package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * billrun under the application role of scripts/db-roles.sql (docs/database-roles.md): the owner
 * migrates and runs the script, then a login in billrun_app runs the month and verifies the audit log.
 */
class DatabaseRolesFunctionalTests {

    private static final String APP_PASSWORD = "app-login-password-for-the-test";

    @TempDir
    Path work;

    @Test
    void aLoginInTheApplicationRoleRunsAMonthOnceTheOwnerHasMigrated() throws Exception {
        try (EmbeddedPostgresServer external = EmbeddedPostgresServer.start(work.resolve("external-pg"))) {
            Map<String, String> owner = Map.of("BILLRUN_DB_PASSWORD", external.password());
            BillrunProcess.Result migrate = BillrunProcess.run(work, owner, "--db-url", external.jdbcUrl(), "--db-user", "postgres", "db", "migrate");
            assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
            try (Connection c = DriverManager.getConnection(external.jdbcUrl(), "postgres", external.password());
                    Statement st = c.createStatement()) {
                st.execute(Files.readString(Path.of("scripts/db-roles.sql")));
                st.execute("CREATE ROLE billrun_batch LOGIN PASSWORD '" + APP_PASSWORD + "' IN ROLE billrun_app");
            }
            // billrun's embedded server lets only postgres in; let the application login in too, as an external server would
            Path hba = work.resolve("external-pg/pg_hba.conf");
            Files.writeString(hba, Files.readString(hba) + "host    all       billrun_batch  127.0.0.1/32   scram-sha-256\n");
            try (Connection c = DriverManager.getConnection(external.jdbcUrl(), "postgres", external.password());
                    Statement st = c.createStatement()) {
                st.execute("SELECT pg_reload_conf()");
            }

            Map<String, String> app = Map.of("BILLRUN_DB_PASSWORD", APP_PASSWORD);
            Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
            BillrunProcess.Result run = BillrunProcess.run(work, app, "--db-url", external.jdbcUrl(), "--db-user", "billrun_batch",
                    "run", "--period", "2026-10", "--input", input.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            BillrunProcess.Result verify = BillrunProcess.run(work, app, "--db-url", external.jdbcUrl(), "--db-user", "billrun_batch",
                    "audit", "verify", "--anchor");
            assertThat(verify.exitCode()).as(verify.stderr()).isZero();
            assertThat(verify.stdout()).contains("audit log intact", "anchored head: entry");
        }
    }
}
