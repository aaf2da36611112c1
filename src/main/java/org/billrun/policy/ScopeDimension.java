package org.billrun.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a policy key can be scoped by, most specific first: a setting for a record's project beats one
 * for its contract, which beats its client, its contract type (billing model), its geography (the
 * country of the legal entity that bills it), and the key without a scope (global).
 */
public enum ScopeDimension {
    PROJECT, CONTRACT, CLIENT, MODEL, COUNTRY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension written in a key's brackets, or null when {@code label} names none. */
    public static ScopeDimension parse(String label) {
        for (ScopeDimension dimension : values()) {
            if (dimension.label().equals(label)) {
                return dimension;
            }
        }
        return null;
    }

    public static String labels() {
        return Arrays.stream(values()).map(ScopeDimension::label).collect(Collectors.joining(", "));
    }
}
