package org.billrun.erp.tryton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Reads the Tryton password from its file, which only its owner may read. Never logged, never in a message. */
final class TrytonPassword {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TrytonPassword() {}

    /** The first line of the file, without its line end. */
    static String read(Path file, String method) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new TrytonPermanentException(method, "the password file " + file + " is open to others ("
                            + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only: chmod 600 "
                            + file);
                }
            }
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw new TrytonPermanentException(method, "the password file " + file + " is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new TrytonPermanentException(method, "cannot read the password file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
