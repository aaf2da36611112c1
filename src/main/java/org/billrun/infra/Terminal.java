package org.billrun.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr, where progress goes, is a terminal. {@code System.console()} is no answer: on Java 17 it
 * is null unless stdin and stdout are terminals too, so {@code billrun run --format json | jq} or
 * {@code > summary.json} hid the progress of a run watched on its terminal. On Linux the file descriptor's
 * link names the device; elsewhere the console stands in.
 */
public final class Terminal {

    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {}

    public static boolean stderrIsTerminal() {
        if (Files.isSymbolicLink(STDERR)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(STDERR).toString());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    /** A pseudo-terminal (/dev/pts/3), a virtual console (/dev/tty2) or the console; not a file, pipe or /dev/null. */
    static boolean isTerminalDevice(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }
}
