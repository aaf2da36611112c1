package org.billrun.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged billrun jar as a separate process, as a user or a scheduler would. */
public final class BillrunProcess {

    public record Result(int exitCode, String stdout, String stderr) {}

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private BillrunProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static BillrunProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /** With {@code env} added to the environment (e.g. BILLRUN_DB_PASSWORD). */
    public static BillrunProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        // the packaged jar's classes with scripts/billrun's JVM options, from a class data archive (BillrunLaunch)
        List<String> command = new ArrayList<>(BillrunLaunch.command());
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().remove("BILLRUN_DATA_DIR");
        for (String secret : List.of("BILLRUN_DB_PASSWORD", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "PGPASSFILE")) {
            builder.environment().remove(secret);
        }
        // a run writes its reports; tests keep them in their own folder, never in the user's home
        builder.environment().put("BILLRUN_REPORTS_DIR", workDir.resolve("reports").toAbsolutePath().toString());
        builder.environment().putAll(env);
        return new BillrunProcess(builder.start(), out, err);
    }

    public static Result run(Path workDir, String... args) throws Exception {
        return start(workDir, args).await();
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
        return start(workDir, env, args).await();
    }

    public Result await() throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("billrun did not finish within 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hook runs, exactly like kill -9 or a power cut of the JVM. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** SIGTERM, what systemd, Kubernetes and a plain {@code kill} send: billrun stops the run and exits on its own. */
    public void terminate() {
        process.destroy();
    }

    /** Waits up to {@code seconds} for the process to end; true when it did. */
    public boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** What the process has written to stderr so far, e.g. to wait for a log line. */
    public String stderrSoFar() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** The running CLI and whatever it started, to read their command lines as {@code ps} shows them. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }
}
