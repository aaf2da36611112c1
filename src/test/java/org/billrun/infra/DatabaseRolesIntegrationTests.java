package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * scripts/db-roles.sql against the migrated schema: billrun_app gets exactly the grants
 * docs/database-roles.md lists, and is refused what would get it past the triggers.
 */
@BillrunIntegrationTest
class DatabaseRolesIntegrationTests {

    private static final Path SCRIPT = Path.of("scripts/db-roles.sql");
    private static final Path DOC = Path.of("docs/database-roles.md");
    private static final List<String> PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| ((?:[A-Z]+(?:, )?)+) \\|$");
    private static final Pattern TABLE = Pattern.compile("`([a-z_]+)`");

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void runTheScript() throws Exception {
        String script = Files.readString(SCRIPT);
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute(script);
            st.execute(script); // idempotent
        }
    }

    /** The documented grants: table name to privileges, "*" for every other table. */
    private static Map<String, Set<String>> documentedGrants() throws Exception {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        String section = Files.readString(DOC).split("## Grants of billrun_app")[1].split("\n## ")[0];
        for (String line : section.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            Set<String> privileges = new TreeSet<>(List.of(row.group(2).split(", ")));
            if (row.group(1).equals("every other table")) {
                grants.put("*", privileges);
            }
            Matcher table = TABLE.matcher(row.group(1));
            while (table.find()) {
                grants.put(table.group(1), privileges);
            }
        }
        return grants;
    }

    @Test
    void everyTableHasExactlyTheDocumentedPrivileges() throws Exception {
        Map<String, Set<String>> documented = documentedGrants();
        assertThat(documented).containsKeys("*", "audit_log", "audit_anchor", "posting", "invoice_version");
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name").query(String.class).list();
        assertThat(tables).as("every documented table exists").containsAll(documented.keySet().stream().filter(t -> !t.equals("*")).toList());

        List<String> wrong = new ArrayList<>();
        for (String table : tables) {
            Set<String> expected = documented.getOrDefault(table, documented.get("*"));
            for (String privilege : PRIVILEGES) {
                boolean has = jdbc.sql("SELECT has_table_privilege('billrun_app', quote_ident(?), ?)").params(table, privilege)
                        .query(Boolean.class).single();
                if (has != expected.contains(privilege)) {
                    wrong.add(table + " " + privilege + (has ? " granted" : " missing"));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("SELECT has_schema_privilege('billrun_app', 'public', 'CREATE')").query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT rolsuper OR rolbypassrls OR rolcanlogin FROM pg_roles WHERE rolname = 'billrun_app'")
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void theApplicationRoleCannotChangeTheAuditLogNorGetPastTheTriggers() {
        assertRefused("UPDATE audit_log SET detail = 'nothing to see'");
        assertRefused("DELETE FROM audit_anchor");
        assertRefused("DELETE FROM posting");
        assertRefused("TRUNCATE approval_action");
        assertRefused("ALTER TABLE posting DISABLE TRIGGER USER");
        assertRefused("SET session_replication_role = replica");
    }

    @Test
    void theApplicationRoleCannotDeleteTheDocumentsSentNorTheEvidenceNorRewriteBouncesAndRebillLinks() {
        assertRefused("DELETE FROM posting_document");
        assertRefused("TRUNCATE posting_document");
        assertRefused("DELETE FROM milestone_evidence");
        assertRefused("UPDATE delivery_bounce SET delivery_id = NULL");
        assertRefused("DELETE FROM delivery_bounce");
        assertRefused("UPDATE draft_rebill SET credit_id = credit_id");
        assertRefused("DELETE FROM draft_rebill");
    }

    @Test
    void theApplicationRoleCanStillStoreReplaceAndDecideWhatPostDeliverAndTheRunsWrite() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL ROLE billrun_app");
            // the statements' privileges are checked even when no row matches
            st.execute("INSERT INTO posting_document (posting_id, pdf) SELECT posting_id, NULL FROM posting WHERE false"
                    + " ON CONFLICT (posting_id) DO UPDATE SET pdf = EXCLUDED.pdf");
            st.execute("INSERT INTO delivery_bounce (dsn_key, source, action) VALUES ('sha256:role-test', 'role-test.eml', 'failed')"
                    + " ON CONFLICT (dsn_key) DO NOTHING");
            st.execute("INSERT INTO draft_rebill (run_id, draft_id, credit_id) SELECT run_id, draft_id, 1 FROM draft_invoice WHERE false");
            st.execute("SELECT state FROM milestone_evidence WHERE false FOR UPDATE");
            st.execute("UPDATE milestone_evidence SET sender = NULL, state = state WHERE false");
            c.rollback();
        }
    }

    @Test
    void theApplicationRoleCanStillWriteWhatARunWrites() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL ROLE billrun_app");
            st.execute("INSERT INTO audit_log (actor, action, subject_type, subject_id, detail, prev_hash, hash)"
                    + " VALUES ('billrun', 'waived', 'exception', 1, 'as the application role', '', '')");
            st.execute("INSERT INTO audit_anchor (audit_id, hash, anchored_by) SELECT audit_id, hash, 'billrun' FROM audit_log"
                    + " ORDER BY audit_id DESC LIMIT 1");
            st.execute("DELETE FROM draft_line_source WHERE false");
            c.rollback();
        }
    }

    private static void assertRefused(String sql) {
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                try {
                    st.execute("SET LOCAL ROLE billrun_app");
                    st.execute(sql);
                } finally {
                    c.rollback();
                }
            }
        }).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501"));
    }
}
