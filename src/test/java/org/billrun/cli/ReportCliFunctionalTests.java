package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.billrun.support.BillrunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The reports a run leaves and `billrun report`, driven through the packaged jar as a user would. */
class ReportCliFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void aRunLeavesItsReportsInTheReportsFolderAndBillrunReportWritesThemAgain() throws Exception {
        String dataDir = work.resolve("pgdata").toString();
        Path reports = work.resolve("my-reports");
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir, "--reports-dir", reports.toString(), "run",
                "--period", "2026-10", "--input", "sample-data/northwind", "--format", "json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path folder = reports.resolve("run-1");
        assertThat(JSON.readTree(run.stdout()).get("reports").asString()).isEqualTo(folder.toAbsolutePath().toString());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("run-report.pdf", "run-report.json", "run-report.csv");
        }

        Path out = work.resolve("again");
        BillrunProcess.Result again = BillrunProcess.run(work, "--data-dir", dataDir, "report", "1", "--format", "json", "--out", out.toString());

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout().strip()).isEqualTo(out.resolve("run-report.json").toAbsolutePath().toString());
        assertThat(out.resolve("run-report.pdf")).doesNotExist();
        assertThat(withoutGenerationTime(out.resolve("run-report.json"))).isEqualTo(withoutGenerationTime(folder.resolve("run-report.json")));

        // without --out, into the documented folder under the reports root ($BILLRUN_REPORTS_DIR here, set by BillrunProcess)
        BillrunProcess.Result latest = BillrunProcess.run(work, "--data-dir", dataDir, "report", "--format", "pdf,csv");
        assertThat(latest.exitCode()).as(latest.stderr()).isZero();
        // every report part writes its PDF and CSV files: the run report, the owners' exception reports, the invoice PDFs
        assertThat(latest.stdout().lines()).contains(work.resolve("reports/run-1/run-report.csv").toAbsolutePath().toString(),
                work.resolve("reports/run-1/run-report.pdf").toAbsolutePath().toString(),
                work.resolve("reports/run-1/exceptions/all.csv").toAbsolutePath().toString(),
                work.resolve("reports/run-1/invoices/2026-10-NWGB-K-KESTREL-1.pdf").toAbsolutePath().toString())
                .noneMatch(file -> file.endsWith(".json"));
    }

    @Test
    void aRunThatDoesNotExistIsABadUsage() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "--data-dir", work.resolve("pgdata").toString(), "report", "42");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("there is no run 42").doesNotContain("\tat ", "Exception:");
    }

    @Test
    void theReportCommandHasAHelpText() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "report", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Usage: billrun report", "--format", "--out", "--reports-dir");
    }

    private static JsonNode withoutGenerationTime(Path file) {
        ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
        node.remove("generatedAt");
        return node;
    }
}
