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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real trytond for a test class: set up by scripts/tryton-setup in a temporary directory, listening on a
 * free port of 127.0.0.1, stopped by {@link #stop()}. Where Tryton is not installed the test class is
 * skipped, except under CI=true, where it fails: CI must really post to Tryton.
 */
final class TrytondServer {

    static final String INSTALL = "apt-get install --no-install-recommends tryton-server tryton-modules-account-invoice"
            + " tryton-proteus";

    private final Process process;
    private final Path log;
    private final TrytonSetup setup;

    private TrytondServer(Process process, Path log, TrytonSetup setup) {
        this.process = process;
        this.log = log;
        this.setup = setup;
    }

    static TrytondServer start(Path dir) throws Exception {
        requireTryton();
        int port = freePort();
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
        TrytonSetup setup = TrytonSetup.read(dir.resolve("server").resolve("billrun-tryton.json"));
        Path serverLog = dir.resolve("trytond.log");
        Process trytond = new ProcessBuilder("trytond", "-c", dir.resolve("server").resolve("trytond.conf").toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        TrytondServer server = new TrytondServer(trytond, serverLog, setup);
        server.awaitListening(port, Duration.ofSeconds(30));
        return server;
    }

    TrytonSetup setup() {
        return setup;
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

    private static void requireTryton() throws InterruptedException {
        boolean installed = onPath("trytond") && onPath("trytond-admin") && systemPythonHasProteus();
        if (installed) {
            return;
        }
        String message = "Tryton is not installed; on Debian 12: " + INSTALL;
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: CI must post to a real Tryton, so this test may not be skipped)");
        }
        Assumptions.abort(message);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static boolean systemPythonHasProteus() throws InterruptedException {
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import proteus")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
