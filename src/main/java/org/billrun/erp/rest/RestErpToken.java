package org.billrun.erp.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The bearer token for the ERP's API: the environment variable {@value #VARIABLE}, else the first line of a
 * file only its owner may read. Never an argument (it would show in {@code ps}), never in a log line or a
 * message. Read at each request, so a rotated token file is picked up without a restart.
 */
final class RestErpToken {

    static final String VARIABLE = "BILLRUN_ERP_TOKEN";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String fromEnvironment;
    private final Path file;

    /**
     * @param environment the process environment ({@code System.getenv()})
     * @param file the token file setting, or null
     * @throws IllegalStateException when neither gives a token source
     */
    RestErpToken(Map<String, String> environment, Path file) {
        String value = environment.get(VARIABLE);
        this.fromEnvironment = value == null || value.isBlank() ? null : value.strip();
        this.file = file;
        if (fromEnvironment == null && file == null) {
            throw new IllegalStateException("the REST ERP adapter needs a token: set the environment variable " + VARIABLE
                    + " or billrun.erp.rest.token-file (a file readable by its owner only)");
        }
    }

    /** The token; a {@link TokenUnavailableException} naming the file (never its content) when it cannot be read. */
    String value() {
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new TokenUnavailableException("the ERP token file " + file + " is open to others ("
                            + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only: chmod 600 "
                            + file);
                }
            }
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new TokenUnavailableException("the ERP token file " + file + " is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new TokenUnavailableException("cannot read the ERP token file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** The token cannot be read: a setting to fix, nothing was sent. */
    static final class TokenUnavailableException extends RuntimeException {
        TokenUnavailableException(String message) {
            super(message);
        }
    }
}
