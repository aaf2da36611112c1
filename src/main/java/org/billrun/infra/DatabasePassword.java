package org.billrun.infra;

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
 * The password for an external PostgreSQL, from the first of: a password file (--db-password-file),
 * the --db-password option, $BILLRUN_DB_PASSWORD, $SPRING_DATASOURCE_PASSWORD. None of them: null,
 * and pgjdbc reads PGPASSFILE or ~/.pgpass itself. The option is the only one that shows in ps.
 */
public record DatabasePassword(String value, Source source) {

    public enum Source { FILE, OPTION, ENVIRONMENT, NONE }

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** A password setting that cannot be used; the message says why and never quotes the secret. */
    public static final class UnusableException extends RuntimeException {
        UnusableException(String message) {
            super(message);
        }
    }

    public static DatabasePassword resolve(Path fileOption, String option, Map<String, String> env) {
        if (fileOption != null && option != null) {
            throw new UnusableException("give the database password once: --db-password-file or --db-password, not both");
        }
        if (fileOption != null) {
            return new DatabasePassword(readFile(fileOption), Source.FILE);
        }
        if (option != null) {
            return new DatabasePassword(option, Source.OPTION);
        }
        for (String name : new String[] {DatabaseSettings.PASSWORD_ENV, "SPRING_DATASOURCE_PASSWORD"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return new DatabasePassword(value, Source.ENVIRONMENT);
            }
        }
        return new DatabasePassword(null, Source.NONE);
    }

    /** The file's first line; refused when anyone but its owner may read or change it, as ssh does with keys. */
    static String readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnusableException("the database password file " + file + " does not exist or is not a file");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new UnusableException("the database password file " + file + " can be read or changed by other users (mode "
                            + PosixFilePermissions.toString(permissions) + "); make it owner-only: chmod 600 " + file);
                }
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new UnusableException("the database password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UnusableException("cannot read the database password file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DatabasePassword[" + source + "]";
    }
}
