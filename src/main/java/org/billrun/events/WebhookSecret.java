package org.billrun.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.billrun.infra.RefusedException;

/**
 * Where a webhook's signing secret comes from: the sink's {@code secret-file} (first line; readable by its
 * owner only), else the environment variable {@value #ENV}. Never an argument, never logged: messages name
 * the file or the variable, not the secret.
 */
public final class WebhookSecret {

    public static final String ENV = "BILLRUN_WEBHOOK_SECRET";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private WebhookSecret() {}

    public static byte[] resolve(String sink, Path file, Map<String, String> env) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new RefusedException("the secret file of sink " + sink + " (" + file + ") does not exist");
            }
            try {
                if (Files.getFileStore(file).supportsFileAttributeView("posix")
                        && Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
                    throw new RefusedException("the secret file of sink " + sink + " (" + file + ") is readable by others; chmod 600 " + file);
                }
                String line = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
                if (line.isEmpty()) {
                    throw new RefusedException("the secret file of sink " + sink + " (" + file + ") is empty");
                }
                return line.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RefusedException("cannot read the secret file of sink " + sink + " (" + file + "): " + e.getClass().getSimpleName());
            }
        }
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            throw new RefusedException("webhook sink " + sink + " needs a signing secret: set " + ENV
                    + " or billrun.events.sinks." + sink + ".secret-file");
        }
        return value.strip().getBytes(StandardCharsets.UTF_8);
    }
}
