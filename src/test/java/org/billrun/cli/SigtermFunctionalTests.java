package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.ingest.SourceKind;
import org.billrun.support.BillrunProcess;
import org.billrun.support.DatabaseState;
import org.billrun.support.TestDatabase;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM (systemd, Kubernetes, kill) in the middle of a run: the packaged jar stops the job through
 * Spring Batch, says so in one line, exits 6, and the next run resumes it to the result of a run
 * that was never interrupted.
 */
class SigtermFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void aRunStoppedWithSigtermExitsSixInOneLineAndTheNextRunResumesItToTheUninterruptedResult() throws Exception {
        int rows = 200_000;
        Path input = TestFirms.tinyWithTimeEntries(work.resolve("big"), rows, 9_973);
        Path dataDir = work.resolve("pgdata");
        String[] runCommand = {"--data-dir", dataDir.toString(), "run", "--period", "2026-10", "--input", input.toString(), "--format", "json"};

        BillrunProcess victim = BillrunProcess.start(work, runCommand);
        waitUntilLoading(dataDir, victim, rows);
        victim.terminate();
        BillrunProcess.Result stopped = victim.await();

        assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(ExitCodes.RUN_STOPPED);
        List<String> billrunLines = stopped.stderr().lines().filter(l -> l.startsWith("billrun:")).toList();
        assertThat(billrunLines).containsExactly("billrun: run 1 stopped on SIGTERM; run the same command again to resume it");
        assertThat(stopped.stderr()).doesNotContain("\tat ", "Exception", "Caused by", "ERROR");
        assertThat(dataDir.resolve("postmaster.pid")).as("the embedded server was stopped").doesNotExist();

        BillrunProcess.Result resumed = BillrunProcess.run(work, runCommand);

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stderr()).as("a stopped run is resumed, not recovered from a crash").doesNotContain("left running");
        JsonNode summary = JSON.readTree(resumed.stdout());
        assertThat(summary.get("resumed").asBoolean()).isTrue();
        assertThat(summary.at("/run/runNumber").asLong()).isEqualTo(1);
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        assertThat(summary.at("/run/steps/0/earlierAttempts/0/status").asString()).isIn("STOPPED", "COMPLETED");

        String reference = TestDatabase.createDatabase("sigterm_uninterrupted");
        BillrunProcess.Result uninterrupted = BillrunProcess.run(work, "--db-url", reference, "--db-user", "postgres",
                "run", "--period", "2026-10", "--input", input.toString());
        assertThat(uninterrupted.exitCode()).as(uninterrupted.stderr()).isZero();

        List<List<String>> afterStop;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            afterStop = contents(server.jdbcUrl(), server.password());
        }
        assertThat(afterStop).isEqualTo(contents(reference, ""));
        assertThat(afterStop.get(SourceKind.TIME_ENTRIES.ordinal())).hasSize(rows - rows / 9_973);
        assertThat(afterStop.get(afterStop.size() - 1)).as("drafts after the resumed run").isNotEmpty();
    }

    /** Until the time entries are partly loaded: the run is in the middle of a chunk-oriented step. */
    private static void waitUntilLoading(Path dataDir, BillrunProcess victim, int rows) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline && victim.isAlive()) {
            Path pidFile = dataDir.resolve("postmaster.pid");
            Path passwordFile = dataDir.resolve("billrun-password");
            if (Files.exists(pidFile) && Files.exists(passwordFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() >= 4 && !lines.get(3).isBlank()) {
                    String url = "jdbc:postgresql://127.0.0.1:" + lines.get(3).strip() + "/postgres";
                    try (Connection connection = DriverManager.getConnection(url, "postgres", Files.readString(passwordFile).strip());
                            var st = connection.createStatement();
                            var rs = st.executeQuery("SELECT rows_read FROM source_file_totals WHERE kind = 'TIME_ENTRIES'")) {
                        if (rs.next() && rs.getLong(1) >= 10_000 && rs.getLong(1) < rows) {
                            return;
                        }
                    } catch (java.sql.SQLException notReadyYet) {
                        // the server is starting or the schema is not there yet
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run finished or never started loading time entries before it could be stopped");
    }

    private static List<List<String>> contents(String url, String password) {
        DatabaseState state = new DatabaseState(JdbcClient.create(new DriverManagerDataSource(url, "postgres", password)));
        List<List<String>> contents = new ArrayList<>();
        for (SourceKind kind : SourceKind.values()) {
            contents.add(state.contents(kind));
        }
        contents.add(state.rejections());
        contents.add(state.validation());
        contents.add(state.drafts());
        return contents;
    }
}
