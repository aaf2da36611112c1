package org.billrun.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the embedded PostgreSQL: the superuser with a random password, over TCP from
 * 127.0.0.1 only, nothing over Unix sockets. The password lives in {@link #PASSWORD_FILE} inside the
 * data directory, readable by its owner only (0600) in a directory only its owner may enter (0700).
 *
 * <p>zonky's initdb trusts every local login, and so did the data directories of billrun 0.3 and
 * older. Before the server starts, {@link #lockDown} sets the password with PostgreSQL in single-user
 * mode (no network, so no moment when the server listens without a password) and rewrites
 * pg_hba.conf. It runs whenever pg_hba.conf is not billrun's, so an old data directory is upgraded in
 * place on its first start, and a start interrupted half way finishes the job the next time.
 */
final class EmbeddedAccess {

    static final String PASSWORD_FILE = "billrun-password";
    static final String SUPERUSER = "postgres";

    static final String PG_HBA = """
            # Written by billrun: the superuser logs in with its password (SCRAM), over TCP from this machine only.
            # The password is in billrun-password beside this file. Unix-socket logins are switched off.
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            host    all       postgres  127.0.0.1/32   scram-sha-256
            """;

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAccess.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SINGLE_USER_TIMEOUT_SECONDS = 120;

    private EmbeddedAccess() {}

    /** The password kept in {@code dataDir}, if there is one. */
    static Optional<String> readPassword(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /** The password kept in {@code dataDir}, or a new random one (256 bits) when there is none yet. */
    static String passwordFor(Path dataDir) throws IOException {
        Optional<String> kept = readPassword(dataDir);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Called between initdb and the server's start: owner-only permissions, the password in its file
     * and in the database, and billrun's pg_hba.conf.
     */
    static void lockDown(Path dataDir, String password, PostgresBinaries binaries) throws IOException {
        Files.setPosixFilePermissions(dataDir, OWNER_ONLY_DIRECTORY);
        Path hba = dataDir.resolve("pg_hba.conf");
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(passwordFile)) {
            Files.setPosixFilePermissions(passwordFile, OWNER_ONLY_FILE);
        }
        if (Files.exists(passwordFile) && Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
            return;
        }
        log.info("Securing the embedded PostgreSQL in {}: password login only, from 127.0.0.1", dataDir);
        // file first: a start that dies after this still finds the password the database will get
        writeOwnerOnly(passwordFile, password + "\n");
        setSuperuserPassword(dataDir, password, binaries);
        writeOwnerOnly(hba, PG_HBA);
    }

    /**
     * ALTER ROLE in single-user mode, fed on stdin (never on a command line, where ps shows it). The
     * server gets the SCRAM verifier, not the password, so even a statement log could not reveal it.
     */
    private static void setSuperuserPassword(Path dataDir, String password, PostgresBinaries binaries) throws IOException {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        List<String> command = binaries.command("postgres",
                List.of("--single", "-D", dataDir.toString(), "-c", "exit_on_error=on", "-c", "log_statement=none", SUPERUSER));
        Path output = Files.createTempFile("billrun-pg-single", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + verifier + "';\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL in single-user mode did not finish setting the password within "
                        + SINGLE_USER_TIMEOUT_SECONDS + " s");
            }
            String errors = errorLines(Files.readAllLines(output, StandardCharsets.UTF_8));
            if (process.exitValue() != 0 || !errors.isEmpty()) {
                throw new IOException("PostgreSQL refused to set the password (exit " + process.exitValue() + "): " + errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the embedded PostgreSQL's password", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** ERROR and FATAL lines only: the STATEMENT line PostgreSQL adds after an error would repeat the verifier. */
    private static String errorLines(List<String> lines) {
        return String.join("; ", lines.stream()
                .filter(l -> l.contains("ERROR:") || l.contains("FATAL:") || l.contains("PANIC:"))
                .toList());
    }

    /** Written beside the target with owner-only permissions from the start, then renamed into place. */
    static void writeOwnerOnly(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
