package org.billrun.infra.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.ingest.SourceKind;
import org.billrun.support.BillrunProcess;
import org.billrun.support.DatabaseState;
import org.billrun.support.RefusedClientDrafts;
import org.billrun.support.TestDatabase;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One manager ({@code billrun run --workers remote}) and worker processes ({@code billrun worker}) of the
 * packaged jar on one embedded database: the run's partitions execute in the workers, and what the run
 * stores (sources, rejections, validation, drafts with their lines and lineage, the run report's data) is
 * what a single-JVM run of the same input stores, also when a worker is killed with kill -9 mid-partition.
 */
class RemoteWorkersFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 60_000;
    private static final Pattern SENT = Pattern.compile("Sent (\\d+) partitions of (\\w+)");

    @TempDir
    Path work;

    /** The 60,000-entry firm and its single-JVM run, shared by the two tests that kill a process: one reference run, not two. */
    @TempDir
    static Path shared;

    private static Path generatedFirm;
    private static Reference generatedFirmReference;

    @Test
    void theSampleFirmOnTwoWorkerProcessesEndsLikeASingleJvmRun() throws Exception {
        Path input = Path.of("sample-data/northwind");
        Path dataDir = work.resolve("pgdata");
        // small parts, so that the sample firm's time entries make several partitions for the two workers
        Map<String, String> smallParts = Map.of("BILLRUN_INGEST_ROWSPERPART", "300");

        BillrunProcess manager = BillrunProcess.start(work, smallParts, "--data-dir", dataDir.toString(),
                "run", "--period", "2026-10", "--input", input.toString(), "--workers", "remote", "--format", "json");
        BillrunProcess first = BillrunProcess.start(work, smallParts, "--data-dir", dataDir.toString(), "worker", "--concurrency", "1");
        BillrunProcess second = BillrunProcess.start(work, smallParts, "--data-dir", dataDir.toString(), "worker", "--concurrency", "1");
        BillrunProcess.Result run = manager.await();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode summary = JSON.readTree(run.stdout());
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        int sent = partitionsSent(run.stderr());
        assertThat(sent).as("the sample firm's time entries in parts of 300 rows, its consultants' records, its clients' drafts and PDFs").isGreaterThan(2);
        assertThat(run.stderr()).as("every partitioned step sends its partitions to the workers")
                .contains("partitions of loadSourceFile", "partitions of validateTimeEntriesByConsultant",
                        "partitions of validateExpensesByConsultant", "partitions of draftClients", "partitions of writeInvoicePdfs");

        first.terminate();
        second.terminate();
        BillrunProcess.Result firstWorker = first.await();
        BillrunProcess.Result secondWorker = second.await();
        assertThat(firstWorker.exitCode()).as(firstWorker.stderr()).isZero();
        assertThat(secondWorker.exitCode()).as(secondWorker.stderr()).isZero();
        assertThat(firstWorker.stderr()).contains("Worker stopped");
        assertThat(partitionsRun(firstWorker) + partitionsRun(secondWorker)).as("every partition ran in a worker").isEqualTo(sent);

        Reference reference = singleJvmRun(work, "remote_sample_reference", input);
        assertThat(contentsOf(dataDir)).isEqualTo(reference.contents());
        assertThat(reportData(summary)).isEqualTo(reference.reportData());
    }

    /**
     * The worker's exception stays in its JVM: the manager takes the first line of it from the job repository, so the
     * run's one line names the partition and why it failed, and the worker logs it at ERROR.
     */
    @Test
    void aPartitionThatFailsOnAWorkerIsNamedWithItsCauseByTheRunAndLoggedByTheWorker() throws Exception {
        Path input = Path.of("sample-data/northwind");
        Path dataDir = work.resolve("pgdata");
        BillrunProcess.Result validated = BillrunProcess.run(work, "--data-dir", dataDir.toString(),
                "run", "--period", "2026-10", "--input", input.toString(), "--until", "validate");
        assertThat(validated.exitCode()).as(validated.stderr()).isZero();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl(), "postgres", server.password())).sql(RefusedClientDrafts.CREATE)
                    .update();
        }

        BillrunProcess manager = BillrunProcess.start(work, "--data-dir", dataDir.toString(),
                "run", "--period", "2026-10", "--input", input.toString(), "--workers", "remote");
        BillrunProcess worker = BillrunProcess.start(work, "--data-dir", dataDir.toString(), "worker", "--concurrency", "1");
        BillrunProcess.Result run = manager.await();
        worker.terminate();
        BillrunProcess.Result workerLog = worker.await();

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.stderr()).containsPattern(
                "billrun: run \\d+ failed: partition draftClients:clients-\\d+ failed on a worker: " + Pattern.quote(RefusedClientDrafts.MESSAGE) + ";");
        assertThat(workerLog.stderr()).containsPattern("ERROR .*Partition draftClients:clients-\\d+ FAILED: " + Pattern.quote(RefusedClientDrafts.MESSAGE));
    }

    @Test
    void aWorkerKilledMidPartitionIsReplacedAndTheRunEndsLikeASingleJvmRun() throws Exception {
        Path input = generatedFirm();
        Path dataDir = work.resolve("pgdata");
        Map<String, String> env = Map.of("BILLRUN_INGEST_ROWSPERPART", "10000", "BILLRUN_PARTITIONS_WORKERLOSTAFTER", "3s");

        BillrunProcess manager = BillrunProcess.start(work, env, "--data-dir", dataDir.toString(),
                "run", "--period", "2026-10", "--input", input.toString(), "--workers", "remote", "--format", "json");
        BillrunProcess victim = BillrunProcess.start(work, env, "--data-dir", dataDir.toString(), "worker", "--concurrency", "1");
        awaitLine(victim, manager, "Running partition");
        victim.killHard();
        BillrunProcess survivor = BillrunProcess.start(work, env, "--data-dir", dataDir.toString(), "worker", "--concurrency", "2");
        BillrunProcess.Result run = manager.await();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("its worker died; issuing it again");
        JsonNode summary = JSON.readTree(run.stdout());
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        survivor.terminate();
        BillrunProcess.Result survived = survivor.await();
        assertThat(survived.exitCode()).as(survived.stderr()).isZero();
        assertThat(partitionsRun(survived)).as("the survivor ran the lost partition again and the rest").isGreaterThanOrEqualTo(1);

        List<List<String>> afterKill = contentsOf(dataDir);
        assertThat(afterKill).isEqualTo(generatedFirmReference().contents());
        assertThat(afterKill.get(SourceKind.TIME_ENTRIES.ordinal())).hasSize(ROWS - ROWS / 9_973);
        assertThat(reportData(summary)).isEqualTo(generatedFirmReference().reportData());
    }

    @Test
    void aManagerKilledMidRunIsResumedByTheNextRunOnTheWorkersAndEndsLikeASingleJvmRun() throws Exception {
        Path input = generatedFirm();
        String url = TestDatabase.createDatabase("remote_manager_killed");
        Map<String, String> env = Map.of("BILLRUN_INGEST_ROWSPERPART", "10000");
        String[] database = {"--db-url", url, "--db-user", "postgres"};
        String[] run = {"run", "--period", "2026-10", "--input", input.toString(), "--workers", "remote", "--format", "json"};

        BillrunProcess worker = BillrunProcess.start(work, env, concat(database, "worker", "--concurrency", "1"));
        BillrunProcess manager = BillrunProcess.start(work, env, concat(database, run));
        awaitLine(worker, manager, "Partition loadSourceFile");
        manager.killHard();
        BillrunProcess.Result resumed = BillrunProcess.start(work, env, concat(database, run)).await();

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        JsonNode summary = JSON.readTree(resumed.stdout());
        assertThat(summary.get("resumed").asBoolean()).isTrue();
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        worker.terminate();
        BillrunProcess.Result worked = worker.await();
        assertThat(worked.exitCode()).as(worked.stderr()).isZero();

        assertThat(contents(url, "")).isEqualTo(generatedFirmReference().contents());
        assertThat(reportData(summary)).isEqualTo(generatedFirmReference().reportData());
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** What a single-JVM run stored, and its run report's data. */
    private record Reference(List<List<String>> contents, JsonNode reportData) {}

    /** The 60,000-entry firm (the tiny firm with a malformed row every 9,973), generated once for the class. */
    private static synchronized Path generatedFirm() {
        if (generatedFirm == null) {
            generatedFirm = TestFirms.tinyWithTimeEntries(shared.resolve("firm"), ROWS, 9_973);
        }
        return generatedFirm;
    }

    /** The generated firm's single-JVM run, once for the class: the tests compare with it and do not change it. */
    private static synchronized Reference generatedFirmReference() throws Exception {
        if (generatedFirmReference == null) {
            generatedFirmReference = singleJvmRun(shared, "remote_generated_reference", generatedFirm());
        }
        return generatedFirmReference;
    }

    /** The same input run in one JVM with local partitions, into a database of its own. */
    private static Reference singleJvmRun(Path dir, String database, Path input) throws Exception {
        String url = TestDatabase.createDatabase(database);
        BillrunProcess.Result run = BillrunProcess.run(dir, "--db-url", url, "--db-user", "postgres", "--reports-dir",
                dir.resolve("reference").toString(), "run", "--period", "2026-10", "--input", input.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return new Reference(contents(url, ""), reportData(JSON.readTree(run.stdout())));
    }

    private static List<List<String>> contentsOf(Path dataDir) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            return contents(server.jdbcUrl(), server.password());
        }
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

    /**
     * The run report's data (run-report.json: sources and checksums, record states, control and invoice totals,
     * invoices, exceptions, KPIs) without what differs between any two runs: when and by which build it was
     * written, the run's ids and times, the audit log's head hash, and the steps (a replaced partition's reads are
     * not in the aggregate).
     */
    private static JsonNode reportData(JsonNode summary) {
        ObjectNode report = (ObjectNode) JSON.readTree(Path.of(summary.get("reports").asString()).resolve("run-report.json").toFile());
        // audit: the hash of the audit log's head, whose entries carry their times
        report.remove(List.of("generatedAt", "generatedBy", "run", "steps", "audit"));
        assertThat(report.get("invoices")).isNotEmpty();
        return report;
    }

    private static int partitionsSent(String managerLog) {
        Matcher sent = SENT.matcher(managerLog);
        int total = 0;
        while (sent.find()) {
            total += Integer.parseInt(sent.group(1));
        }
        return total;
    }

    private static long partitionsRun(BillrunProcess.Result worker) {
        return worker.stderr().lines().filter(l -> l.contains("Running partition")).count();
    }

    private static void awaitLine(BillrunProcess process, BillrunProcess manager, String line) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive() && manager.isAlive()) {
            if (process.stderrSoFar().contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' before the worker or the run ended:\n" + process.stderrSoFar());
    }
}
