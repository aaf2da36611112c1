package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.support.ChainSnapshot;
import org.billrun.support.FaultSweep;
import org.billrun.support.FaultSweep.Command;
import org.billrun.support.FaultSweep.Fault;
import org.billrun.support.FaultSweep.Outcome;
import org.billrun.support.FaultSweep.Point;
import org.billrun.support.FaultSweep.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart equals no crash (invariant 2), across the whole chain: a generated firm is run, approved straight through, posted
 * to the file outbox and its events published, once as the reference; then the packaged jar is killed at seeded points in
 * a stage (SIGKILL, SIGTERM, or SIGKILL twice: the restart is killed too), restarted with the same command until it
 * succeeds, and the drafts, lineage, exceptions, postings, events and report data must equal the reference's
 * ({@link ChainSnapshot}: ids and timestamps normalised).
 *
 * <p>The suite runs two points (SIGTERM in post, and SIGKILL in the report stage with the restart killed by SIGKILL too) and
 * a connection loss in validateTimeEntries: each fault once, and each point that strikes {@code run} costs a run of the
 * firm, so the suite has no second plain SIGKILL in run (the killed restart is one, twice). {@code scripts/chaos} runs
 * many more through the same test: {@code -Dchaos.points=N -Dchaos.seed=S -Dchaos.consultants=C}, with
 * {@code -Dchaos.full-chain=true} (a point goes on to the end of the chain) and {@code -Dchaos.out=FILE} (one line per point).
 */
class FaultInjectionFunctionalTests {

    private static final int CONSULTANTS = Integer.getInteger("chaos.consultants", 120);
    private static final long SEED = Long.getLong("chaos.seed", 18);
    private static final int POINTS = Integer.getInteger("chaos.points", 0);
    private static final boolean FULL_CHAIN = Boolean.getBoolean("chaos.full-chain");
    private static final String OUT = System.getProperty("chaos.out");

    @TempDir
    static Path work;

    static FaultSweep sweep;

    /** The reference chain, once for both tests: its databases are the templates every point starts from. */
    @BeforeAll
    static void reference() throws Exception {
        Path firm = work.resolve("firm");
        new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, YearMonth.of(2026, 10), SEED, firm));
        sweep = new FaultSweep(work, firm, "chaos", FULL_CHAIN);
        long started = System.nanoTime();
        sweep.reference();
        ChainSnapshot reference = sweep.referenceSnapshot(Command.RUN, Command.EVENTS);
        assertThat(reference.part("table draft_invoice")).as("the reference drafted").isNotEmpty();
        assertThat(reference.part("table posting")).as("the reference posted").isNotEmpty();
        assertThat(reference.part("events delivered")).as("the reference published events").isNotEmpty();
        report("chaos reference: %d consultants, seed %d, %d drafts, %d postings, %d events, %d ms".formatted(CONSULTANTS, SEED,
                reference.part("table draft_invoice").size(), reference.part("table posting").size(),
                reference.part("events delivered").size(), (System.nanoTime() - started) / 1_000_000));
    }

    @Test
    void aChainKilledAtSeededPointsAndRestartedEndsEqualToTheChainThatNeverStopped() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (Point point : points()) {
            Outcome outcome = sweep.run(point);
            sweep.dropPoint(point);
            outcomes.add(outcome);
            report(outcome.toString());
        }
        report(FaultSweep.summary(outcomes));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.passed()).as(o.toString()).isTrue());
        if (POINTS == 0) {
            assertThat(outcomes).as("every point struck its command before it ended")
                    .allSatisfy(o -> assertThat(o.landed().get(0)).as(o.toString()).startsWith("SIG"));
        }
    }

    /**
     * Database connection loss in the middle of a chunk-oriented step: the database ends every session of billrun
     * (pg_terminate_backend, as a failover or an administrator would). The run fails on its own in bounded time with
     * exit 5 and one line, the job repository shows the step failed (UNKNOWN: the failure could not be recorded on the
     * dead connection) with exactly the committed chunks' records written (nothing half-written), and the same command
     * run again ends equal to the reference.
     */
    @Test
    void aRunWhoseDatabaseSessionsAreTerminatedFailsInBoundedTimeAndItsRestartEqualsTheReference() throws Exception {
        Point point = new Point(90, Stage.VALIDATE, Fault.CONNECTION_LOSS, new Random(SEED).nextInt(300), "validateTimeEntries");
        Outcome outcome = sweep.run(point);
        sweep.dropPoint(point);
        FaultSweep.ConnectionLoss loss = sweep.lastConnectionLoss();
        report(outcome + "; " + loss.sessions() + " sessions terminated, ended in " + loss.millis() + " ms with exit "
                + loss.result().exitCode() + ", " + loss.lastStep() + " " + loss.lastStepStatus() + " wrote " + loss.lastStepWrites()
                + ", validated_record rows " + loss.validatedRecords());

        assertThat(outcome.landed().get(0)).as(outcome.toString()).startsWith("connection loss")
                .containsPattern("validateTimeEntries(ByConsultant:consultants-\\d+)? (STARTING|STARTED)");
        assertThat(loss.sessions()).isPositive();
        assertThat(loss.millis()).as("the run ends on its own, in bounded time").isLessThan(30_000);
        assertThat(loss.result().exitCode()).as(loss.result().stderr()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(loss.result().stderr()).doesNotContain("\tat ", "Caused by");
        assertThat(loss.lastStep()).isEqualTo("validateTimeEntries");
        // Spring Batch could not record the failed chunk on the dead connection: UNKNOWN until the next run marks it FAILED
        assertThat(loss.lastStepStatus()).isIn("FAILED", "UNKNOWN");
        assertThat(loss.validatedRecords()).as("the committed chunks' records, no more").isEqualTo(loss.lastStepWrites());
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
    }

    /** The suite's two points, or the script's {@code chaos.points} seeded ones. */
    private static List<Point> points() {
        if (POINTS > 0) {
            return FaultSweep.points(SEED, POINTS);
        }
        Random random = new Random(SEED);
        random.nextInt(800); // the delay of the SIGKILL in validate the suite ran before: the two points keep their delays
        // the killed restart strikes 100 ms into the report stage, not a seeded delay: this firm's report stage lasts about
        // half a second, and the seeded 638 ms landed after the command had ended, or after its job had completed, as the
        // machine's load went
        return List.of(new Point(2, Stage.POST, Fault.TERM, random.nextInt(800)),
                new Point(3, Stage.REPORT, Fault.KILLED_RESTART, 100));
    }

    private static void report(String line) throws Exception {
        System.out.println(line);
        if (OUT != null) {
            Files.writeString(Path.of(OUT), line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
