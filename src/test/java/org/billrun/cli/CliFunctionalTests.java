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

/** Drives the packaged jar in a separate JVM: exit codes, stdout versus stderr, kill -9 and resume. */
class CliFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void helpListsTheCommandsAndTheExitCodesWithoutTouchingADatabase() throws Exception {
        Path dataDir = work.resolve("never-created");

        BillrunProcess.Result result = BillrunProcess.run(work, "--data-dir", dataDir.toString(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("run", "status", "rejections", "abandon", "db", "generate", "Exit codes:",
                "5  run failed; run the same command again to resume it");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void everySubcommandHasAHelpText() throws Exception {
        for (String command : List.of("run", "status", "rejections", "exceptions", "missing-time", "audit", "abandon", "db", "generate")) {
            BillrunProcess.Result result = BillrunProcess.run(work, command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.stdout()).as(command).contains("Usage: billrun " + command);
        }
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("billrun 0.3.0");
    }

    @Test
    void financeWorksTheExceptionQueueOfTheSampleFirmFromTheCommandLine() throws Exception {
        String dataDir = work.resolve("pgdata").toString();
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir, "run", "--period", "2026-10", "--input",
                "sample-data/northwind", "--format", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode summary = JSON.readTree(run.stdout());
        assertThat(summary.at("/run/validation/states/0/held").asLong()).isEqualTo(24);

        BillrunProcess.Result mine = BillrunProcess.run(work, "--data-dir", dataDir, "exceptions", "--owner", "E-009", "--format", "json");
        JsonNode queue = JSON.readTree(mine.stdout());
        assertThat(queue.size()).isEqualTo(4);
        long closedProject = 0;
        for (JsonNode exception : queue) {
            assertThat(exception.get("ownerId").asString()).isEqualTo("E-009");
            if (exception.get("recordKey").asString().equals("T-000253")) {
                closedProject = exception.get("id").asLong();
            }
        }

        BillrunProcess.Result waive = BillrunProcess.run(work, "--data-dir", dataDir, "exceptions", "waive", Long.toString(closedProject),
                "--reason", "client accepted the PMO work", "--as", "Henrike Falkenberg");
        assertThat(waive.exitCode()).as(waive.stderr()).isZero();
        assertThat(waive.stdout()).contains("is waived by Henrike Falkenberg: client accepted the PMO work");
        BillrunProcess.Result again = BillrunProcess.run(work, "--data-dir", dataDir, "exceptions", "waive", Long.toString(closedProject),
                "--reason", "twice");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.stderr()).contains("is waived, not open");
        assertNoStackTrace(again);

        BillrunProcess.Result csv = BillrunProcess.run(work, "--data-dir", dataDir, "exceptions", "--status", "all", "--rule",
                "TIME_PROJECT_CLOSED", "--format", "csv");
        assertThat(csv.stdout().lines().toList()).hasSize(3).first().asString().startsWith("id,period,status,severity,rule");
        BillrunProcess.Result amounts = BillrunProcess.run(work, "--data-dir", dataDir, "exceptions", "--status", "all", "--format", "csv");
        List<String[]> exceptionRows = new com.opencsv.CSVReader(new java.io.StringReader(amounts.stdout())).readAll();
        assertThat(exceptionRows.get(0)[11]).isEqualTo("amount");
        for (String[] cells : exceptionRows.subList(1, exceptionRows.size())) {
            assertThat(cells[11]).as("amount at the minor unit of %s: %s", cells[12], String.join(",", cells))
                    .matches(cells[12].equals("JPY") ? "(-?\\d+)?" : "(-?\\d+\\.\\d\\d)?");
        }
        assertThat(amounts.stdout()).contains(",111092.08,USD,");
        BillrunProcess.Result verify = BillrunProcess.run(work, "--data-dir", dataDir, "audit", "verify");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.stdout()).contains("audit log intact: 42 entries"); // 37 raised, 3 milestone evidence proposed, 1 drafts written, 1 waived
        BillrunProcess.Result log = BillrunProcess.run(work, "--data-dir", dataDir, "audit", "log", "--subject",
                "exception:" + closedProject, "--format", "json");
        assertThat(log.exitCode()).as(log.stderr()).isZero();
        JsonNode entries = JSON.readTree(log.stdout());
        assertThat(entries.size()).isEqualTo(2);
        JsonNode waiver = entries.get(1);
        assertThat(waiver.get("actor").asString()).isEqualTo("Henrike Falkenberg");
        assertThat(waiver.get("action").asString()).isEqualTo("waived");
        assertThat(waiver.get("subjectType").asString() + ":" + waiver.get("subjectId").asLong()).isEqualTo("exception:" + closedProject);
        assertThat(waiver.get("detail").asString()).isEqualTo("client accepted the PMO work");
        assertThat(waiver.get("at").asString()).startsWith(java.time.LocalDate.now().getYear() + "-");
        assertThat(waiver.get("hash").asString()).hasSize(64);
        BillrunProcess.Result table = BillrunProcess.run(work, "--data-dir", dataDir, "audit", "log");
        assertThat(table.stdout()).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +Henrike Falkenberg +waived +exception:" + closedProject + " ")
                .contains("42 audit entries");
        BillrunProcess.Result status = BillrunProcess.run(work, "--data-dir", dataDir, "status");
        assertThat(status.stdout()).as("times to the second, whatever the seconds")
                .containsPattern("COMPLETED +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        BillrunProcess.Result missing = BillrunProcess.run(work, "--data-dir", dataDir, "missing-time", "--format", "csv");
        assertThat(missing.stdout()).startsWith("consultant_id,consultant,entity,manager_id,manager");
    }

    @Test
    void aPolicyFileWithABadValueStopsTheRunWithExitCode3NamingTheKey() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
        Files.writeString(input.resolve("policy.properties"), "time.max-hours-per-day=twelve\n");

        BillrunProcess.Result result = BillrunProcess.run(work, "--data-dir", work.resolve("pgdata").toString(),
                "run", "--period", "2026-10", "--input", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.stderr()).contains("time.max-hours-per-day = 'twelve' is not a plain decimal");
        assertNoStackTrace(result);
    }

    @Test
    void anUnknownOptionIsABadUsageWithExitCode2() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "run", "--perod", "2026-10");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("Unknown options: '--perod'", "Possible solutions: --period");
    }

    @Test
    void anUnreachableDatabaseIsOneClearLineAndExitCode4() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "--db-url", "jdbc:postgresql://127.0.0.1:9/billrun",
                "run", "--period", "2026-10", "--input", TestFirms.TINY.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(result.stderr()).contains("billrun: cannot connect to the database at jdbc:postgresql://127.0.0.1:9/billrun");
        assertNoStackTrace(result);
    }

    @Test
    void aDatabaseUrlThatIsNotForPostgresqlIsOneClearLineAndExitCode4() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "--db-url", "mysql://db/billing", "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(result.stderr().strip()).isEqualTo("billrun: the database URL must be a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://host:5432/billrun, not 'mysql://db/billing'");
    }

    @Test
    void aMissingInputFolderIsExitCode3() throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(work, "run", "--period", "2026-10", "--input", work.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.stderr()).contains("input folder " + work.resolve("nope") + " does not exist");
        assertNoStackTrace(result);
    }

    @Test
    void aMissingInputFileStopsTheRunWithExitCode3AndNamesTheFile() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("firm"));
        Files.delete(input.resolve("consultants.csv"));

        BillrunProcess.Result result = BillrunProcess.run(work, "--db-url", TestDatabase.createDatabase("cli_missing_file"),
                "--db-user", "postgres", "run", "--period", "2026-10", "--input", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.stderr()).contains("consultants.csv is missing");
        assertNoStackTrace(result);
    }

    @Test
    void anUnknownScopeIsBadUsageWithExitCode2NamingTheKnownEntitiesAndStartsNoRun() throws Exception {
        String db = TestDatabase.createDatabase("cli_unknown_scope");

        BillrunProcess.Result result = BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres",
                "run", "--period", "2026-10", "--input", TestFirms.TINY.toString(), "--scope", "XX01");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("unknown scope XX01", "the known entities are DE01 (or all, the default)");
        assertNoStackTrace(result);
        assertThat(JdbcClient.create(new DriverManagerDataSource(db, "postgres", "")).sql("SELECT count(*) FROM billing_run")
                .query(Long.class).single()).isZero();
    }

    @Test
    void runPrintsJsonOnStdoutThatAccountsForEveryRowAndLogsOnlyOnStderr() throws Exception {
        String db = TestDatabase.createDatabase("cli_json");

        BillrunProcess.Result result = BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres",
                "run", "--period", "2026-10", "--input", TestFirms.TINY.toString(), "--format", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode summary = JSON.readTree(result.stdout());
        assertThat(summary.get("balanced").asBoolean()).isTrue();
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        long read = 0;
        long accountedFor = 0;
        for (JsonNode source : summary.at("/run/sources")) {
            if (source.get("present").asBoolean()) {
                read += source.get("rowsRead").asLong();
                accountedFor += source.get("rowsAccepted").asLong() + source.get("rowsRejected").asLong();
            }
        }
        assertThat(read).isEqualTo(26).isEqualTo(accountedFor);
        assertThat(result.stderr()).contains("INFO");
        assertNoStackTrace(result);

        BillrunProcess.Result rejections = BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres",
                "rejections", "--format", "csv");
        assertThat(rejections.stdout().lines()).containsExactly(
                "file,line,column,value,reason,key",
                "time_entries.csv,3,hours,\"7,5\",\"expected hours such as 7.5 with '.' as decimal separator and no thousands separator, got '7,5' (a comma used as decimal separator?)\",T-2",
                "time_entries.csv,8,entry_id,T-1,duplicate record id T-1: line 2 has the same id and was kept,T-1",
                "expenses.csv,3,amount,\"1.234,50\",\"expected an amount such as 1234.50 with '.' as decimal separator and no thousands separator, got '1.234,50' (thousands separators are not allowed)\",X-2");
    }

    @Test
    void aRunKilledWithSigkillIsResumedByTheNextRunAndEndsLikeAnUninterruptedRun() throws Exception {
        int rows = 300_000;
        Path input = TestFirms.tinyWithTimeEntries(work.resolve("big"), rows, 9_973);
        Path dataDir = work.resolve("pgdata");
        String[] runCommand = {"--data-dir", dataDir.toString(), "run", "--period", "2026-10", "--input", input.toString(), "--format", "json"};

        BillrunProcess victim = BillrunProcess.start(work, runCommand);
        long rowsReadWhenKilled = waitUntilPartlyLoaded(dataDir, victim, rows);
        victim.killHard();
        assertThat(rowsReadWhenKilled).isBetween(1L, rows - 1L);

        BillrunProcess.Result resumed = BillrunProcess.run(work, runCommand);

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        JsonNode summary = JSON.readTree(resumed.stdout());
        assertThat(summary.get("resumed").asBoolean()).isTrue();
        assertThat(summary.at("/run/runNumber").asLong()).isEqualTo(1);
        assertThat(resumed.stderr()).contains("left running", "recovering it");
        // every step as its last attempt left it: the killed attempt's steps are history, not the run's status
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        for (JsonNode step : summary.at("/run/steps")) {
            assertThat(step.get("status").asString()).as(step.get("step").asString()).isEqualTo("COMPLETED");
        }
        assertThat(summary.at("/run/steps/0/step").asString()).isEqualTo("registerSources");
        assertThat(summary.at("/run/steps/0/attempt").asInt()).isEqualTo(2);
        assertThat(summary.at("/run/steps/0/earlierAttempts/0/attempt").asInt()).isEqualTo(1);
        JsonNode report = JSON.readTree(Path.of(summary.get("reports").asString()).resolve("run-report.json").toFile());
        assertThat(report.at("/run/completedThrough").asString()).isEqualTo("report");
        for (JsonNode step : report.get("steps")) {
            assertThat(step.get("status").asString()).as(step.get("step").asString()).isEqualTo("COMPLETED");
        }

        String reference = TestDatabase.createDatabase("cli_uninterrupted");
        BillrunProcess.Result uninterrupted = BillrunProcess.run(work, "--db-url", reference, "--db-user", "postgres",
                "run", "--period", "2026-10", "--input", input.toString());
        assertThat(uninterrupted.exitCode()).isZero();

        List<List<String>> afterKill;
        List<String> preparers;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            afterKill = contents(server.jdbcUrl(), server.password());
            preparers = JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl(), "postgres", server.password()))
                    .sql("SELECT preparer FROM billing_run").query(String.class).list();
        }
        assertThat(preparers).as("with the embedded database, who runs billrun is the OS user").containsExactly(System.getProperty("user.name"));
        assertThat(afterKill).isEqualTo(contents(reference, ""));
        assertThat(afterKill.get(SourceKind.TIME_ENTRIES.ordinal())).hasSize(rows - rows / 9_973);
        assertThat(afterKill.get(afterKill.size() - 2)).as("validation after the resumed ingest").isNotEmpty();
        assertThat(afterKill.get(afterKill.size() - 1)).as("drafts after the resumed ingest").isNotEmpty();
    }

    /**
     * Waits until some but not all of the time entries are committed, and says which of the three ways it went wrong
     * when it could not see that: the run ended, it loaded everything between two looks, or it never got there.
     */
    private static long waitUntilPartlyLoaded(Path dataDir, BillrunProcess victim, int rows) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        long lastSeen = -1;
        Connection connection = null;
        try {
            while (System.nanoTime() < deadline && victim.isAlive()) {
                if (connection == null) {
                    connection = connectToEmbeddedServer(dataDir);
                }
                if (connection != null) {
                    try (var st = connection.createStatement();
                            var rs = st.executeQuery("SELECT rows_read FROM source_file_totals WHERE kind = 'TIME_ENTRIES'")) {
                        if (rs.next()) {
                            lastSeen = rs.getLong(1);
                            if (lastSeen > 0 && lastSeen < rows) {
                                return lastSeen;
                            }
                        }
                    } catch (java.sql.SQLException schemaNotThereYet) {
                        connection.close();
                        connection = null;
                    }
                }
                Thread.sleep(20);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        if (!victim.isAlive()) {
            throw new AssertionError("the run ended (exit " + victim.exitValue() + ") before it could be killed; time entries read at the last look: "
                    + lastSeen + "; its stderr ends with:\n" + tail(victim.stderrSoFar(), 40));
        }
        throw new AssertionError(lastSeen >= rows
                ? "the run loaded all " + rows + " time entries between two looks, before it could be killed"
                : "the run had not started loading time entries after 180 s (read at the last look: " + lastSeen + ")");
    }

    /** A connection to the server the run started in {@code dataDir}, none while it is not up yet. */
    private static Connection connectToEmbeddedServer(Path dataDir) throws java.io.IOException {
        List<String> lines = pidFileLines(dataDir);
        if (lines.size() < 4 || lines.get(3).isBlank()) {
            return null;
        }
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lines.get(3).strip() + "/postgres", "postgres",
                    embeddedPassword(dataDir));
        } catch (java.sql.SQLException starting) {
            return null;
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * The lines of the embedded server's postmaster.pid, none while there is none: the file comes and goes as the server
     * is set up (initdb, then a start), so it may be gone between a look and the read.
     */
    private static List<String> pidFileLines(Path dataDir) throws java.io.IOException {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (java.nio.file.NoSuchFileException notThereNow) {
            return List.of();
        }
    }

    /** The password billrun keeps in the embedded data directory, empty until it exists. */
    private static String embeddedPassword(Path dataDir) throws java.io.IOException {
        Path file = dataDir.resolve("billrun-password");
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    private static List<List<String>> contents(String url, String password) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", password);
        DatabaseState state = new DatabaseState(JdbcClient.create(dataSource));
        List<List<String>> contents = new ArrayList<>();
        for (SourceKind kind : SourceKind.values()) {
            contents.add(state.contents(kind));
        }
        contents.add(state.rejections());
        contents.add(state.validation());
        contents.add(state.drafts());
        return contents;
    }

    private static void assertNoStackTrace(BillrunProcess.Result result) {
        assertThat(result.stderr()).doesNotContain("\tat ", "Exception:", "Caused by");
    }
}
