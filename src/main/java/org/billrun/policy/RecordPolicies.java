package org.billrun.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy of each record, looked up by the record's project or contract: the hot path of
 * validation and drafting. Each project and contract is resolved once ({@link ScopedPolicy#at}) and
 * kept; without scoped settings every record gets the global policy straight away.
 */
public final class RecordPolicies<P> {

    private final ScopedPolicy<P> policy;
    private final PolicyScopes scopes;
    private final Map<String, P> byProject = new ConcurrentHashMap<>();
    private final Map<String, P> byContract = new ConcurrentHashMap<>();

    public RecordPolicies(ScopedPolicy<P> policy, PolicyScopes scopes) {
        this.policy = policy;
        this.scopes = scopes;
    }

    /** Every record gets {@code policy}: a firm without scoped settings, or a test. */
    public static <P> RecordPolicies<P> everywhere(P policy) {
        return new RecordPolicies<>(ScopedPolicy.unscoped(policy), null);
    }

    public P global() {
        return policy.global();
    }

    public P ofProject(String projectId) {
        if (!policy.scoped() || projectId == null) {
            return policy.global();
        }
        return byProject.computeIfAbsent(projectId, id -> policy.at(scopes.ofProject(id)));
    }

    public P ofContract(String contractId) {
        if (!policy.scoped() || contractId == null) {
            return policy.global();
        }
        return byContract.computeIfAbsent(contractId, id -> policy.at(scopes.ofContract(id)));
    }
}
