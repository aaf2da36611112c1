package org.billrun.policy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.billrun.policy.PolicyFile.PolicyException;
import org.billrun.policy.PolicyFile.ScopedSetting;

/**
 * A policy (validation or draft) as it applies in each scope: the global one, and for a record's
 * scope the same policy built from the file's view at that scope ({@link PolicyFile#at}). Each scope is
 * built once and kept, reduced first to the values some setting names, so a firm with a few scoped
 * keys builds a few policies, not one per record; a file without scoped keys answers the global one.
 */
public final class ScopedPolicy<P> {

    /**
     * Keys that may carry a scope: the ones read per record or per draft. The others apply to the whole run;
     * approval.route.CODE too, because the approval stage builds its review steps from the one reviewer per reason.
     */
    static final Set<String> SCOPABLE_KEYS = Set.of("time.max-hours-per-day", "owner.finance", "approval.write-down-threshold-pct",
            "milestone.evidence-required");
    static final Set<String> SCOPABLE_PREFIXES = Set.of("rule.", "expense.receipt-required-above.", "approval.auto-approve-limit.");

    private final PolicyFile file;
    private final Function<PolicyFile, P> factory;
    private final P global;
    private final Map<ScopeDimension, Set<String>> named;
    private final Map<PolicyScope, P> byScope = new ConcurrentHashMap<>();

    private ScopedPolicy(PolicyFile file, Function<PolicyFile, P> factory, P global) {
        this.file = file;
        this.factory = factory;
        this.global = global;
        this.named = file == null ? Map.of() : file.namedScopes();
    }

    /**
     * Reads the policy from {@code file} with {@code factory} (ValidationPolicy::from, DraftPolicy::from),
     * globally and once for every scope a setting names, so that a bad key or value fails now and names
     * its scope. A key that cannot be scoped, or an approval key scoped by project, is refused.
     */
    public static <P> ScopedPolicy<P> of(PolicyFile file, Function<PolicyFile, P> factory) {
        P global = factory.apply(file);
        for (Map.Entry<ScopeDimension, Set<String>> dimension : file.namedScopes().entrySet()) {
            for (String value : dimension.getValue()) {
                try {
                    factory.apply(file.at(PolicyScope.only(dimension.getKey(), value)));
                } catch (PolicyException e) {
                    throw new PolicyException(e.getMessage() + " (in the settings scoped [" + dimension.getKey().label() + "=" + value + "])");
                }
            }
        }
        requireScopableKeys(file);
        return new ScopedPolicy<>(file, factory, global);
    }

    /** A policy that is the same everywhere: a firm without scoped keys, or a test. */
    public static <P> ScopedPolicy<P> unscoped(P policy) {
        return new ScopedPolicy<>(null, null, policy);
    }

    public P global() {
        return global;
    }

    /** Whether any setting carries a scope; when none does, every scope gets the global policy. */
    public boolean scoped() {
        return !named.isEmpty();
    }

    public P at(PolicyScope scope) {
        if (named.isEmpty() || scope == null) {
            return global;
        }
        PolicyScope relevant = scope.keepOnly(named);
        if (relevant.equals(PolicyScope.GLOBAL)) {
            return global;
        }
        return byScope.computeIfAbsent(relevant, s -> factory.apply(file.at(s)));
    }

    /**
     * Every scoped setting must name a value the master data knows: a project, contract or client id,
     * a billing model, a country of a legal entity. {@code known} gives the known values of a dimension.
     */
    public static void requireKnownScopes(PolicyFile file, Function<ScopeDimension, Set<String>> known) {
        for (ScopedSetting s : file.scopedSettings()) {
            Set<String> values = known.apply(s.dimension());
            if (!values.contains(s.value())) {
                throw new PolicyException(file.source() + ": " + s.key() + " names no " + s.dimension().label() + " '" + s.value()
                        + "' of the master data (" + knownList(s.dimension(), values) + ")");
            }
        }
    }

    private static String knownList(ScopeDimension dimension, Set<String> values) {
        if (values.isEmpty()) {
            return "there are none";
        }
        Set<String> sorted = new TreeSet<>(values);
        String shown = String.join(", ", sorted.stream().limit(12).toList());
        String plural = dimension == ScopeDimension.COUNTRY ? "countries" : dimension.label() + "s";
        return "known " + plural + ": " + shown + (sorted.size() > 12 ? ", ... (" + sorted.size() + " in all)" : "");
    }

    /** Whether a key may carry a scope: read per record or per draft, not once for the whole run. */
    public static boolean scopable(String key) {
        return SCOPABLE_KEYS.contains(key) || SCOPABLE_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static void requireScopableKeys(PolicyFile file) {
        for (ScopedSetting s : file.scopedSettings()) {
            String key = s.baseKey();
            if (!scopable(key)) {
                throw new PolicyException(file.source() + ": " + s.key() + ": " + key
                        + " cannot be scoped, it applies to the whole run (keys that can: rule.CODE.severity, rule.CODE.enabled, "
                        + "time.max-hours-per-day, expense.receipt-required-above.CCY, owner.finance, approval.auto-approve-limit.CCY and "
                        + "approval.write-down-threshold-pct)");
            }
            if (key.startsWith("approval.") && s.dimension() == ScopeDimension.PROJECT) {
                throw new PolicyException(file.source() + ": " + s.key() + ": a draft covers a whole contract, so approval keys "
                        + "are scoped by contract, client, model or country, not by project");
            }
        }
    }
}
