package org.billrun.billing;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The current master data of the firm, read once per step: the reference that period records are
 * checked against and priced with. Plain lookups; no database behind it. As read for a run, {@code history} holds the
 * billing history per contract; the rows per consultant are read apart, by the one check that needs them
 * ({@link TrailingHours}).
 */
public record MasterData(Map<String, Client> clients, Map<String, Contract> contracts, Map<String, Project> projects,
        Map<String, Task> tasks, Map<String, Consultant> consultants, Map<String, ExpensePolicy> expensePolicies,
        List<Milestone> milestones, List<BillingHistory> history, RateBook rates, FxTable fx) {

    /**
     * The values by id; two values with one id are refused. A HashMap, not {@code Collectors.toUnmodifiableMap}:
     * the JDK's immutable map probes linearly, and sequential ids such as E-00001..E-15000 have hash codes
     * that cluster, so one look-up walked long runs of slots (1M look-ups among 15,000 consultants: 18 s,
     * against 38 ms here; issue 17's profile put 63 % of a 1M-entry run there).
     */
    public static <T> Map<String, T> index(Collection<T> values, Function<T, String> id) {
        Map<String, T> byId = new HashMap<>(Math.max(16, values.size() * 4 / 3 + 1));
        for (T value : values) {
            String key = Objects.requireNonNull(id.apply(value), "id");
            if (byId.putIfAbsent(key, value) != null) {
                throw new IllegalStateException("Duplicate key " + key);
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    public Project project(String id) {
        return id == null ? null : projects.get(id);
    }

    public Task task(String id) {
        return id == null || id.isEmpty() ? null : tasks.get(id);
    }

    public Consultant consultant(String id) {
        return id == null ? null : consultants.get(id);
    }

    public Contract contract(String id) {
        return id == null ? null : contracts.get(id);
    }

    public Client client(String id) {
        return id == null ? null : clients.get(id);
    }

    /** The contract a project bills under, when the project and its contract are both known. */
    public Contract contractOf(Project project) {
        return project == null ? null : contracts.get(project.contractId());
    }
}
