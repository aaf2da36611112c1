package org.billrun.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The SMTP password: the first line of a file only its owner may read ({@code billrun.delivery.smtp-password-file},
 * {@code BILLRUN_DELIVERY_SMTP_PASSWORD_FILE}), or Spring Boot's {@code SPRING_MAIL_PASSWORD} from the
 * environment. Never a command-line argument or a system property (both show in {@code ps}): a password
 * given as {@code -Dspring.mail.password} is refused. Messages name the file, never the password.
 */
final class SmtpPassword {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private SmtpPassword() {}

    /**
     * The password from {@code file} (empty when no file is set: Spring Boot's settings stand); an
     * {@link IllegalStateException} when a system property carries it or the file is open to others, missing or empty.
     */
    static Optional<String> read(Path file, String systemProperty) {
        if (systemProperty != null) {
            throw new IllegalStateException("the SMTP password was given as a system property (-Dspring.mail.password), which other users see"
                    + " in ps: put it in a file readable by its owner only and name it with BILLRUN_DELIVERY_SMTP_PASSWORD_FILE");
        }
        if (file == null) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the SMTP password file " + file + " does not exist or is not a file");
            }
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new IllegalStateException("the SMTP password file " + file + " is open to others (" + PosixFilePermissions.toString(permissions)
                            + "); make it readable by its owner only: chmod 600 " + file);
                }
            }
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalStateException("the SMTP password file " + file + " is empty");
            }
            return Optional.of(first);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the SMTP password file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
