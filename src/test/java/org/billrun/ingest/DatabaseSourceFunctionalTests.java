package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.billrun.cli.ExitCodes;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `billrun run --definition` with a database source, through the packaged jar, credentials in the environment. */
class DatabaseSourceFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    SourceDatabase psa;

    @BeforeEach
    void createTheSourceDatabase() {
        psa = SourceDatabase.create("cli_psa");
        psa.load(TestFirms.TINY);
    }

    @AfterEach
    void closeIt() throws Exception {
        psa.close();
    }

    private BillrunProcess.Result run(Path definition, String... more) throws Exception {
        String[] args = {"--data-dir", work.resolve("pgdata").toString(), "run", "--period", "2026-10", "--definition",
                definition.toString(), "--until", "ingest", "--format", "json"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
        return BillrunProcess.run(work, SourceDatabase.ENVIRONMENT, all);
    }

    @Test
    void aRunDefinitionThatNamesADatabaseIsReadWithTheCredentialsOfTheEnvironment() throws Exception {
        Path definition = psa.definition(work.resolve("jobs/psa.properties"));

        BillrunProcess.Result first = run(definition);
        BillrunProcess.Result second = run(definition);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode summary = JSON.readTree(first.stdout()).get("run");
        assertThat(summary.get("inputDir").asString()).isEqualTo(psa.url());
        // found by name: the optional directory files (people, approval_limits) come before it in the list
        JsonNode timeEntries = null;
        for (JsonNode source : summary.get("sources")) {
            if (source.get("file").asString().equals("time_entries (query)")) {
                timeEntries = source;
            }
        }
        assertThat(timeEntries).as("the time_entries query among %s", summary.get("sources")).isNotNull();
        assertThat(timeEntries.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(summary.at("/rejections/0/key").asString()).isEqualTo("T-1");
        assertThat(summary.at("/rejections/0/reason").asString()).isEqualTo("duplicate record id T-1: row 1 has the same id and was kept");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        for (JsonNode source : JSON.readTree(second.stdout()).at("/run/sources")) {
            assertThat(source.get("sameAsRun").asLong()).as(source.get("file").asString()).isEqualTo(summary.get("runId").asLong());
        }
    }

    @Test
    void aQueryMissingARequiredColumnIsExit3NamingIt() throws Exception {
        Path definition = psa.definition(work.resolve("jobs/psa.properties"),
                Map.of(SourceKind.CLIENTS, "SELECT client_id, name, country FROM clients"));

        BillrunProcess.Result result = run(definition);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.stderr()).contains("billrun: clients query: required column 'currency' is missing from its result columns")
                .doesNotContain("\tat ", "Caused by");
    }

    @Test
    void aUrlWithAPasswordIsRefusedBeforeAnythingRuns() throws Exception {
        Path definition = psa.definition(work.resolve("jobs/psa.properties"));
        Files.writeString(definition, Files.readString(definition).replace(psa.url(), psa.url() + "?password=secret"));

        BillrunProcess.Result result = run(definition);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("source.url must not carry credentials; set BILLRUN_SOURCE_USER and BILLRUN_SOURCE_PASSWORD")
                .doesNotContain("secret");
        assertThat(work.resolve("pgdata")).as("no database was started").doesNotExist();
    }
}
