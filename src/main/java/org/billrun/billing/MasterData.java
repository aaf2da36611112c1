package org.billrun.billing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The current master data of the firm, read once per step: the reference that period records are
 * checked against and priced with. Plain lookups; no database behind it.
 */
public record MasterData(Map<String, Client> clients, Map<String, Contract> contracts, Map<String, Project> projects,
        Map<String, Task> tasks, Map<String, Consultant> consultants, Map<String, ExpensePolicy> expensePolicies,
        List<Milestone> milestones, List<BillingHistory> history, RateBook rates, FxTable fx) {

    public static <T> Map<String, T> index(Collection<T> values, Function<T, String> id) {
        return values.stream().collect(Collectors.toUnmodifiableMap(id, Function.identity()));
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
