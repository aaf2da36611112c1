package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.infra.Stage;
import org.billrun.posting.port.ErpDocument;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.ApproveEverything;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exactly once, measured (invariant 3): every draft of a generated firm is approved (and so numbered), then posted by child JVMs
 * ({@link PostProcess}) to a fault-injecting, non-idempotent ERP ({@link FlakyErp}: unreachable, time-outs after
 * accepting, slow answers) while the test kills each child with SIGKILL at a random moment of its posting (0.2 to
 * 3.2 s after it started posting) and starts the next,
 * until one finishes. Then every posting is posted, the ERP holds each reference exactly once (0 duplicates,
 * 0 missing), every ledger row is final and the audit chain is intact.
 */
@BillrunIntegrationTest
class ExactlyOnceFunctionalTests {

    private static final int CONSULTANTS = Integer.getInteger("trial.consultants", 1000);
    private static final int MAX_KILLS = Integer.getInteger("trial.kills", 12);

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries approvalQueries;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @Test
    void everyInvoiceReachesAFlakyErpExactlyOnceWhileThePostProcessIsKilledAgainAndAgain() throws Exception {
        int invoices = approveTheDraftsOfAGeneratedFirm(CONSULTANTS);

        Path erp = temp.resolve("erp.log");
        Random random = new Random(7);
        int kills = 0;
        int finished = -1;
        long started = System.nanoTime();
        for (int process = 1; finished != 0; process++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), PostProcess.class.getName(), TestDatabase.jdbcUrl(), erp.toString(),
                    Integer.toString(process)).redirectErrorStream(true).redirectOutput(temp.resolve("post-" + process + ".log").toFile())
                    .start();
            if (kills < MAX_KILLS && ready(child, temp.resolve("post-" + process + ".log"))
                    && !child.waitFor(200 + random.nextInt(3000), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor(); // SIGKILL: kill -9
                kills++;
                continue;
            }
            assertThat(child.waitFor(600, TimeUnit.SECONDS)).as("post process %d finishes", process).isTrue();
            finished = child.exitValue();
            if (finished != 0 && kills >= MAX_KILLS) {
                throw new AssertionError("post process " + process + " ended " + finished + ": " + Files.readString(
                        temp.resolve("post-" + process + ".log")));
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        List<ErpDocument> documents = FlakyErp.all(erp);
        Map<String, Long> perReference = documents.stream().collect(Collectors.groupingBy(ErpDocument::reference, Collectors.counting()));
        List<String> numbers = jdbc.sql("SELECT final_number FROM posting").query(String.class).list();
        long duplicates = perReference.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        long missing = numbers.stream().filter(n -> !perReference.containsKey(n)).count();
        Map<String, Long> ledger = jdbc.sql("SELECT status FROM posting_ledger").query(String.class).list().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.printf("exactly-once trial: %d invoices, %d post processes killed with SIGKILL, %d s; ERP documents %d, duplicates %d,"
                + " missing %d; ledger %s%n", invoices, kills, seconds, documents.size(), duplicates, missing, ledger);

        assertThat(duplicates).isZero();
        assertThat(missing).isZero();
        assertThat(documents).hasSize(invoices);
        assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE state = 'posted'").query(Long.class).single()).isEqualTo(invoices);
        assertThat(jdbc.sql("SELECT count(*) FROM posting p WHERE erp_document_id IS DISTINCT FROM "
                + "(SELECT max(erp_document_id) FROM posting_ledger l WHERE l.posting_id = p.posting_id AND l.status IN ('posted', 'found'))")
                .query(Long.class).single()).as("each posting names the document its ledger recorded").isZero();
        assertThat(ledger).doesNotContainKey("sending");
        assertThat(kills).isPositive();
        assertThat(audit.verify().intact()).isTrue();
        List<String> fromErp = new ArrayList<>(perReference.keySet());
        assertThat(fromErp).containsExactlyInAnyOrderElementsOf(numbers);
    }

    /**
     * Generates a firm, runs it to its drafts and approves every draft through the approval service, as people would (the last
     * approval numbers the version and queues its posting); returns how many invoices wait for posting.
     */
    private int approveTheDraftsOfAGeneratedFirm(int consultants) throws Exception {
        new DatabaseState(jdbc).reset();
        Path firm = temp.resolve("firm");
        new FirmGenerator().generate(new GenerationRequest(consultants, YearMonth.of(2026, 10), 42, firm));
        RunOutcome run = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", firm, Stage.DRAFT, null, null, null));
        assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> stuck = new ApproveEverything(approvals, approvalQueries, jdbc).approve(run.runId());
        // short backoff, so that the trial is about kills, not waiting
        jdbc.sql("UPDATE run_policy SET content = content || E'\\nposting.retry.base-seconds=1\\nposting.retry.cap-seconds=2\\n"
                + "posting.retry.max-attempts=100\\n'").update();
        int invoices = jdbc.sql("SELECT count(*) FROM posting").query(Integer.class).single();
        assertThat(invoices).isGreaterThan(50);
        // the generated directory's limits are below the largest drafts: those stay in review, as they would at a firm
        assertThat(stuck.size()).as("drafts left in review: %s", stuck).isLessThan(Math.max(10, invoices / 20));
        return invoices;
    }

    /**
     * Not a trial: how long one post process takes to post every invoice of the firm to the file outbox (UBL, PDF and
     * journal lines, each forced to disk), with the real final documents (UBL and PDF assembled per invoice). Run with
     * {@code -Dtrial.benchmark=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "trial.benchmark", matches = "true")
    void postingTheFirmToTheFileOutbox() throws Exception {
        int invoices = approveTheDraftsOfAGeneratedFirm(CONSULTANTS);
        Path outbox = temp.resolve("outbox");
        Path log = temp.resolve("benchmark.log");
        long started = System.nanoTime();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PostProcess.class.getName(), TestDatabase.jdbcUrl(), outbox.toString(), "1",
                "file", "10000").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(600, TimeUnit.SECONDS)).isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        System.out.printf("file outbox benchmark: %d invoices, %s; the process with its startup %d s%n", invoices,
                output.lines().filter(l -> l.startsWith("posting took")).findFirst().orElse("?"), seconds);
        assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE state = 'posted'").query(Integer.class).single()).isEqualTo(invoices);
        assertThat(Files.readAllLines(outbox.resolve("journal.jsonl"))).hasSize(invoices);
    }

    /** Waits until the child says it is posting (or ended): kills land while invoices are sent, not during startup. */
    private static boolean ready(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(PostProcess.READY)) {
                return true;
            }
            Thread.sleep(50);
        }
        return child.isAlive();
    }
}
