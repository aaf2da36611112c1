package org.billrun.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.billrun.run.SoftwareVersion;
import org.billrun.validate.RuleCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the {@link RunReport} of one run from the database, in one read-only REPEATABLE READ
 * transaction, so that every figure in it comes from the same snapshot.
 *
 * <p>What belongs to a run: its source files, its validated records (one row per period record and
 * run), its drafts (live or superseded since) and the exceptions it raised or confirmed (raised by it or
 * earlier, last seen by it or later). Master data (client names, a contract's client and entity) is the
 * version in force when the run loaded it, so a later export does not rewrite an old run's report.
 */
@Component
public class RunReportQueries {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> FILE_OF_KIND = Map.of("time_entry", "time_entries.csv", "expense", "expenses.csv",
            "milestone", "milestones.csv");

    /** The versions of a master data table in force for run :run (loaded by it or earlier, not yet ended then). */
    private static final String AS_OF_RUN = "run_id <= :run AND (ended_by_run_id IS NULL OR ended_by_run_id > :run)";

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final Clock clock = Clock.systemUTC();

    RunReportQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The report of run {@code runId}; an IllegalArgumentException when there is no such run. */
    public RunReport build(long runId) {
        return snapshot.execute(status -> {
            Map<String, Object> r = jdbc.sql("""
                    SELECT r.run_id, r.period, r.scope, r.run_number, r.until_stage, r.definition, r.input_dir,
                           (SELECT min(start_time) FROM batch_job_execution WHERE job_instance_id = r.run_id) AS started,
                           (SELECT count(*) FROM batch_job_execution WHERE job_instance_id = r.run_id) AS attempts,
                           to_char(p.cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS cutoff, p.as_of::text AS as_of,
                           p.source AS policy_source, p.sha256 AS policy_sha256, p.content AS policy_content
                    FROM billing_run r LEFT JOIN run_policy p ON p.run_id = r.run_id WHERE r.run_id = ?""")
                    .param(runId).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("there is no run " + runId));
            Params params = new Params(runId, (String) r.get("period"), (String) r.get("scope"));
            Map<String, String> jobParameters = firstAttemptParameters(runId);
            List<RunReport.StepTiming> steps = steps(runId);
            List<RunReport.Source> sources = sources(runId);
            String asOf = r.get("as_of") != null ? (String) r.get("as_of") : jobParameters.get("asOf");
            String policyContent = (String) r.get("policy_content");

            Map<String, String> shas = new LinkedHashMap<>();
            sources.forEach(s -> shas.put(s.file(), s.present() ? s.sha256() : null));
            String canonical = ConfigurationHash.canonical(params.period(), params.scope(), asOf, policyContent, shas);
            var configuration = new RunReport.Configuration(ConfigurationHash.sha256(canonical), canonical,
                    (String) r.get("policy_source"), (String) r.get("policy_sha256"));

            var started = (java.sql.Timestamp) r.get("started");
            var run = new RunReport.Run(runId, params.period(), params.scope(), ((Number) r.get("run_number")).longValue(),
                    (String) r.get("until_stage"), (String) r.get("definition"), (String) r.get("input_dir"),
                    emptyToNull(jobParameters.get("policy")), asOf, (String) r.get("cutoff"),
                    started == null ? null : started.toLocalDateTime().format(LOCAL_TIME), ((Number) r.get("attempts")).intValue(),
                    jobParameters.getOrDefault("version", "not recorded"), completedThrough(steps));

            return new RunReport(RunReport.NAME, RunReport.FORMAT_VERSION,
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), "billrun " + SoftwareVersion.current(),
                    run, configuration, sources, records(runId), controlTotals(runId), heldWithoutValue(params),
                    invoiceTotals(runId), invoices(runId), exceptions(params), kpis(params), steps);
        });
    }

    private record Params(long run, String period, String scope) {}

    /** The job parameters of the run's first attempt: what it was started with (a restart keeps them). */
    private Map<String, String> firstAttemptParameters(long runId) {
        Map<String, String> parameters = new HashMap<>();
        jdbc.sql("""
                SELECT parameter_name, parameter_value FROM batch_job_execution_params
                WHERE job_execution_id = (SELECT min(job_execution_id) FROM batch_job_execution WHERE job_instance_id = ?)""")
                .param(runId).query(rs -> {
                    parameters.put(rs.getString(1), rs.getString(2));
                });
        return parameters;
    }

    private static String completedThrough(List<RunReport.StepTiming> steps) {
        Map<String, String> status = new HashMap<>();
        steps.forEach(s -> status.put(s.step(), s.status()));
        for (String[] stage : new String[][] {{"draft", "draftInvoices"}, {"validate", "settleExceptions"}, {"ingest", "mergeSources"}}) {
            if ("COMPLETED".equals(status.get(stage[1]))) {
                return stage[0];
            }
        }
        return "none";
    }

    private List<RunReport.Source> sources(long runId) {
        return jdbc.sql("""
                SELECT s.file_name, s.present, s.sha256, s.size_bytes,
                       CASE WHEN o.source_file_id IS NULL THEN s.rows_read ELSE o.rows_read END,
                       coalesce(o.rows_accepted, s.rows_accepted), coalesce(o.rows_rejected, s.rows_rejected), o.run_id
                FROM source_file_totals s LEFT JOIN source_file_totals o ON o.source_file_id = s.same_as_source_file_id
                WHERE s.run_id = ? ORDER BY s.source_file_id""")
                .param(runId)
                .query((rs, i) -> {
                    boolean present = rs.getBoolean(2);
                    Long read = present ? rs.getLong(5) : null;
                    Long accepted = (Long) rs.getObject(6);
                    Long rejected = (Long) rs.getObject(7);
                    boolean balanced = !present || (accepted != null && rejected != null && read == accepted + rejected);
                    return new RunReport.Source(rs.getString(1), present, rs.getString(3), (Long) rs.getObject(4), read, accepted,
                            rejected, balanced, (Long) rs.getObject(8));
                })
                .list();
    }

    /** Per kind: valid + held + non-billable from validation, and the rows ingest rejected from its file. */
    private List<RunReport.RecordStates> records(long runId) {
        return jdbc.sql("""
                SELECT k.kind,
                       count(v.state) FILTER (WHERE v.state = 'valid'), count(v.state) FILTER (WHERE v.state = 'held'),
                       count(v.state) FILTER (WHERE v.state = 'non_billable'),
                       CASE WHEN k.kind = 'milestone' THEN 0 ELSE
                       (SELECT count(*) FROM ingest_rejection j
                        WHERE j.source_file_id = (SELECT coalesce(f.same_as_source_file_id, f.source_file_id) FROM source_file f
                                                  WHERE f.run_id = :run AND f.kind = k.file_kind)) END
                FROM (VALUES ('time_entry', 'TIME_ENTRIES', 1), ('expense', 'EXPENSES', 2), ('milestone', 'MILESTONES', 3)) AS k(kind, file_kind, ord)
                LEFT JOIN validated_record v ON v.run_id = :run AND v.record_kind = k.kind
                GROUP BY k.kind, k.file_kind, k.ord ORDER BY k.ord""")
                .param("run", runId)
                .query((rs, i) -> new RunReport.RecordStates(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(2) + rs.getLong(3) + rs.getLong(4) + rs.getLong(5)))
                .list();
    }

    /**
     * Conservation per currency. The two sides come from different tables: the records' values from
     * validation, the drafted value from the drafts' lineage; a valid record missing from the drafts (or
     * drafted twice) would show as a difference.
     */
    private List<RunReport.ControlTotal> controlTotals(long runId) {
        return jdbc.sql("""
                WITH v AS (SELECT currency,
                                  coalesce(sum(amount) FILTER (WHERE state = 'valid'), 0) AS valid,
                                  coalesce(sum(amount) FILTER (WHERE state = 'held'), 0) AS held,
                                  count(*) FILTER (WHERE state = 'valid') AS valid_n, count(*) FILTER (WHERE state = 'held') AS held_n
                           FROM validated_record
                           WHERE run_id = :run AND state IN ('valid', 'held') AND amount IS NOT NULL AND currency IS NOT NULL
                           GROUP BY currency),
                     d AS (SELECT d.currency, sum(s.value) AS lineage, count(*) AS n
                           FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                           WHERE s.run_id = :run GROUP BY d.currency),
                     w AS (SELECT currency, sum(write_down) AS written_off FROM draft_invoice WHERE run_id = :run GROUP BY currency)
                SELECT currency, coalesce(v.valid, 0), coalesce(v.held, 0), coalesce(d.lineage, 0), coalesce(w.written_off, 0),
                       coalesce(v.valid_n, 0), coalesce(d.n, 0), coalesce(v.held_n, 0)
                FROM v FULL JOIN d USING (currency) FULL JOIN w USING (currency)
                ORDER BY currency""")
                .param("run", runId)
                .query((rs, i) -> {
                    String currency = rs.getString(1);
                    BigDecimal valid = rs.getBigDecimal(2);
                    BigDecimal held = rs.getBigDecimal(3);
                    BigDecimal writtenOff = rs.getBigDecimal(5);
                    BigDecimal drafted = rs.getBigDecimal(4).subtract(writtenOff);
                    BigDecimal input = valid.add(held);
                    BigDecimal difference = input.subtract(drafted.add(held).add(writtenOff));
                    return new RunReport.ControlTotal(currency, Amounts.exact(input, currency), Amounts.exact(valid, currency),
                            Amounts.exact(drafted, currency), Amounts.exact(held, currency), Amounts.exact(writtenOff, currency),
                            Amounts.exact(difference, currency), difference.signum() == 0, rs.getLong(6), rs.getLong(7), rs.getLong(8));
                })
                .list();
    }

    private List<RunReport.HeldRecord> heldWithoutValue(Params p) {
        return jdbc.sql("""
                SELECT v.record_kind, v.record_key, v.line_no, v.contract_id, v.currency, v.hours,
                       (SELECT string_agg(DISTINCT e.rule_code, ',') FROM validation_exception e
                        WHERE e.period = :period AND e.scope = :scope AND e.record_kind = v.record_kind
                          AND e.record_row_id = v.record_row_id AND e.raised_by_run_id <= :run AND e.last_seen_run_id >= :run)
                FROM validated_record v
                WHERE v.run_id = :run AND v.state = 'held' AND (v.amount IS NULL OR v.currency IS NULL)
                ORDER BY v.record_kind DESC, v.record_key""")
                .param("run", p.run()).param("period", p.period()).param("scope", p.scope())
                .query((rs, i) -> new RunReport.HeldRecord(rs.getString(1), rs.getString(2), FILE_OF_KIND.get(rs.getString(1)),
                        (Integer) rs.getObject(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6) == null ? null : rs.getBigDecimal(6).toPlainString(),
                        rs.getString(7) == null ? List.of() : List.of(rs.getString(7).split(","))))
                .list();
    }

    /** The bridge from the drafted records' value to the invoices' net, tax and gross, per currency. */
    private List<RunReport.InvoiceTotals> invoiceTotals(long runId) {
        return jdbc.sql("""
                WITH src AS (SELECT draft_id, line_no, sum(value) AS v, sum(markup) AS m
                             FROM draft_line_source WHERE run_id = :run GROUP BY draft_id, line_no),
                     lines AS (SELECT d.currency,
                                      coalesce(sum(s.v), 0) AS record_value, coalesce(sum(s.m), 0) AS markup,
                                      coalesce(sum(l.value - s.v - s.m) FILTER (WHERE s.v IS NOT NULL), 0) AS rounding,
                                      coalesce(sum(l.value) FILTER (WHERE s.v IS NULL AND l.line_type = 'retainer_fee'), 0) AS fees,
                                      coalesce(sum(l.value) FILTER (WHERE s.v IS NULL AND l.line_type = 'retainer_overage'), 0) AS overage,
                                      coalesce(sum(l.value) FILTER (WHERE s.v IS NULL AND l.line_type = 'cap_write_down'), 0) AS write_down,
                                      coalesce(sum(l.net - l.value), 0) AS covered, coalesce(sum(l.net), 0) AS net
                               FROM draft_line l JOIN draft_invoice d USING (run_id, draft_id)
                               LEFT JOIN src s ON s.draft_id = l.draft_id AND s.line_no = l.line_no
                               WHERE l.run_id = :run GROUP BY d.currency),
                     drafts AS (SELECT currency, count(*) AS n, count(*) FILTER (WHERE route = 'straight_through') AS st,
                                       count(*) FILTER (WHERE route = 'review') AS review, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross
                                FROM draft_invoice WHERE run_id = :run GROUP BY currency)
                SELECT currency, d.n, d.st, d.review, coalesce(l.record_value, 0), coalesce(l.markup, 0), coalesce(l.rounding, 0),
                       coalesce(l.fees, 0), coalesce(l.overage, 0), coalesce(l.write_down, 0), coalesce(l.covered, 0), d.net, d.tax, d.gross
                FROM drafts d LEFT JOIN lines l USING (currency) ORDER BY currency""")
                .param("run", runId)
                .query((rs, i) -> {
                    String c = rs.getString(1);
                    BigDecimal parts = BigDecimal.ZERO;
                    for (int col = 5; col <= 11; col++) {
                        parts = parts.add(rs.getBigDecimal(col));
                    }
                    BigDecimal net = rs.getBigDecimal(12);
                    boolean reconciles = parts.compareTo(net) == 0 && net.add(rs.getBigDecimal(13)).compareTo(rs.getBigDecimal(14)) == 0;
                    return new RunReport.InvoiceTotals(c, rs.getLong(2), rs.getLong(3), rs.getLong(4), Amounts.exact(rs.getBigDecimal(5), c),
                            Amounts.exact(rs.getBigDecimal(6), c), Amounts.exact(rs.getBigDecimal(7), c), Amounts.money(rs.getBigDecimal(8), c),
                            Amounts.money(rs.getBigDecimal(9), c), Amounts.money(rs.getBigDecimal(10), c), Amounts.money(rs.getBigDecimal(11), c),
                            Amounts.money(net, c), Amounts.money(rs.getBigDecimal(13), c), Amounts.money(rs.getBigDecimal(14), c), reconciles);
                })
                .list();
    }

    private List<RunReport.Invoice> invoices(long runId) {
        Map<String, List<RunReport.RouteReason>> reasons = new HashMap<>();
        jdbc.sql("SELECT draft_id, code, reviewer_role, reviewer_id, reason FROM draft_route_reason WHERE run_id = ? ORDER BY draft_id, seq")
                .param(runId)
                .query(rs -> {
                    reasons.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new RunReport.RouteReason(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return jdbc.sql("""
                SELECT d.draft_id, d.status, d.client_id, c.name, d.entity_id, d.contract_id, d.billing_model, d.currency,
                       d.net, d.tax, d.gross, d.write_down, d.route
                FROM draft_invoice d
                LEFT JOIN (SELECT DISTINCT ON (client_id) client_id, name FROM client WHERE %s ORDER BY client_id, id DESC) c
                       ON c.client_id = d.client_id
                WHERE d.run_id = :run ORDER BY d.draft_id""".formatted(AS_OF_RUN))
                .param("run", runId)
                .query((rs, i) -> {
                    String c = rs.getString(8);
                    return new RunReport.Invoice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), c, Amounts.money(rs.getBigDecimal(9), c), Amounts.money(rs.getBigDecimal(10), c),
                            Amounts.money(rs.getBigDecimal(11), c), Amounts.money(rs.getBigDecimal(12), c), rs.getString(13),
                            reasons.getOrDefault(rs.getString(1), List.of()));
                })
                .list();
    }

    private record ExceptionRow(String rule, String severity, String ownerRole, String ownerKey, String ownerName, String status,
            String currency, BigDecimal amount, String entity, String clientId, String clientName) {}

    /**
     * The run's exceptions with the legal entity and client they concern: through the record's contract
     * (the contract itself for contract findings), else the consultant's home entity.
     */
    private RunReport.Exceptions exceptions(Params p) {
        List<ExceptionRow> rows = jdbc.sql("""
                WITH contracts AS (SELECT DISTINCT ON (contract_id) contract_id, client_id, entity_id FROM contract
                                   WHERE %1$s ORDER BY contract_id, id DESC),
                     clients AS (SELECT DISTINCT ON (client_id) client_id, name FROM client WHERE %1$s ORDER BY client_id, id DESC),
                     consultants AS (SELECT DISTINCT ON (consultant_id) consultant_id, name, home_entity_id FROM consultant
                                     WHERE %1$s ORDER BY consultant_id, id DESC),
                     ex AS (SELECT e.*,
                                   CASE WHEN e.record_kind = 'contract' THEN e.record_key ELSE v.contract_id END AS contract_id,
                                   CASE WHEN e.record_kind = 'consultant' THEN e.record_key ELSE v.consultant_id END AS consultant_id
                            FROM validation_exception e
                            LEFT JOIN validated_record v ON v.run_id = :run AND v.record_kind = e.record_kind
                                  AND v.record_row_id = e.record_row_id
                            WHERE e.period = :period AND e.scope = :scope AND e.raised_by_run_id <= :run AND e.last_seen_run_id >= :run)
                SELECT ex.rule_code, ex.severity, ex.owner_role, ex.owner_id, o.name, ex.status, ex.currency, ex.amount,
                       coalesce(k.entity_id, c.home_entity_id), k.client_id, cl.name
                FROM ex
                LEFT JOIN contracts k ON k.contract_id = ex.contract_id
                LEFT JOIN clients cl ON cl.client_id = k.client_id
                LEFT JOIN consultants c ON c.consultant_id = ex.consultant_id
                LEFT JOIN consultants o ON o.consultant_id = ex.owner_id""".formatted(AS_OF_RUN))
                .param("run", p.run()).param("period", p.period()).param("scope", p.scope())
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

    private List<RunReport.Kpi> kpis(Params p) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        Map<String, Object> drafts = jdbc.sql("""
                SELECT count(*) AS n, count(*) FILTER (WHERE route = 'straight_through') AS st FROM draft_invoice WHERE run_id = ?""")
                .param(p.run()).query().singleRow();
        kpis.add(ratio("straight_through_rate", "Straight-through rate", null, number(drafts.get("st")), number(drafts.get("n")),
                "drafts routed straight through (no exception, within every threshold) / all drafts of the run"));

        Map<String, Object> exceptions = jdbc.sql("""
                SELECT (SELECT count(*) FROM validated_record WHERE run_id = :run) AS records,
                       (SELECT count(*) FROM (SELECT DISTINCT record_kind, record_row_id FROM validation_exception
                                             WHERE period = :period AND scope = :scope AND raised_by_run_id <= :run AND last_seen_run_id >= :run
                                               AND status = 'open' AND record_kind IN ('time_entry', 'expense', 'milestone')) x) AS excepted""")
                .param("run", p.run()).param("period", p.period()).param("scope", p.scope()).query().singleRow();
        kpis.add(ratio("exception_rate", "Exception rate", null, number(exceptions.get("excepted")), number(exceptions.get("records")),
                "period records (time entries, expenses, billable milestones) with at least one open exception of this run "
                        + "(blocking or warning) / all period records the run validated"));

        Map<String, Object> hours = jdbc.sql("""
                SELECT (SELECT coalesce(sum(hours), 0) FROM draft_line_source WHERE run_id = :run AND record_kind = 'time_entry') AS drafted,
                       (SELECT coalesce(sum(hours), 0) FROM validated_record
                        WHERE run_id = :run AND record_kind = 'time_entry' AND state IN ('valid', 'held')) AS recorded""")
                .param("run", p.run()).query().singleRow();
        kpis.add(ratio("billed_vs_recorded_hours", "Billed vs recorded hours", null, (BigDecimal) hours.get("drafted"),
                (BigDecimal) hours.get("recorded"), "hours of the time entries on the run's drafts (billed at a rate, drawn from a "
                        + "retainer or covered by a fixed fee) / billable hours recorded (valid and held time entries)"));

        jdbc.sql("""
                WITH t AS (SELECT d.currency, sum(s.value) AS time_value FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                           WHERE s.run_id = :run AND s.record_kind = 'time_entry' GROUP BY d.currency),
                     w AS (SELECT currency, sum(write_down) AS write_down FROM draft_invoice WHERE run_id = :run GROUP BY currency)
                SELECT currency, coalesce(w.write_down, 0), coalesce(t.time_value, 0) FROM t FULL JOIN w USING (currency) ORDER BY currency""")
                .param("run", p.run())
                .query(rs -> {
                    String c = rs.getString(1);
                    kpis.add(new RunReport.Kpi("write_down_share", "Write-down share", c, "ratio",
                            Amounts.ratio(rs.getBigDecimal(2), rs.getBigDecimal(3)), Amounts.exact(rs.getBigDecimal(2), c),
                            Amounts.exact(rs.getBigDecimal(3), c),
                            "written down to not-to-exceed caps / value of the time entries on the run's drafts before write-down"));
                });

        jdbc.sql("""
                SELECT v.currency,
                       coalesce(sum(v.amount) FILTER (WHERE coalesce(t.approval_status, x.approval_status,
                                CASE m.status WHEN 'accepted' THEN 'approved' END) = 'approved'), 0),
                       sum(v.amount)
                FROM validated_record v
                LEFT JOIN time_entry t ON v.record_kind = 'time_entry' AND t.id = v.record_row_id
                LEFT JOIN expense x ON v.record_kind = 'expense' AND x.id = v.record_row_id
                LEFT JOIN milestone m ON v.record_kind = 'milestone' AND m.id = v.record_row_id
                WHERE v.run_id = :run AND v.state = 'held' AND v.amount IS NOT NULL AND v.currency IS NOT NULL
                GROUP BY v.currency ORDER BY v.currency""")
                .param("run", p.run())
                .query(rs -> {
                    String c = rs.getString(1);
                    kpis.add(new RunReport.Kpi("unbilled_approved_work", "Unbilled approved work", c, "amount",
                            Amounts.exact(rs.getBigDecimal(2), c), Amounts.exact(rs.getBigDecimal(2), c), Amounts.exact(rs.getBigDecimal(3), c),
                            "value of held records that were approved at the source (time and expenses approved, milestones "
                                    + "accepted) / value of all held records: approved work an exception keeps off the invoices"));
                });
        return kpis;
    }

    private static RunReport.Kpi ratio(String code, String name, String currency, BigDecimal numerator, BigDecimal denominator,
            String definition) {
        return new RunReport.Kpi(code, name, currency, "ratio", Amounts.ratio(numerator, denominator),
                numerator.stripTrailingZeros().toPlainString(), denominator.stripTrailingZeros().toPlainString(), definition);
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(value.toString());
    }

    /** Step timings, worker partitions folded into their step and attempts summed (as in the run summary). */
    private List<RunReport.StepTiming> steps(long runId) {
        return jdbc.sql("""
                SELECT CASE WHEN s.step_name LIKE 'loadSourceFile:%' THEN 'loadSourceFile' ELSE s.step_name END AS step,
                       CASE WHEN bool_and(s.status = 'COMPLETED') THEN 'COMPLETED' ELSE max(s.status) END,
                       sum(s.read_count), sum(s.write_count),
                       round(sum(extract(epoch FROM (s.end_time - s.start_time))), 3),
                       min(s.step_execution_id) AS first
                FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE e.job_instance_id = ? AND s.step_name <> ?
                GROUP BY 1 ORDER BY first""")
                .params(runId, ReportJobConfiguration.STEP_NAME)
                .query((rs, i) -> new RunReport.StepTiming(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        Optional.ofNullable(rs.getBigDecimal(5)).map(BigDecimal::toPlainString).orElse(null)))
                .list();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
