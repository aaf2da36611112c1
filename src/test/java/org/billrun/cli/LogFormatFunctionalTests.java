package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --log-format json: what a log shipper reads from stderr. */
class LogFormatFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void withJsonLogsStderrHoldsOnlyJsonLinesAndEveryLineOfTheRunNamesTheRunAndItsStep() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));

        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", work.resolve("pg").toString(), "--log-format", "json",
                "run", "--period", "2026-10", "--input", input.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).isNotEmpty();
        boolean runStarted = false;
        int linesInRun = 0;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line); // throws on anything but JSON
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.at("/log/level").asString()).as(line).isNotEmpty();
            assertThat(event.get("message").asString()).as(line).isNotEmpty();
            runStarted |= event.has("runId");
            if (runStarted) {
                linesInRun++;
                assertThat(event.has("runId") && event.has("step")).as("run id and step in: %s", line).isTrue();
                assertThat(event.get("runId").asString()).as(line).isEqualTo("1");
                assertThat(event.get("step").asString()).as(line).isNotEmpty();
            }
        }
        assertThat(linesInRun).as("lines logged inside the run").isGreaterThan(5);
        assertThat(run.stderr()).contains("\"step\":\"registerSources\"", "\"step\":\"mergeSources\"", "\"step\":\"draftInvoices\"",
                "\"step\":\"writeReports\"");
        assertThat(JSON.readTree(run.stdout()).at("/run/status").asString()).as("stdout keeps the summary").isEqualTo("COMPLETED");
    }

    @Test
    void withJsonLogsAnErrorIsAJsonLineToo() throws Exception {
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", work.resolve("pg").toString(), "--log-format", "json",
                "run", "--period", "2026-10", "--input", work.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode event = JSON.readTree(lines.get(0));
        assertThat(event.at("/log/level").asString()).isEqualTo("ERROR");
        assertThat(event.get("message").asString()).startsWith("billrun: input folder").contains("does not exist");
    }
}
