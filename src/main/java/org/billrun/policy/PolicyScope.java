package org.billrun.policy;

import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Where a record sits for the policy: its project, contract, client, billing model and the country of
 * the legal entity that bills it. Any of them may be null (a time entry on an unknown project has no
 * scope but the global one; a draft has no single project).
 */
public record PolicyScope(String project, String contract, String client, String model, String country) {

    public static final PolicyScope GLOBAL = new PolicyScope(null, null, null, null, null);

    /** A scope known in one dimension only: what a single scoped setting is checked under. */
    public static PolicyScope only(ScopeDimension dimension, String value) {
        return switch (dimension) {
            case PROJECT -> new PolicyScope(value, null, null, null, null);
            case CONTRACT -> new PolicyScope(null, value, null, null, null);
            case CLIENT -> new PolicyScope(null, null, value, null, null);
            case MODEL -> new PolicyScope(null, null, null, value, null);
            case COUNTRY -> new PolicyScope(null, null, null, null, value);
        };
    }

    public String value(ScopeDimension dimension) {
        return switch (dimension) {
            case PROJECT -> project;
            case CONTRACT -> contract;
            case CLIENT -> client;
            case MODEL -> model;
            case COUNTRY -> country;
        };
    }

    /** The same scope without the project: what a draft, which covers a whole contract, is routed under. */
    public PolicyScope withoutProject() {
        return new PolicyScope(null, contract, client, model, country);
    }

    /**
     * This scope reduced to the values some setting names: two records whose scopes differ only in
     * values no setting mentions get the same policy, so the policy is built once for both.
     */
    PolicyScope keepOnly(Map<ScopeDimension, Set<String>> named) {
        return new PolicyScope(kept(ScopeDimension.PROJECT, named), kept(ScopeDimension.CONTRACT, named),
                kept(ScopeDimension.CLIENT, named), kept(ScopeDimension.MODEL, named), kept(ScopeDimension.COUNTRY, named));
    }

    private String kept(ScopeDimension dimension, Map<ScopeDimension, Set<String>> named) {
        String value = value(dimension);
        return value != null && named.getOrDefault(dimension, Set.of()).contains(value) ? value : null;
    }

    /** "project=P-7 contract=K-1 client=C-ACME model=fixed_fee country=DE", or "global" when nothing is known. */
    public String describe() {
        StringJoiner text = new StringJoiner(" ");
        for (ScopeDimension dimension : ScopeDimension.values()) {
            if (value(dimension) != null) {
                text.add(dimension.label() + "=" + value(dimension));
            }
        }
        return text.length() == 0 ? "global" : text.toString();
    }
}
