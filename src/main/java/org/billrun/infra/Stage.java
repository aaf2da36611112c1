package org.billrun.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The stages of a billing run, in pipeline order. Only the stages this version implements are
 * listed; approve and post arrive with their issues.
 */
public enum Stage {
    INGEST, VALIDATE, DRAFT, REPORT;

    /** The last stage this version has: what a run does when nothing says where to stop. */
    public static Stage last() {
        return values()[values().length - 1];
    }

    public static Stage parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RefusedException("unknown stage '" + name + "'; this version has: " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
