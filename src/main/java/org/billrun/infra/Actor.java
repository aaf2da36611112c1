package org.billrun.infra;

import java.util.function.Supplier;

/**
 * Who runs this command, resolved once: the operating-system user with the embedded database (the CLI
 * hands it over), the database login with an external one. Every audit entry and every run records it
 * (a run as its preparer).
 */
public final class Actor {

    private final Supplier<String> resolve;
    private volatile String name;

    public Actor(Supplier<String> resolve) {
        this.resolve = resolve;
    }

    public static Actor named(String name) {
        return new Actor(() -> name);
    }

    /** The actor's name; asks the database at most once. */
    public String name() {
        String resolved = name;
        if (resolved == null) {
            synchronized (this) {
                if (name == null) {
                    name = resolve.get();
                }
                resolved = name;
            }
        }
        return resolved;
    }

    @Override
    public String toString() {
        return name();
    }
}
