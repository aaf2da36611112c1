package org.billrun.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.billrun.billing.RuleCode;
import org.billrun.masterdata.AsOfRun;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run report's exceptions: those the run raised or confirmed, with the legal entity and client
 * they concern, counted by severity, rule (with the amounts at stake), owner, entity and client.
 */
final class ExceptionQueries {

    private record ExceptionRow(String rule, String severity, String ownerRole, String ownerKey, String ownerName, String status,
            String currency, BigDecimal amount, String entity, String clientId, String clientName) {}

    private final JdbcClient jdbc;

    ExceptionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The run's exceptions with the legal entity and client they concern: through the record's contract
     * (the contract itself for contract findings), else the consultant's home entity.
     */
    RunReport.Exceptions exceptions(RunScope p) {
        List<ExceptionRow> rows = jdbc.sql("""
                WITH contracts AS (SELECT contract_id, client_id, entity_id FROM %1$s c),
                     clients AS (SELECT client_id, name FROM %2$s c),
                     consultants AS (SELECT consultant_id, name, home_entity_id FROM %3$s c),
                     ex AS (SELECT e.*,
                                   CASE WHEN e.record_kind = 'contract' THEN e.record_key ELSE v.contract_id END AS contract_id,
                                   CASE WHEN e.record_kind = 'consultant' THEN e.record_key ELSE v.consultant_id END AS consultant_id
                            FROM validation_exception e
                            LEFT JOIN validated_record v ON v.run_id = :run AND v.record_kind = e.record_kind
                                  AND v.record_row_id = e.record_row_id
                            WHERE e.period = :period AND e.raised_by_run_id <= :run AND e.last_seen_run_id >= :run)
                SELECT ex.rule_code, ex.severity, ex.owner_role, ex.owner_id, o.name, ex.status, ex.currency, ex.amount,
                       coalesce(k.entity_id, c.home_entity_id), k.client_id, cl.name
                FROM ex
                LEFT JOIN contracts k ON k.contract_id = ex.contract_id
                LEFT JOIN clients cl ON cl.client_id = k.client_id
                LEFT JOIN consultants c ON c.consultant_id = ex.consultant_id
                LEFT JOIN consultants o ON o.consultant_id = ex.owner_id""".formatted(AsOfRun.versions("contract", "contract_id"),
                AsOfRun.versions("client", "client_id"), AsOfRun.versions("consultant", "consultant_id")))
                .param("run", p.run()).param("period", p.period())
                .query((rs, i) -> new ExceptionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11)))
                .list();
        long closed = jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'resolved' AND subject_type = 'exception'")
                .param(p.run()).query(Long.class).single();

        Map<String, List<ExceptionRow>> byRule = new TreeMap<>();
        rows.forEach(row -> byRule.computeIfAbsent(row.severity() + "|" + row.rule() + "|" + row.ownerRole(), k -> new ArrayList<>()).add(row));
        List<RunReport.RuleCount> rules = new ArrayList<>();
        byRule.forEach((key, list) -> {
            ExceptionRow first = list.get(0);
            Map<String, BigDecimal> atStake = new TreeMap<>();
            list.stream().filter(e -> e.amount() != null && e.currency() != null)
                    .forEach(e -> atStake.merge(e.currency(), e.amount(), BigDecimal::add));
            rules.add(new RunReport.RuleCount(first.rule(), first.severity(), first.ownerRole(), describe(first.rule()), list.size(),
                    count(list, "open"), count(list, "waived"), count(list, "resolved"),
                    atStake.entrySet().stream().map(a -> new RunReport.Amount(a.getKey(), Amounts.exact(a.getValue(), a.getKey()))).toList()));
        });
        return new RunReport.Exceptions(rows.size(), count(rows, "open"), count(rows, "waived"), count(rows, "resolved"), closed,
                group(rows, ExceptionRow::severity, e -> null),
                rules,
                group(rows, e -> e.ownerKey() == null ? "(" + e.ownerRole() + ")" : e.ownerKey(),
                        e -> (e.ownerName() == null ? "" : e.ownerName() + ", ") + e.ownerRole().replace('_', ' ')),
                group(rows, e -> e.entity() == null ? "(unknown)" : e.entity(), e -> null),
                group(rows, e -> e.clientId() == null ? "(none)" : e.clientId(), ExceptionRow::clientName));
    }

    private static String describe(String rule) {
        return Arrays.stream(RuleCode.values()).filter(c -> c.name().equals(rule)).findFirst().map(RuleCode::description).orElse(null);
    }

    private static long count(List<ExceptionRow> rows, String status) {
        return rows.stream().filter(e -> e.status().equals(status)).count();
    }

    /** Counts per key (and name), most exceptions first, then by key. */
    private static List<RunReport.Count> group(List<ExceptionRow> rows, Function<ExceptionRow, String> key, Function<ExceptionRow, String> name) {
        Map<List<String>, List<ExceptionRow>> groups = new HashMap<>();
        rows.forEach(e -> groups.computeIfAbsent(Arrays.asList(key.apply(e), name.apply(e)), k -> new ArrayList<>()).add(e));
        return groups.entrySet().stream()
                .map(g -> new RunReport.Count(g.getKey().get(0), g.getKey().get(1), g.getValue().size(),
                        g.getValue().stream().filter(e -> e.severity().equals("block")).count(),
                        g.getValue().stream().filter(e -> e.severity().equals("warn")).count(), count(g.getValue(), "open")))
                .sorted(Comparator.comparingLong(RunReport.Count::count).reversed().thenComparing(RunReport.Count::key)
                        .thenComparing(c -> c.name() == null ? "" : c.name()))
                .toList();
    }
}
