package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * events publish and events list through the packaged jar on the sample firm after the README's approvals:
 * the day's JSON-lines file holds one event per state change, a second publish adds nothing, a webhook
 * that cannot be reached is exit 5, the publish stopping after three invoices' first events failed (named) and its secret nowhere in the
 * output, and an unknown sink is exit 2. An events import whose row names no invoice is exit 12, and 0 when imported again.
 */
class EventsFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LOGINS = List.of("ops", "finance", "E-001", "E-009");
    private static final String SECRET = "never-show-this-webhook-secret";

    @TempDir
    Path work;

    private String db;

    @Test
    void theFileHoldsOneEventPerStateChangeAndAFailingWebhookIsExitFiveWithoutItsSecret() throws Exception {
        db = TestDatabase.createDatabase("events_cli").replaceFirst("\\?.*$", "");
        createLogins();
        run("ops", Map.of(), 0, "run", "--period", "2026-10", "--input", "sample-data/northwind");
        run("finance", Map.of(), 0, "approve", "--straight-through");
        run("E-009", Map.of(), 0, "approve", "2026-10-NWDE-K-ACME-1");
        run("E-001", Map.of(), 0, "approve", "2026-10-NWDE-K-ACME-1");
        run("finance", Map.of(), 0, "reject", "2026-10-NWGB-K-KESTREL-1", "--reason", "PO number missing");
        Path dir = work.resolve("events");

        BillrunProcess.Result published = run("ops", Map.of(), 0, "events", "publish", "--events-dir", dir.toString());

        // 13 drafts opened for review, 4 released by the policy, ACME-1 approved, KESTREL-1 rejected
        assertThat(published.stdout()).contains("sink file: 19 events delivered, 0 invoices failed, 0 events waiting");
        List<JsonNode> lines = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        assertThat(lines).hasSize(19);
        assertThat(lines.stream().filter(n -> n.get("type").asString().equals("created"))).hasSize(13);
        assertThat(lines.stream().filter(n -> n.get("type").asString().equals("approved"))).hasSize(5);
        assertThat(lines.stream().filter(n -> n.get("invoice").get("draft_id").asString().equals("2026-10-NWGB-K-KESTREL-1"))
                .map(n -> n.get("type").asString() + "#" + n.get("sequence").asInt())).containsExactly("created#1", "rejected#2");
        assertThat(run("ops", Map.of(), 0, "events", "publish", "--events-dir", dir.toString()).stdout())
                .contains("sink file: 0 events delivered");

        Map<String, String> webhook = Map.of("BILLRUN_EVENTS_SINKS_CRM_TYPE", "webhook",
                "BILLRUN_EVENTS_SINKS_CRM_URL", "http://127.0.0.1:9/hook",
                "BILLRUN_EVENTS_SINKS_CRM_MAX_ATTEMPTS", "2",
                "BILLRUN_EVENTS_SINKS_CRM_FIRST_WAIT", "PT0.01S",
                "BILLRUN_WEBHOOK_SECRET", SECRET);
        BillrunProcess.Result failed = run("ops", webhook, ExitCodes.RUN_FAILED, "events", "publish", "--debug");
        assertThat(failed.stdout()).contains("sink crm: 0 events delivered, 3 invoices failed, 19 events waiting", "stopped: ");
        assertThat(failed.stdout().lines().filter(l -> l.startsWith("  failed: event ") && l.contains("(created of 2026-10-"))).hasSize(3);
        assertThat(failed.stdout() + failed.stderr()).doesNotContain(SECRET);

        JsonNode listed = JSON.readTree(run("ops", Map.of(), 0, "events", "list", "--sink", "file", "--format", "json").stdout());
        assertThat(listed).hasSize(19);
        listed.forEach(e -> assertThat(e.get("state").asString()).isEqualTo("delivered"));
        assertThat(run("ops", webhook, ExitCodes.USAGE, "events", "publish", "--sink", "erp").stderr())
                .contains("no event sink named 'erp'; configured: crm");

        Path bank = work.resolve("bank.csv");
        Files.writeString(bank, "kind,invoice,amount,currency,date\npayment,NWXX-2026-000999,100.00,EUR,2026-11-03\n");
        assertThat(run("ops", Map.of(), ExitCodes.IMPORTED_WITH_EXCEPTIONS, "events", "import", bank.toString()).stdout())
                .contains("1 exceptions raised", "IMPORT_UNKNOWN_INVOICE");
        assertThat(run("ops", Map.of(), ExitCodes.OK, "events", "import", bank.toString()).stdout())
                .as("nothing new for finance the second time").contains("0 exceptions raised (1 already open)");
    }

    private BillrunProcess.Result run(String login, Map<String, String> env, int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--db-url", db, "--db-user", login));
        command.addAll(List.of(args));
        BillrunProcess.Result result = BillrunProcess.run(work, env, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(login + " " + String.join(" ", args) + ": " + result.stdout() + result.stderr()).isEqualTo(exitCode);
        return result;
    }

    private void createLogins() throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = connection.createStatement()) {
            for (String login : LOGINS) {
                st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN CREATE ROLE \""
                        + login + "\" LOGIN SUPERUSER; END IF; END $$");
            }
        }
    }
}
