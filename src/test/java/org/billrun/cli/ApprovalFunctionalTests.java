package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The approval step through the packaged jar, on the sample firm and its shipped policy and directory, as
 * sample-data/northwind/README.md ("Approval under the shipped policy") describes it: every person
 * connects with their own database login (an external PostgreSQL: the login is who acts), the firm goes
 * from run to every draft approved, rejected or adjusted, the refusals exit 9, the audit chain verifies,
 * and the next run of the period drafts only the rejected draft again.
 */
class ApprovalFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final List<String> LOGINS = List.of("ops", "finance", "admin", "E-001", "E-002", "E-003", "E-009", "E-101", "E-102",
            "E-103", "E-201", "E-202", "E-203");

    @TempDir
    Path work;

    private String db;

    @Test
    void theSampleFirmGoesFromRunToEveryDraftApprovedRejectedOrAdjusted() throws Exception {
        db = TestDatabase.createDatabase("approval_cli").replaceFirst("\\?.*$", "");
        createLogins();
        ok("ops", "run", "--period", "2026-10", "--input", NORTHWIND.toString());

        // what waits for whom: the first step of each draft the matrix sends to people
        Map<String, String> firstSteps = new TreeMap<>();
        for (JsonNode row : JSON.readTree(ok("ops", "approvals", "--format", "json"))) {
            JsonNode task = row.get("row").get("task");
            firstSteps.put(row.get("row").get("draftId").asString(), task.get("role").asString() + " "
                    + (task.get("assignee").isNull() ? "" : task.get("assignee").asString()) + " " + task.get("rule").asString());
        }
        assertThat(firstSteps).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "2026-10-NWDE-K-ACME-1", "PROJECT_MANAGER E-009 route.OPEN_EXCEPTION",
                "2026-10-NWDE-K-ALPEN-1", "PROJECT_MANAGER E-003 large",
                "2026-10-NWDE-K-BAUER-1", "PROJECT_MANAGER E-002 route.RETAINER_OVERAGE",
                "2026-10-NWGB-K-BLUEFIN-1", "PROJECT_MANAGER E-101 route.RETAINER_OVERAGE",
                "2026-10-NWGB-K-HARBOUR-1", "PROJECT_MANAGER E-102 large",
                "2026-10-NWGB-K-KESTREL-1", "PROJECT_MANAGER E-103 route.OPEN_EXCEPTION",
                "2026-10-NWUS-K-CASCADE-1", "PROJECT_MANAGER E-203 route.OPEN_EXCEPTION",
                "2026-10-NWUS-K-HUDSON-1", "PROJECT_MANAGER E-202 route.OPEN_EXCEPTION",
                "2026-10-NWUS-K-LONESTAR-1", "PROJECT_MANAGER E-203 large")));

        assertThat(ok("finance", "approve", "--straight-through")).contains("4 drafts approved by the policy",
                "2026-10-NWDE-K-BAUER-2", "2026-10-NWDE-K-PRIV-1", "2026-10-NWDE-K-VANDAM-1", "2026-10-NWDE-K-WISLA-1");
        assertThat(refused("E-009", "approve", "2026-10-NWDE-K-ACME-1", "--as", "E-003")).contains("--as is for a person with the admin role");
        // a refused draft does not stop the others named in one command; the exit code still says refused
        BillrunProcess.Result two = billrun("E-009", "approve", "2026-10-NWDE-K-ALPEN-1", "2026-10-NWDE-K-ACME-1");
        assertThat(two.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(two.stderr()).contains("2026-10-NWDE-K-ALPEN-1: refused:", "waits for E-003");
        assertThat(two.stdout()).contains("2026-10-NWDE-K-ACME-1 version 1: step 1").doesNotContain("ALPEN");

        approve("2026-10-NWDE-K-ACME-1", "E-001");
        approve("2026-10-NWDE-K-ALPEN-1", "E-003", "E-001");
        approve("2026-10-NWDE-K-BAUER-1", "E-002");
        ok("E-101", "approve", "2026-10-NWGB-K-BLUEFIN-1");
        assertThat(refused("E-101", "approve", "2026-10-NWGB-K-BLUEFIN-1")).contains("already approved");
        approve("2026-10-NWGB-K-BLUEFIN-1", "E-001");
        assertThat(ok("admin", "approve", "2026-10-NWGB-K-HARBOUR-1", "--as", "E-102")).contains("approved by admin acting as E-102");
        approve("2026-10-NWGB-K-HARBOUR-1", "finance", "E-001");
        assertThat(ok("finance", "reject", "2026-10-NWGB-K-KESTREL-1", "--reason", "PO number missing")).contains("rejected by finance");
        approve("2026-10-NWUS-K-CASCADE-1", "E-203");
        assertThat(ok("finance", "adjust", "2026-10-NWUS-K-HUDSON-1", "--line", "2", "--write-off", "--reason", "out_of_scope"))
                .contains("version 2", "gross 75672.09 USD");
        assertThat(refused("finance", "approve", "2026-10-NWUS-K-HUDSON-1")).contains("finance prepared or adjusted");
        approve("2026-10-NWUS-K-HUDSON-1", "E-202", "E-201");
        approve("2026-10-NWUS-K-LONESTAR-1", "E-203", "E-201");

        assertThat(ok("ops", "approvals")).contains("0 approvals waiting");
        assertThat(ok("ops", "review", "show", "2026-10-NWUS-K-HUDSON-1", "--version", "2")).contains("approved", "write_off", "-35420.00");
        assertThat(ok("ops", "audit", "verify")).contains("audit log intact");
        assertThat(ok("ops", "review", "diff", "2026-10-NWUS-K-HUDSON-1", "1", "2")).contains("1 of 17 lines differ", "-> 75672.09");

        // conservation with the write-off: run 1's report again, its records on HUDSON's line 2 now written off
        Path reports = work.resolve("run-1-again");
        ok("ops", "report", "1", "--format", "json", "--out", reports.toString());
        JsonNode report = JSON.readTree(Files.readString(reports.resolve("run-report.json")));
        for (JsonNode total : report.get("controlTotals")) {
            assertThat(total.get("reconciles").asBoolean()).as(total.toString()).isTrue();
            if (total.get("currency").asString().equals("USD")) {
                assertThat(new java.math.BigDecimal(total.get("writtenOff").asString())).as(total.toString()).isPositive();
            }
        }
        assertThat(help("approve")).contains("Exit codes", "9 refused by a control");
        assertThat(help("adjust")).contains("Exit codes", "9 refused");

        // the next run of the period drafts only the rejected draft again
        ok("ops", "run", "--period", "2026-10", "--input", NORTHWIND.toString());
        List<String> waiting = new ArrayList<>();
        for (JsonNode row : JSON.readTree(ok("ops", "approvals", "--format", "json"))) {
            waiting.add(row.get("row").get("draftId").asString() + " run " + row.get("row").get("runId").asLong());
        }
        assertThat(waiting).containsExactly("2026-10-NWGB-K-KESTREL-1 run 2");
    }

    private void approve(String draft, String... people) throws Exception {
        String last = "";
        for (String person : people) {
            last = ok(person, "approve", draft);
        }
        assertThat(last).as(draft).contains("; approved");
    }

    private String ok(String login, String... args) throws Exception {
        BillrunProcess.Result result = billrun(login, args);
        assertThat(result.exitCode()).as(login + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return result.stdout();
    }

    private String refused(String login, String... args) throws Exception {
        BillrunProcess.Result result = billrun(login, args);
        assertThat(result.exitCode()).as(login + " " + String.join(" ", args) + ": " + result.stderr()).isEqualTo(ExitCodes.REFUSED);
        return result.stderr();
    }

    private String help(String command) throws Exception {
        return BillrunProcess.run(work, command, "--help").stdout();
    }

    private BillrunProcess.Result billrun(String login, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--db-url", db, "--db-user", login));
        command.addAll(List.of(args));
        return BillrunProcess.run(work, command.toArray(String[]::new));
    }

    /** One database login per person (and one for the operator who runs the month end), as an external PostgreSQL would have. */
    private void createLogins() throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = connection.createStatement()) {
            for (String login : LOGINS) {
                st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN CREATE ROLE \""
                        + login + "\" LOGIN SUPERUSER; END IF; END $$");
            }
        }
    }
}
