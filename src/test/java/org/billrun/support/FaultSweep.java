package org.billrun.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fault-injection harness: runs a firm through the chain of commands (run, approve --straight-through, post to a file
 * outbox, events publish) once as the reference, then, per seeded point, runs the chain again in a database of its own and
 * kills the command of the point's stage with SIGKILL (or SIGTERM, or SIGKILL and then SIGKILL again during the restart)
 * once that stage is under way (a stage marker in the database, then a seeded delay), restarts the same command until it
 * succeeds, and compares what the chain left ({@link ChainSnapshot}) with the reference.
 *
 * <p>The reference keeps a copy of its database after each command (PostgreSQL's {@code CREATE DATABASE ... TEMPLATE}),
 * so a point whose stage is approve, post or events starts from the reference's state before that command instead of
 * running the earlier commands again. With {@code fullChain}, a point goes on with the rest of the chain after its killed
 * command and is compared at the end; without, it is compared with the reference's copy right after the killed command.
 */
public final class FaultSweep {

    /** Where a kill is aimed: the four stages of {@code run} and the three commands after it. */
    public enum Stage {
        INGEST(Command.RUN, "registerSources", "loadSources", "loadSourceFile", "mergeSources"),
        VALIDATE(Command.RUN, "recordPolicy", "validateTimeEntries", "validateExpenses", "checkContracts", "settleExceptions"),
        DRAFT(Command.RUN, "draftInvoices", "draftClients", "recordDrafts"),
        REPORT(Command.RUN, "writeInvoices", "writeInvoicePdfs", "writeReports"),
        APPROVE(Command.APPROVE),
        POST(Command.POST),
        EVENTS(Command.EVENTS);

        final Command command;
        final List<String> steps;

        Stage(Command command, String... steps) {
            this.command = command;
            this.steps = List.of(steps);
        }

        static Stage ofStep(String step) {
            for (Stage stage : values()) {
                if (stage.steps.stream().anyMatch(step::startsWith)) {
                    return stage;
                }
            }
            return null;
        }
    }

    /** The commands of the chain, in order. */
    public enum Command { RUN, APPROVE, POST, EVENTS }

    public enum Fault {
        /** SIGKILL: no shutdown hook, like kill -9 or a power cut. */
        KILL,
        /** SIGTERM, as systemd and Kubernetes stop a service. */
        TERM,
        /** SIGKILL, then SIGKILL again once the restart is under way. */
        KILLED_RESTART,
        /**
         * The database ends billrun's sessions ({@code pg_terminate_backend} on every backend of the command's database named
         * {@code billrun}): the command must fail on its own, in bounded time, and the restart must finish the work.
         */
        CONNECTION_LOSS
    }

    /** How long a command may take to end after its database sessions were terminated. */
    public static final long CONNECTION_LOSS_LIMIT_SECONDS = 60;

    /** A point: the fault, the stage (and optionally the one step of it) whose start it waits for, and the delay after it. */
    public record Point(int number, Stage stage, Fault fault, int delayMillis, String step) {
        public Point(int number, Stage stage, Fault fault, int delayMillis) {
            this(number, stage, fault, delayMillis, null);
        }

        List<String> steps() {
            return step == null ? stage.steps : List.of(step);
        }

        @Override
        public String toString() {
            return "point " + number + ": " + fault + " in " + (step == null ? stage : step) + " +" + delayMillis + " ms";
        }
    }

    /** What became of one point: where the kill(s) landed, the exit codes, and the differences from the reference. */
    public record Outcome(Point point, List<String> landed, List<Integer> exitCodes, List<String> differences, int redeliveredEvents,
            long millis) {
        public boolean passed() {
            return differences.isEmpty();
        }

        @Override
        public String toString() {
            return (passed() ? "PASSED " : "FAILED ") + point + "; landed in " + landed + "; exit codes " + exitCodes
                    + (redeliveredEvents > 0 ? "; events redelivered " + redeliveredEvents : "") + "; " + millis + " ms"
                    + (passed() ? "" : "\n  " + String.join("\n  ", differences));
        }
    }

    /**
     * What a command said and how long it took to end after its sessions were terminated, and what the job repository
     * showed then: the last step execution's name, status and items written, and the rows of validated_record, which the
     * validation steps write in the chunk's transaction (equal to the written items when nothing was half-written).
     */
    public record ConnectionLoss(long sessions, long millis, BillrunProcess.Result result, String lastStep, String lastStepStatus,
            long lastStepWrites, long validatedRecords) {}

    private ConnectionLoss lastConnectionLoss;

    /** The last connection loss struck, or null. */
    public ConnectionLoss lastConnectionLoss() {
        return lastConnectionLoss;
    }

    private static final int MAX_ATTEMPTS = 6;
    private static final String PERIOD = "2026-10";

    private final Path work;
    private final Path firm;
    private final boolean fullChain;
    private final String prefix;

    /**
     * @param work a folder for the processes' output, outboxes, events and reports
     * @param firm the input folder of the firm
     * @param prefix the databases' name prefix on the test server (one test JVM may run several sweeps)
     */
    public FaultSweep(Path work, Path firm, String prefix, boolean fullChain) {
        this.work = work;
        this.firm = firm;
        this.prefix = prefix;
        this.fullChain = fullChain;
    }

    /** Seeded points that visit every stage in turn (in a seeded order): SIGKILL, SIGTERM, killed restarts and connection losses. */
    public static List<Point> points(long seed, int count) {
        Random random = new Random(seed);
        List<Stage> stages = new ArrayList<>(List.of(Stage.values()));
        java.util.Collections.shuffle(stages, random);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Fault fault = i % 5 == 4 ? Fault.CONNECTION_LOSS : i % 4 == 3 ? Fault.KILLED_RESTART : i % 3 == 2 ? Fault.TERM : Fault.KILL;
            points.add(new Point(i + 1, stages.get(i % stages.size()), fault, random.nextInt(1200)));
        }
        return points;
    }

    /** Runs the chain once without faults, keeping a copy of the database before each command. */
    public void reference() throws Exception {
        createRoleAdmin();
        String db = database("ref");
        Path dir = work.resolve("reference");
        expectZero(BillrunProcess.run(dir, "--db-url", db, "--db-user", "postgres", "db", "migrate"), "db migrate");
        for (Command command : Command.values()) {
            copy("ref", "before_" + command.name().toLowerCase());
            expectZero(BillrunProcess.run(dir, args(command, db, dir)), command.name());
        }
    }

    /** The reference's state after {@code upTo}, with the files of the commands from {@code from} on. */
    public ChainSnapshot referenceSnapshot(Command from, Command upTo) {
        Path dir = work.resolve("reference");
        String db = upTo == Command.EVENTS ? database("ref") : database("before_" + Command.values()[upTo.ordinal() + 1].name().toLowerCase());
        return snapshot(db, dir, from, upTo);
    }

    public Outcome run(Point point) throws Exception {
        long started = System.nanoTime();
        Command killed = point.stage().command;
        String name = "p" + point.number();
        copy("before_" + killed.name().toLowerCase(), name);
        String db = database(name);
        Path dir = work.resolve(name);
        Random random = new Random(point.number() * 31L + point.delayMillis());
        List<String> landed = new ArrayList<>();
        List<Integer> exitCodes = new ArrayList<>();

        BillrunProcess victim = BillrunProcess.start(dir, args(killed, db, dir));
        landed.add(strike(victim, point.stage(), point.steps(), point.fault(), point.delayMillis(), db, exitCodes));
        // the restart is killed too, if there is one: a command that ended before its kill, or a run whose job completed
        // before the kill reached the process (it was shutting down), is done, and starting it again would be a second
        // run of the period
        if (point.fault() == Fault.KILLED_RESTART && !done(killed, db, exitCodes)) {
            BillrunProcess restart = BillrunProcess.start(dir, args(killed, db, dir));
            landed.add("restart: " + strike(restart, point.stage(), point.steps(), Fault.KILL, random.nextInt(1200), db, exitCodes));
        }
        // a command the fault did not stop (it ended first, or it rode out a lost connection) is done: running it again
        // would be a second run of the period, not a restart
        boolean succeeded = done(killed, db, exitCodes);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !succeeded; attempt++) {
            BillrunProcess.Result result = BillrunProcess.run(dir, args(killed, db, dir));
            exitCodes.add(result.exitCode());
            succeeded = result.exitCode() == 0;
            if (!succeeded && attempt == MAX_ATTEMPTS) {
                return new Outcome(point, landed, exitCodes, List.of(killed + " did not succeed in " + MAX_ATTEMPTS
                        + " restarts: " + lastLines(result.stderr())), 0, millisSince(started));
            }
        }
        Command last = killed;
        if (fullChain) {
            for (Command next : Command.values()) {
                if (next.ordinal() > killed.ordinal()) {
                    BillrunProcess.Result result = BillrunProcess.run(dir, args(next, db, dir));
                    exitCodes.add(result.exitCode());
                    if (result.exitCode() != 0) {
                        return new Outcome(point, landed, exitCodes, List.of(next + " after the restart exited " + result.exitCode()
                                + ": " + lastLines(result.stderr())), 0, millisSince(started));
                    }
                    last = next;
                }
            }
        }
        ChainSnapshot actual = snapshot(db, dir, killed, last);
        ChainSnapshot expected = referenceSnapshot(killed, last);
        return new Outcome(point, landed, exitCodes, actual.differences(expected, 5), actual.redeliveredEvents(), millisSince(started));
    }

    /** Drops the point's database (the sweep keeps the reference's). */
    public void dropPoint(Point point) {
        admin("DROP DATABASE IF EXISTS " + prefix + "_p" + point.number() + " WITH (FORCE)");
    }

    /**
     * Waits until the process is under way in the stage (a marker in the database), waits the delay, then signals it.
     * Returns where it landed: the step the job repository shows running, or how far the command had got.
     */
    private String strike(BillrunProcess process, Stage stage, List<String> steps, Fault fault, int delayMillis, String db,
            List<Integer> exitCodes)
            throws Exception {
        boolean term = fault == Fault.TERM;
        boolean connectionLoss = fault == Fault.CONNECTION_LOSS;
        long baseline = marker(db, stage, steps);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean marked = false;
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (marker(db, stage, steps) > baseline) {
                marked = true;
                break;
            }
            Thread.sleep(15);
        }
        if (marked) {
            Thread.sleep(delayMillis);
        }
        if (!process.isAlive()) {
            exitCodes.add(process.await().exitCode());
            return "nothing: the command ended before the " + (marked ? "delay ran out" : "stage began");
        }
        if (connectionLoss) {
            long terminated = queryLong(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'billrun'"
                    + " AND datname = current_database() AND pid <> pg_backend_pid()", -1);
            String where = where(db, stage);
            long lost = System.nanoTime();
            if (!process.waitFor(CONNECTION_LOSS_LIMIT_SECONDS)) {
                process.killHard();
                exitCodes.add(137);
                return "connection loss (" + terminated + " sessions) in " + where + ": still running after "
                        + CONNECTION_LOSS_LIMIT_SECONDS + " s, killed";
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost);
            BillrunProcess.Result result = process.await();
            exitCodes.add(result.exitCode());
            // the last step, not a partition of it; a partitioned step's records are its partitions' writes
            String[] last = queryText(db, "SELECT concat_ws('|', step_name, status) FROM batch_step_execution"
                    + " WHERE step_name NOT LIKE '%:%' ORDER BY step_execution_id DESC LIMIT 1").split("\\|");
            long writes = queryLong(db, """
                    SELECT CASE WHEN count(*) FILTER (WHERE step_name LIKE '%1$s%%:%%') > 0
                                THEN sum(write_count) FILTER (WHERE step_name LIKE '%1$s%%:%%')
                                ELSE sum(write_count) FILTER (WHERE step_name = '%1$s') END
                    FROM batch_step_execution WHERE job_execution_id = (SELECT max(job_execution_id) FROM batch_step_execution)"""
                    .formatted(last[0]), -1);
            lastConnectionLoss = new ConnectionLoss(terminated, millis, result, last[0], last.length > 1 ? last[1] : "", writes,
                    queryLong(db, "SELECT count(*) FROM validated_record", -1));
            return "connection loss (" + terminated + " sessions) in " + where + ", ended after "
                    + lastConnectionLoss.millis() + " ms";
        }
        if (term) {
            process.terminate();
            exitCodes.add(process.await().exitCode());
        } else {
            process.killHard();
            exitCodes.add(137);
        }
        return (term ? "SIGTERM " : "SIGKILL ") + where(db, stage);
    }

    /** Whether the command's work is done: it exited 0, or it is a run whose job the database holds as completed. */
    private static boolean done(Command command, String db, List<Integer> exitCodes) {
        return exitCodes.get(exitCodes.size() - 1) == 0 || command == Command.RUN && "COMPLETED".equals(queryText(db, """
                SELECT e.status FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'billingRun' ORDER BY e.job_execution_id DESC LIMIT 1"""));
    }

    /** A number that grows once the stage is under way. */
    private static long marker(String db, Stage stage, List<String> steps) {
        String sql = switch (stage.command) {
            case RUN -> "SELECT coalesce(max(step_execution_id), 0) FROM batch_step_execution WHERE status = 'STARTED' AND ("
                    + String.join(" OR ", steps.stream().map(s -> "step_name LIKE '" + s + "%'").toList()) + ")";
            case APPROVE -> "SELECT count(*) FROM approval_action";
            case POST -> "SELECT count(*) FROM posting_ledger";
            case EVENTS -> "SELECT count(*) FROM event_delivery";
        };
        return queryLong(db, sql, 0);
    }

    private static String where(String db, Stage stage) {
        return switch (stage.command) {
            case RUN -> {
                try (Connection c = DriverManager.getConnection(db, "postgres", ""); var st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT step_name, status FROM batch_step_execution ORDER BY step_execution_id DESC LIMIT 1")) {
                    yield rs.next() ? Stage.ofStep(rs.getString(1)) + " (" + rs.getString(1) + " " + rs.getString(2) + ")" : "before the first step";
                } catch (SQLException e) {
                    yield "unknown (" + e.getMessage() + ")";
                }
            }
            case APPROVE -> "APPROVE after " + queryLong(db, "SELECT count(*) FROM approval_action", -1) + " actions";
            case POST -> "POST after " + queryLong(db, "SELECT count(*) FROM posting WHERE state = 'posted'", -1) + " of "
                    + queryLong(db, "SELECT count(*) FROM posting", -1) + " postings";
            case EVENTS -> "EVENTS after " + queryLong(db, "SELECT count(*) FROM event_delivery", -1) + " of "
                    + queryLong(db, "SELECT count(*) FROM event_outbox", -1) + " events";
        };
    }

    private ChainSnapshot snapshot(String db, Path dir, Command from, Command upTo) {
        ChainSnapshot snapshot = ChainSnapshot.ofDatabase(db, "postgres");
        if (from == Command.RUN) {
            snapshot.withReports(dir.resolve("reports"));
        }
        if (from.ordinal() <= Command.POST.ordinal() && upTo.ordinal() >= Command.POST.ordinal()) {
            snapshot.withOutbox(dir.resolve("outbox"));
        }
        if (upTo == Command.EVENTS) {
            snapshot.withEvents(dir.resolve("events"));
        }
        return snapshot;
    }

    private String[] args(Command command, String db, Path dir) {
        List<String> args = new ArrayList<>(List.of("--db-url", db, "--db-user", command == Command.APPROVE ? "admin" : "postgres"));
        args.addAll(switch (command) {
            case RUN -> List.of("run", "--period", PERIOD, "--input", firm.toString());
            case APPROVE -> List.of("approve", "--straight-through");
            case POST -> List.of("post", "--outbox", dir.resolve("outbox").toString());
            case EVENTS -> List.of("events", "publish", "--events-dir", dir.resolve("events").toString());
        });
        return args.toArray(String[]::new);
    }

    private String database(String name) {
        // no user in the URL: pgjdbc lets the URL's user win over --db-user, and approve runs as admin
        String url = TestDatabase.jdbcUrl();
        return url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?')).replaceFirst("/postgres$", "/" + prefix + "_" + name);
    }

    private void copy(String from, String to) {
        admin("DROP DATABASE IF EXISTS " + prefix + "_" + to + " WITH (FORCE)");
        admin("CREATE DATABASE " + prefix + "_" + to + (from == null ? "" : " TEMPLATE " + prefix + "_" + from));
    }

    private void createRoleAdmin() {
        admin("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN CREATE ROLE admin LOGIN SUPERUSER; END IF; END $$");
        admin("DROP DATABASE IF EXISTS " + prefix + "_ref WITH (FORCE)");
        admin("CREATE DATABASE " + prefix + "_ref");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static long queryLong(String db, String sql, long otherwise) {
        String text = queryText(db, sql);
        return text == null || text.isEmpty() || text.startsWith("unknown") ? otherwise : Long.parseLong(text);
    }

    private static String queryText(String db, String sql) {
        try (Connection c = DriverManager.getConnection(db, "postgres", ""); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private static void expectZero(BillrunProcess.Result result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("reference " + what + " exited " + result.exitCode() + ": " + lastLines(result.stderr()));
        }
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** The summary line the script greps. */
    public static String summary(List<Outcome> outcomes) {
        long passed = outcomes.stream().filter(Outcome::passed).count();
        Map<Stage, Long> perStage = new java.util.EnumMap<>(Stage.class);
        outcomes.forEach(o -> perStage.merge(o.point().stage(), 1L, Long::sum));
        return "chaos summary: " + outcomes.size() + " points, " + passed + " passed, " + (outcomes.size() - passed) + " failed; per stage "
                + perStage;
    }
}
