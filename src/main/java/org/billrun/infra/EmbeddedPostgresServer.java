package org.billrun.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL started from the zonky binaries, its data kept in a
 * directory between commands. One billrun process owns the server (it holds a file lock beside the
 * data directory and stops the server when it exits); a second process that finds the lock taken
 * connects to the running server as a guest, with the password kept in the data directory. A server
 * left behind by an owner that was killed (kill -9 skips shutdown hooks) is stopped before a new one
 * starts. The server listens on 127.0.0.1 only and wants the password: see {@link EmbeddedAccess}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres owned;
    private final FileLock lock;
    private final int port;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres owned, FileLock lock, int port, String password) {
        this.owned = owned;
        this.lock = lock;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.getParent());
        FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            int port = runningServerPort(dir).orElseThrow(() -> new IOException(
                    "the embedded database in " + dir + " is locked by another billrun process that has not started it yet; try again"));
            log.info("Embedded PostgreSQL in {} is owned by another billrun process; connecting to port {}", dir, port);
            // no password file: the owner is a billrun from before passwords, whose server trusts local logins
            return new EmbeddedPostgresServer(null, null, port, EmbeddedAccess.readPassword(dir).orElse(null));
        }
        try {
            stopOrphan(dir);
            log.info("Starting embedded PostgreSQL, data in {}", dir);
            String password = EmbeddedAccess.passwordFor(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPgBinaryResolver(PostgresBinaries.INSTANCE)
                    .setOverrideWorkingDirectory(PostgresBinaries.workingDirectory().toFile())
                    .setDataDirectoryCustomizer(initialised -> lockDown(initialised.toPath(), password))
                    .setConnectConfig("password", password)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "50")
                    // zonky is made for tests: it starts PostgreSQL with -F (no fsync) and synchronous_commit=off.
                    // This database keeps billing runs between commands, so it gets PostgreSQL's durable defaults.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedPostgresServer(pg, lock, pg.getPort(), password);
        } catch (UncheckedIOException e) {
            release(lock);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /**
     * A guest of the server that another billrun process runs on {@code dataDir}, or empty when no server
     * runs there: a {@code billrun worker} joins a run's database but never starts or stops it. It takes no
     * lock (a run starting at that moment must get it): a running server is one whose postmaster.pid names
     * a live process and a port.
     */
    public static Optional<EmbeddedPostgresServer> join(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pidFile = dir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (java.nio.file.NoSuchFileException notRunning) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            if (lines.size() < 4 || lines.get(3).isBlank()) {
                return Optional.empty();
            }
            pid = Long.parseLong(lines.get(0).strip());
            port = Integer.parseInt(lines.get(3).strip());
        } catch (NumberFormatException halfWritten) { // the server is starting and has not finished its pid file
            return Optional.empty();
        }
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedPostgresServer(null, null, port, EmbeddedAccess.readPassword(dir).orElse(null)));
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    private static void release(FileLock lock) throws IOException {
        lock.release();
        lock.channel().close();
    }

    private static void lockDown(Path dataDir, String password) {
        try {
            EmbeddedAccess.lockDown(dataDir, password, PostgresBinaries.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Null when another process, or another server object in this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return EmbeddedAccess.SUPERUSER;
    }

    /** The superuser's password; null only for a guest of a server started by a billrun from before passwords. */
    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
            release(lock);
        }
    }

    /** postmaster.pid holds the pid on line 1 and the port on line 4 while a server runs. */
    private static Optional<Integer> runningServerPort(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() >= 4 ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }

    private static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping a PostgreSQL server (pid {}) left running on {} by a billrun process that did not exit cleanly", pid, dir);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a PostgreSQL server (pid " + pid + ") still runs on " + dir + " and did not stop; stop it and retry", e);
        }
    }
}
