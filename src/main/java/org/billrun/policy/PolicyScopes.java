package org.billrun.policy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Contract;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Project;

/**
 * The policy scope of records by their project or contract, from the master data: the project, its
 * contract, the contract's client (the project's own when the contract is unknown), the contract's
 * billing model and the country of the legal entity that bills it. Computed once per project and
 * contract when built, so a record costs one map lookup.
 */
public final class PolicyScopes {

    private final Map<String, PolicyScope> byProject = new HashMap<>();
    private final Map<String, PolicyScope> byContract = new HashMap<>();
    private final Map<ScopeDimension, Set<String>> known = new EnumMap<>(ScopeDimension.class);

    public PolicyScopes(MasterData master, Map<String, LegalEntity> entities) {
        for (Contract contract : master.contracts().values()) {
            byContract.put(contract.contractId(), scope(null, contract, contract.clientId(), entities));
        }
        for (Project project : master.projects().values()) {
            Contract contract = master.contractOf(project);
            byProject.put(project.projectId(), scope(project.projectId(), contract,
                    contract == null ? project.clientId() : contract.clientId(), entities));
        }
        // HashSets, not Set.copyOf: the JDK's immutable set probes linearly and sequential ids cluster (MasterData.index)
        known.put(ScopeDimension.PROJECT, new HashSet<>(master.projects().keySet()));
        known.put(ScopeDimension.CONTRACT, new HashSet<>(master.contracts().keySet()));
        known.put(ScopeDimension.CLIENT, new HashSet<>(master.clients().keySet()));
        Set<String> models = new TreeSet<>();
        for (BillingModel model : BillingModel.values()) {
            models.add(model.label());
        }
        known.put(ScopeDimension.MODEL, models);
        Set<String> countries = new TreeSet<>();
        entities.values().forEach(e -> countries.add(e.country()));
        known.put(ScopeDimension.COUNTRY, countries);
    }

    private static PolicyScope scope(String projectId, Contract contract, String clientId, Map<String, LegalEntity> entities) {
        if (contract == null) {
            return new PolicyScope(projectId, null, clientId, null, null);
        }
        LegalEntity entity = entities.get(contract.entityId());
        return new PolicyScope(projectId, contract.contractId(), clientId, contract.billingModel().label(),
                entity == null ? null : entity.country());
    }

    /** The scope of a record on this project; global when the project is unknown. */
    public PolicyScope ofProject(String projectId) {
        return projectId == null ? PolicyScope.GLOBAL : byProject.getOrDefault(projectId, PolicyScope.GLOBAL);
    }

    /** The scope of a record of this contract as a whole (a milestone, a cap, a draft): no project. */
    public PolicyScope ofContract(String contractId) {
        return contractId == null ? PolicyScope.GLOBAL : byContract.getOrDefault(contractId, PolicyScope.GLOBAL);
    }

    /** The values of a dimension that the master data knows: what a scoped setting may name. */
    public Set<String> known(ScopeDimension dimension) {
        return known.getOrDefault(dimension, Set.of());
    }
}
