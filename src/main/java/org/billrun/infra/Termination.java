package org.billrun.infra;

import sun.misc.Signal;

/**
 * SIGTERM (what systemd, Kubernetes and {@code kill} send) as a request to stop, not a crash. The
 * JVM's own handling of SIGTERM runs every shutdown hook at once, and one of them (zonky's) stops the
 * embedded PostgreSQL under a job that is still writing: the run then failed with "Could not open
 * JDBC Connection" and exit 143. Instead, billrun takes the signal itself:
 * <ul>
 *   <li>while a command that can stop gracefully is in a {@link #graceful()} scope (billrun run), the
 *       signal only asks the running job to stop (see {@link #onRequest}); the command finishes its
 *       running chunk, releases its locks, stops the embedded server and exits with its own code;</li>
 *   <li>outside such a scope, or on a second signal, the process exits as the JVM would (143), its
 *       shutdown hooks stopping the embedded server.</li>
 * </ul>
 * {@code sun.misc.Signal} is the JDK's supported-but-unofficial signal API (module jdk.unsupported).
 */
public final class Termination {

    /** The exit status of a process ended by SIGTERM: 128 + 15. */
    public static final int SIGTERM_EXIT = 143;

    private static final Object LOCK = new Object();
    private static int gracefulScopes;
    private static boolean requested;
    private static Runnable stopAction;

    private Termination() {}

    /** Takes over SIGTERM for this process; once, at the start of main. */
    public static void handleSignals() {
        try {
            Signal.handle(new Signal("TERM"), signal -> signalled());
        } catch (IllegalArgumentException unsupported) {
            // a platform without SIGTERM (or one whose JVM keeps it): the JVM's default handling stays
        }
    }

    /** A scope in which SIGTERM asks the command to stop rather than ending the process. */
    public static Scope graceful() {
        synchronized (LOCK) {
            gracefulScopes++;
        }
        return () -> {
            synchronized (LOCK) {
                gracefulScopes--;
            }
        };
    }

    /**
     * Runs {@code stop} when SIGTERM arrives while the returned scope is open, or at once if it
     * already arrived. {@code stop} must only ask (mark the job stopping); it runs on the signal's thread.
     */
    public static Scope onRequest(Runnable stop) {
        boolean already;
        synchronized (LOCK) {
            stopAction = stop;
            already = requested;
        }
        if (already) {
            stop.run();
        }
        return () -> {
            synchronized (LOCK) {
                if (stopAction == stop) {
                    stopAction = null;
                }
            }
        };
    }

    /** Whether SIGTERM arrived while a graceful scope was open. */
    public static boolean requested() {
        synchronized (LOCK) {
            return requested;
        }
    }

    /** What the signal does; package-private so that a test can send it without a signal. */
    static void signalled() {
        Runnable stop;
        synchronized (LOCK) {
            if (gracefulScopes == 0 || requested) {
                stop = null;
            } else {
                requested = true;
                stop = stopAction == null ? () -> {} : stopAction;
            }
        }
        if (stop == null) {
            // not on the signal's own thread: System.exit waits for the shutdown hooks
            new Thread(() -> System.exit(SIGTERM_EXIT), "billrun-sigterm-exit").start();
        } else {
            stop.run();
        }
    }

    /** Forgets a signal; for tests, which share one JVM. */
    static void reset() {
        synchronized (LOCK) {
            requested = false;
            stopAction = null;
        }
    }

    /** Closes a scope; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
