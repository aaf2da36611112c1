package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * approve-batch, kpis and escalate through the packaged jar on the sample firm, each person with their own
 * database login: a batch of approvals keyed by an administrator (a refused line is exit 9, the others go
 * through), the KPIs as CSV and JSON, and an escalation run with nothing overdue yet.
 */
class ApprovalKpisFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LOGINS = List.of("ops", "finance", "admin");

    @TempDir
    Path work;

    private String db;

    @Test
    void aBatchOfApprovalsThenTheKpisAndAnEscalationWithNothingOverdue() throws Exception {
        db = TestDatabase.createDatabase("approval_kpis_cli").replaceFirst("\\?.*$", "");
        createLogins();
        run("ops", 0, "run", "--period", "2026-10", "--input", "sample-data/northwind");
        run("finance", 0, "approve", "--straight-through");
        Path batch = Files.writeString(work.resolve("approvals.csv"), """
                draft_id,user_id
                2026-10-NWDE-K-BAUER-1,E-002
                2026-10-NWDE-K-ACME-1,E-009
                2026-10-NWDE-K-ACME-1,E-009
                """);

        BillrunProcess.Result batchRun = run("admin", ExitCodes.REFUSED, "approve-batch", batch.toString());

        assertThat(batchRun.stdout()).contains("approved by admin acting as E-002", "2 approvals given, 1 refused");
        assertThat(batchRun.stderr()).contains("line 4 (2026-10-NWDE-K-ACME-1, E-009): refused");

        String csv = run("ops", 0, "kpis", "--period", "2026-10", "--format", "csv").stdout();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("all,currency,invoices,straight_through,reviewed,approved,rejected,pending,"
                + "first_pass_rate_pct,cycle_median_hours,cycle_p90_hours,drafted_net,written_down,written_off,write_down_pct,write_off_pct,"
                + "tasks,sla_breaches");
        JsonNode byEntity = JSON.readTree(run("ops", 0, "kpis", "--by", "entity", "--format", "json").stdout());
        JsonNode de01 = null;
        int drafts = 0;
        int straight = 0;
        for (JsonNode row : byEntity) {
            drafts += row.get("invoices").asInt();
            straight += row.get("straightThrough").asInt();
            if (row.get("group").asString().equals("DE01")) {
                de01 = row;
            }
        }
        assertThat(drafts).isEqualTo(13);
        assertThat(straight).isEqualTo(4);
        assertThat(de01).isNotNull();
        assertThat(de01.get("approved").asInt()).isEqualTo(1); // BAUER-1: its project manager was its only step
        assertThat(de01.get("firstPassRatePct").decimalValue()).isEqualByComparingTo("100.0");

        BillrunProcess.Result escalated = run("ops", 0, "escalate", "--format", "json");
        assertThat(JSON.readTree(escalated.stdout()).isEmpty()).as(escalated.stdout()).isTrue();
        assertThat(run("ops", ExitCodes.USAGE, "kpis", "--by", "department").stderr()).contains("--by must be all, entity, client or region");
        assertThat(BillrunProcess.run(work, "escalate", "--help").stdout()).contains("Exit codes: 0 done");
        assertThat(run("ops", 0, "audit", "verify").stdout()).contains("audit log intact");
    }

    private BillrunProcess.Result run(String login, int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--db-url", db, "--db-user", login));
        command.addAll(List.of(args));
        BillrunProcess.Result result = BillrunProcess.run(work, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(login + " " + String.join(" ", args) + ": " + result.stderr()).isEqualTo(exitCode);
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
