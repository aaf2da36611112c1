package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scoped policy keys from the command line: the exit code of a bad scope, and policy explain on the sample firm. */
class PolicyCliFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void aScopeThatNamesNoClientStopsTheRunWithExitCode3NamingIt() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
        Files.writeString(input.resolve("policy.properties"), "time.max-hours-per-day[client=C-NOPE]=10\n");

        BillrunProcess.Result result = BillrunProcess.run(work, "--data-dir", work.resolve("pgdata").toString(),
                "run", "--period", "2026-10", "--input", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.stderr()).contains("time.max-hours-per-day[client=C-NOPE] names no client 'C-NOPE' of the master data");
        assertThat(result.stderr()).doesNotContain("\tat ", "Exception:", "Caused by");
    }

    @Test
    void explainShowsTheScopedSettingThatDecidedARecord() throws Exception {
        String dataDir = work.resolve("pgdata").toString();
        Path policy = work.resolve("policy.properties");
        Files.writeString(policy, Files.readString(Path.of("sample-data/northwind/policy.properties"), StandardCharsets.UTF_8)
                + "rule.TIME_UNAPPROVED.severity[client=C-KESTREL]=warn\ntime.max-hours-per-day[country=GB]=10\n");
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir, "run", "--period", "2026-10", "--input",
                "sample-data/northwind", "--policy", policy.toString(), "--until", "draft");
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        BillrunProcess.Result json = BillrunProcess.run(work, "--data-dir", dataDir, "policy", "explain", "--record", "T-001580",
                "--format", "json");

        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode explained = JSON.readTree(json.stdout());
        assertThat(explained.get("state").asString()).isEqualTo("valid");
        assertThat(explained.at("/scope/client").asString()).isEqualTo("C-KESTREL");
        assertThat(explained.at("/scope/country").asString()).isEqualTo("GB");
        JsonNode severity = null;
        JsonNode hours = null;
        for (JsonNode setting : explained.get("settings")) {
            if (setting.get("key").asString().equals("rule.TIME_UNAPPROVED.severity")) {
                severity = setting;
            } else if (setting.get("key").asString().equals("time.max-hours-per-day")) {
                hours = setting;
            }
        }
        assertThat(severity.get("value").asString()).isEqualTo("warn");
        assertThat(severity.get("from").asString()).isEqualTo("client=C-KESTREL");
        assertThat(hours.get("value").asString()).isEqualTo("10");
        assertThat(hours.get("from").asString()).isEqualTo("country=GB");
        assertThat(hours.at("/overrode/0/scope").asString()).isEqualTo("global");
        assertThat(hours.at("/overrode/0/value").asString()).isEqualTo("12");

        BillrunProcess.Result table = BillrunProcess.run(work, "--data-dir", dataDir, "policy", "explain", "--record", "T-001685");
        assertThat(table.exitCode()).as(table.stderr()).isZero();
        assertThat(table.stdout()).contains("scope: project=P-HUDSON-DD contract=K-HUDSON-1 client=C-HUDSON model=time_and_materials country=US")
                .containsPattern("rule\\.TIME_UNAPPROVED\\.severity +block +default +client=C-KESTREL +record");

        BillrunProcess.Result unknown = BillrunProcess.run(work, "--data-dir", dataDir, "policy", "explain", "--record", "T-999999");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("no run validated a time entry, expense or milestone T-999999");
    }
}
