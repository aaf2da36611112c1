package org.billrun.erp.tryton;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real trytond for a test class: set up by scripts/tryton-setup in a temporary directory, listening on a
 * free port of 127.0.0.1, stopped by {@link #stop()}. Where Tryton is not installed a test class marked
 * with {@link Required} is skipped, except under CI=true, where it fails: CI must really post to Tryton.
 */
final class TrytondServer {

    static final String INSTALL = "apt-get install --no-install-recommends tryton-server tryton-modules-account-invoice"
            + " tryton-proteus";

    private final Process process;
    private final Path log;
    private final TrytonSetup setup;
    private final Path setupFile;

    private TrytondServer(Process process, Path log, TrytonSetup setup, Path setupFile) {
        this.process = process;
        this.log = log;
        this.setup = setup;
        this.setupFile = setupFile;
    }

    static TrytondServer start(Path dir) throws Exception {
        requireTryton();
        int port = freePort();
        long started = System.nanoTime();
        Path setupLog = dir.resolve("tryton-setup.log");
        Process setupProcess = new ProcessBuilder(Path.of("scripts", "tryton-setup").toAbsolutePath().toString(),
                dir.resolve("server").toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(setupLog.toFile()).start();
        if (!setupProcess.waitFor(5, TimeUnit.MINUTES)) {
            setupProcess.destroyForcibly();
            fail("scripts/tryton-setup did not finish within 5 minutes; its output: " + setupLog);
        }
        if (setupProcess.exitValue() != 0) {
            fail("scripts/tryton-setup failed (exit " + setupProcess.exitValue() + "):\n" + Files.readString(setupLog));
        }
        Path setupFile = dir.resolve("server").resolve("billrun-tryton.json");
        TrytonSetup setup = TrytonSetup.read(setupFile);
        long setUp = System.nanoTime();
        Path serverLog = dir.resolve("trytond.log");
        Process trytond = new ProcessBuilder("trytond", "-c", dir.resolve("server").resolve("trytond.conf").toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        TrytondServer server = new TrytondServer(trytond, serverLog, setup, setupFile);
        server.awaitListening(port, Duration.ofSeconds(30));
        System.out.printf("tryton-setup took %.1f s, trytond listened %.1f s later%n", (setUp - started) / 1e9,
                (System.nanoTime() - setUp) / 1e9);
        return server;
    }

    TrytonSetup setup() {
        return setup;
    }

    /** The billrun-tryton.json scripts/tryton-setup wrote, for {@code billrun.erp.tryton.setup-file}. */
    Path setupFile() {
        return setupFile;
    }

    /** Stops trytond and anything it started; nothing is left running. */
    void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitListening(int port, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("trytond stopped (exit " + process.exitValue() + "):\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        fail("trytond did not listen on port " + port + " within " + within + ":\n" + Files.readString(log));
    }

    /** Why Tryton cannot run here, with how to install it; empty where it is installed. */
    static Optional<String> missing() {
        if (onPath("trytond") && onPath("trytond-admin") && systemPythonHasProteus()) {
            return Optional.empty();
        }
        return Optional.of("Tryton is not installed; on Debian 12: " + INSTALL);
    }

    /** Skips a test class where Tryton is missing, except under CI=true, where {@link #start} fails it. */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> missing = missing();
            if (missing.isEmpty() || underCi()) {
                return ConditionEvaluationResult.enabled("Tryton is installed, or CI must post to it");
            }
            return ConditionEvaluationResult.disabled(missing.get());
        }
    }

    private static boolean underCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static void requireTryton() {
        missing().ifPresent(message -> fail(message + (underCi()
                ? " (CI=true: CI must post to a real Tryton, so this test may not be skipped)" : "")));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static boolean systemPythonHasProteus() {
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import proteus")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0;
        } catch (IOException noPython) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
