package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report of a run that needed more than one attempt says what the run achieved: the attempt
 * of each step that counted, and the attempts before it as history (issue 18: after a kill during
 * draftInvoices and a successful restart, the report said completedThrough "validate" and listed
 * draftInvoices as FAILED).
 */
@BillrunIntegrationTest
class RunReportAfterARestartIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The reports root of the Spring context. */
    static Path REPORTS;

    @Autowired
    ReportsFolder reportsFolder;

    @Autowired
    RunService runService;

    @Autowired
    ReportService reports;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @BeforeEach
    void cleanDatabase() {
        REPORTS = reportsFolder.root();
        new DatabaseState(jdbc).reset();
    }

    @AfterEach
    void letDraftsBeWrittenAgain() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_draft_fails ON draft_invoice; DROP FUNCTION IF EXISTS test_draft_fails()").update();
    }

    /** The database refuses the drafts, as a crash in the middle of draftInvoices would leave them unwritten. */
    private void makeDraftingFail() {
        jdbc.sql("""
                CREATE FUNCTION test_draft_fails() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'test: the draft step fails here'; END $$;
                CREATE TRIGGER test_draft_fails BEFORE INSERT ON draft_invoice FOR EACH STATEMENT EXECUTE FUNCTION test_draft_fails()""")
                .update();
    }

    private RunOutcome run(Stage until) throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, until, null));
    }

    @Test
    void aRunResumedAfterDraftingFailedReportsTheAttemptThatCountedAndTheFailureAsHistory() throws Exception {
        makeDraftingFail();
        RunOutcome failed = run(Stage.REPORT);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        letDraftsBeWrittenAgain();

        RunOutcome resumed = run(Stage.REPORT);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path folder = REPORTS.resolve("run-" + resumed.runId());
        JsonNode report = JSON.readTree(folder.resolve("run-report.json").toFile());
        assertThat(report.at("/run/completedThrough").asString()).isEqualTo("report");
        assertThat(report.at("/run/attempts").asInt()).isEqualTo(2);
        for (JsonNode step : report.get("steps")) {
            assertThat(step.get("status").asString()).as(step.get("step").asString()).isEqualTo("COMPLETED");
        }
        JsonNode draft = step(report, "draftInvoices");
        assertThat(draft.get("attempt").asInt()).isEqualTo(2);
        assertThat(draft.get("writes").asLong()).isEqualTo(13);
        assertThat(draft.get("earlierAttempts")).hasSize(1);
        assertThat(draft.at("/earlierAttempts/0/attempt").asInt()).isEqualTo(1);
        assertThat(draft.at("/earlierAttempts/0/status").asString()).isEqualTo("FAILED");
        JsonNode validate = step(report, "validateTimeEntries");
        assertThat(validate.get("attempt").asInt()).as("validation ran once, in the first attempt").isEqualTo(1);
        assertThat(validate.get("earlierAttempts")).isEmpty();

        String pdf = pdfText(folder.resolve("run-report.pdf"));
        assertThat(pdf).contains("completed through the report stage", "draftInvoices COMPLETED", "attempt 1: FAILED");
        assertThat(pdf).doesNotContain("draftInvoices FAILED");
    }

    @Test
    void aRunThatStoppedAfterDraftingSaysItCompletedTheDraftStageOnly() throws Exception {
        RunOutcome drafted = run(Stage.DRAFT);
        assertThat(drafted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Path out = temp.resolve("reports");
        reports.write(drafted.runId(), out, EnumSet.of(ReportFormat.JSON));

        JsonNode report = JSON.readTree(out.resolve("run-report.json").toFile());
        assertThat(report.at("/run/completedThrough").asString()).isEqualTo("draft");
        assertThat(report.get("steps")).extracting(s -> s.get("earlierAttempts").size()).containsOnly(0);
    }

    private static JsonNode step(JsonNode report, String name) {
        for (JsonNode step : report.get("steps")) {
            if (step.get("step").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + report.get("steps"));
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
