package org.billrun.validate;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.billrun.billing.BillingModel;
import org.billrun.billing.RecordKind;
import org.billrun.masterdata.AsOfRun;
import org.billrun.policy.PolicyScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What {@code billrun policy explain} needs about one record of a run: its kind and state, its policy
 * scope as the run saw the master data (project, contract, client, billing model, the billing entity's
 * country), the exceptions raised on it, and the policy the run recorded.
 */
@Component
public class PolicyExplainQueries {

    /** The record kinds a policy is explained for: the period's records. */
    private static final List<String> KINDS = List.of(RecordKind.TIME_ENTRY.label(), RecordKind.EXPENSE.label(), RecordKind.MILESTONE.label());

    private final JdbcClient jdbc;

    PolicyExplainQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RecordPolicy(long runId, YearMonth period, RecordKind kind, String key, String state, PolicyScope scope,
            String policySource, String policySha256, String policyContent, List<RaisedException> exceptions) {}

    public record RaisedException(long exceptionId, String ruleCode, String severity, String status) {}

    /** The latest run that validated a time entry, expense or milestone with this id. */
    public Optional<Long> latestRunOf(String recordKey) {
        return jdbc.sql("SELECT max(run_id) FROM validated_record WHERE record_key = ? AND record_kind IN (?, ?, ?)")
                .params(recordKey, KINDS.get(0), KINDS.get(1), KINDS.get(2)).query(Long.class).optional();
    }

    public Optional<RecordPolicy> find(long runId, String recordKey) {
        record Row(RecordKind kind, long rowId, String state, String projectId, String contractId) {}
        Optional<Row> row = jdbc.sql("""
                SELECT v.record_kind, v.record_row_id, v.state,
                       coalesce(t.project_id, x.project_id), coalesce(m.contract_id, v.contract_id)
                FROM validated_record v
                LEFT JOIN time_entry t ON v.record_kind = 'time_entry' AND t.id = v.record_row_id
                LEFT JOIN expense x ON v.record_kind = 'expense' AND x.id = v.record_row_id
                LEFT JOIN milestone m ON v.record_kind = 'milestone' AND m.id = v.record_row_id
                WHERE v.run_id = ? AND v.record_key = ? AND v.record_kind IN (?, ?, ?)
                ORDER BY v.record_kind DESC LIMIT 1""")
                .params(runId, recordKey, KINDS.get(0), KINDS.get(1), KINDS.get(2))
                .query((rs, i) -> new Row(RecordKind.parse(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        record Policy(YearMonth period, String source, String sha256, String content) {}
        Policy policy = jdbc.sql("""
                SELECT r.period, p.source, p.sha256, p.content FROM billing_run r JOIN run_policy p ON p.run_id = r.run_id
                WHERE r.run_id = ?""")
                .param(runId)
                .query((rs, i) -> new Policy(YearMonth.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
        Row r = row.get();
        List<RaisedException> exceptions = jdbc.sql("""
                SELECT exception_id, rule_code, severity, status FROM validation_exception
                WHERE period = ? AND record_kind = ? AND record_row_id = ? AND raised_by_run_id <= ? ORDER BY rule_code""")
                .params(policy.period().toString(), r.kind().label(), r.rowId(), runId)
                .query((rs, i) -> new RaisedException(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        return Optional.of(new RecordPolicy(runId, policy.period(), r.kind(), recordKey, r.state(), scope(runId, r.projectId(), r.contractId()),
                policy.source(), policy.sha256(), policy.content(), exceptions));
    }

    /** The scope as the run saw the master data: the project's contract, the contract's client (else the project's), model and entity country. */
    private PolicyScope scope(long runId, String projectId, String contractId) {
        record Project(String contractId, String clientId) {}
        Optional<Project> project = projectId == null ? Optional.empty() : jdbc.sql("SELECT contract_id, client_id FROM %s p WHERE project_id = :id"
                        .formatted(AsOfRun.versions("project", "project_id")))
                .param("run", runId).param("id", projectId)
                .query((rs, i) -> new Project(rs.getString(1), rs.getString(2))).optional();
        if (projectId != null && project.isEmpty()) {
            return PolicyScope.GLOBAL; // an unknown project: the record has no scope but the global one
        }
        String contract = project.map(Project::contractId).orElse(contractId);
        record Contract(String clientId, String model, String country) {}
        Optional<Contract> terms = contract == null ? Optional.empty() : jdbc.sql("""
                SELECT c.client_id, c.billing_model, e.country FROM %s c LEFT JOIN %s e ON e.entity_id = c.entity_id
                WHERE c.contract_id = :id""".formatted(AsOfRun.versions("contract", "contract_id"), AsOfRun.versions("entity", "entity_id")))
                .param("run", runId).param("id", contract)
                .query((rs, i) -> new Contract(rs.getString(1), BillingModel.parse(rs.getString(2)).label(), rs.getString(3))).optional();
        if (terms.isEmpty()) {
            return new PolicyScope(projectId, null, project.map(Project::clientId).orElse(null), null, null);
        }
        return new PolicyScope(projectId, contract, terms.get().clientId(), terms.get().model(), terms.get().country());
    }
}
