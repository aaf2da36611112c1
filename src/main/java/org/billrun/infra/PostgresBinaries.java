package org.billrun.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The zonky PostgreSQL binaries, and where zonky unpacked them. zonky runs initdb and pg_ctl itself
 * but offers no way to run the server in single-user mode, which billrun needs to set the superuser's
 * password before the server listens. zonky unpacks the archive into
 * {@code <working dir>/PG-<MD5 of the archive>}; this resolver hands zonky the usual archive and notes
 * its MD5 as zonky reads it, so the folder is known without reading the archive twice.
 */
final class PostgresBinaries implements PgBinaryResolver {

    /** One instance for the JVM: zonky caches the unpacked folder per resolver. */
    static final PostgresBinaries INSTANCE = new PostgresBinaries();

    private volatile String archiveMd5;

    private PostgresBinaries() {}

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("MD5 is not available in this JVM", e);
        }
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        return new FilterInputStream(new DigestInputStream(archive, md5)) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    closed = true; // zonky closes twice; digest() resets the digest
                    archiveMd5 = HexFormat.of().formatHex(md5.digest());
                }
            }
        };
    }

    /** The folder zonky's working directory setting points at (the same rule as zonky's). */
    static Path workingDirectory() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        return Path.of(System.getProperty("ot.epg.working-dir", temp.toString()));
    }

    /**
     * The command line that starts {@code program} (postgres, initdb, ...) as zonky starts it: under
     * {@code unshare -U} when billrun runs as root, since PostgreSQL refuses to run as root.
     */
    List<String> command(String program, List<String> arguments) throws IOException {
        String md5 = archiveMd5;
        if (md5 == null) {
            throw new IOException("the PostgreSQL binaries have not been unpacked yet");
        }
        Path binary = workingDirectory().resolve("PG-" + md5).resolve("bin").resolve(program);
        if (!Files.isExecutable(binary)) {
            throw new IOException("cannot find the PostgreSQL program " + binary);
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binary.toString());
        command.addAll(arguments);
        return command;
    }
}
