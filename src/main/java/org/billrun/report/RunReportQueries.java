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
import org.billrun.masterdata.AsOfRun;
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

            List<StateRow> states = stateRows(runId);
            Map<String, LineTotals> lines = lineTotals(runId);
            Map<String, DraftTotals> drafts = draftTotals(runId);
            return new RunReport(RunReport.NAME, RunReport.FORMAT_VERSION,
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), "billrun " + SoftwareVersion.current(),
                    run, configuration, sources, records(runId, states), controlTotals(states, lines, drafts), heldWithoutValue(params),
                    invoiceTotals(lines, drafts), invoices(runId), exceptions(params), kpis(params, states, lines, drafts), steps);
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

    /** validated_record of the run, read once (it is the big table): per kind, state and currency. */
    private record StateRow(String kind, String state, String currency, long records, long valued, BigDecimal amount, BigDecimal hours) {}

    private List<StateRow> stateRows(long runId) {
        return jdbc.sql("""
                SELECT record_kind, state, currency, count(*), count(amount), coalesce(sum(amount), 0), coalesce(sum(hours), 0)
                FROM validated_record WHERE run_id = ? GROUP BY record_kind, state, currency""")
                .param(runId)
                .query((rs, i) -> new StateRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
    }

    /** What one currency's draft lines and the records on them add up to. */
    private static final class LineTotals {
        BigDecimal recordValue = BigDecimal.ZERO;
        BigDecimal markup = BigDecimal.ZERO;
        BigDecimal rounding = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal overage = BigDecimal.ZERO;
        BigDecimal writeDowns = BigDecimal.ZERO;
        BigDecimal unexplained = BigDecimal.ZERO;
        BigDecimal covered = BigDecimal.ZERO;
        BigDecimal timeValue = BigDecimal.ZERO;
        BigDecimal timeHours = BigDecimal.ZERO;
        long records;
    }

    /**
     * Every line of the run's drafts with the totals of the records it bills (lineage), folded per
     * currency. Lineage without a line still counts as drafted: conservation must see every record.
     */
    private Map<String, LineTotals> lineTotals(long runId) {
        Map<String, LineTotals> totals = new TreeMap<>();
        jdbc.sql("""
                WITH s AS (SELECT draft_id, line_no, sum(value) AS v, sum(markup) AS m, count(*) AS n,
                                  coalesce(sum(value) FILTER (WHERE record_kind = 'time_entry'), 0) AS tv,
                                  coalesce(sum(hours) FILTER (WHERE record_kind = 'time_entry'), 0) AS th
                           FROM draft_line_source WHERE run_id = :run GROUP BY draft_id, line_no),
                     l AS (SELECT draft_id, line_no, line_type, value, net FROM draft_line WHERE run_id = :run)
                SELECT d.currency, l.line_type, coalesce(l.value, 0), coalesce(l.net, 0), s.v, s.m, s.n, s.tv, s.th
                FROM s FULL JOIN l ON l.draft_id = s.draft_id AND l.line_no = s.line_no
                JOIN draft_invoice d ON d.run_id = :run AND d.draft_id = coalesce(s.draft_id, l.draft_id)""")
                .param("run", runId)
                .query(rs -> {
                    LineTotals t = totals.computeIfAbsent(rs.getString(1), c -> new LineTotals());
                    BigDecimal value = rs.getBigDecimal(3);
                    BigDecimal net = rs.getBigDecimal(4);
                    BigDecimal records = rs.getBigDecimal(5);
                    if (records != null) {
                        t.recordValue = t.recordValue.add(records);
                        t.markup = t.markup.add(rs.getBigDecimal(6));
                        t.rounding = t.rounding.add(value).subtract(records).subtract(rs.getBigDecimal(6));
                        t.records += rs.getLong(7);
                        t.timeValue = t.timeValue.add(rs.getBigDecimal(8));
                        t.timeHours = t.timeHours.add(rs.getBigDecimal(9));
                    } else {
                        switch (rs.getString(2)) {
                            case "retainer_fee" -> t.fees = t.fees.add(value);
                            case "retainer_overage" -> t.overage = t.overage.add(value);
                            case "cap_write_down" -> t.writeDowns = t.writeDowns.add(value);
                            default -> t.unexplained = t.unexplained.add(value);
                        }
                    }
                    t.covered = t.covered.add(net).subtract(value);
                });
        return totals;
    }

    private record DraftTotals(String currency, long drafts, long straightThrough, long review, BigDecimal net, BigDecimal tax,
            BigDecimal gross, BigDecimal writeDown) {}

    private Map<String, DraftTotals> draftTotals(long runId) {
        Map<String, DraftTotals> totals = new TreeMap<>();
        jdbc.sql("""
                SELECT currency, count(*), count(*) FILTER (WHERE route = 'straight_through'), count(*) FILTER (WHERE route = 'review'),
                       sum(net), sum(tax), sum(gross), sum(write_down)
                FROM draft_invoice WHERE run_id = ? GROUP BY currency""")
                .param(runId)
                .query(rs -> {
                    totals.put(rs.getString(1), new DraftTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
                });
        return totals;
    }

    /** Per kind: valid + held + non-billable from validation, and the rows ingest rejected from its file. */
    private List<RunReport.RecordStates> records(long runId, List<StateRow> states) {
        List<RunReport.RecordStates> records = new ArrayList<>();
        for (String[] kind : new String[][] {{"time_entry", "TIME_ENTRIES"}, {"expense", "EXPENSES"}, {"milestone", null}}) {
            long valid = count(states, kind[0], "valid");
            long held = count(states, kind[0], "held");
            long nonBillable = count(states, kind[0], "non_billable");
            // milestones.csv is master data: its rejected rows are not period records
            long rejected = kind[1] == null ? 0 : jdbc.sql("""
                    SELECT count(*) FROM ingest_rejection j
                    WHERE j.source_file_id = (SELECT coalesce(f.same_as_source_file_id, f.source_file_id) FROM source_file f
                                              WHERE f.run_id = ? AND f.kind = ?)""")
                    .params(runId, kind[1]).query(Long.class).single();
            records.add(new RunReport.RecordStates(kind[0], valid, held, nonBillable, rejected, valid + held + nonBillable + rejected));
        }
        return records;
    }

    private static long count(List<StateRow> states, String kind, String state) {
        return states.stream().filter(r -> r.kind().equals(kind) && r.state().equals(state)).mapToLong(StateRow::records).sum();
    }

    /**
     * Conservation per currency. The two sides come from different tables: the records' values from
     * validation, the drafted value from the drafts' lineage; a valid record missing from the drafts (or
     * drafted twice) would show as a difference.
     */
    private static List<RunReport.ControlTotal> controlTotals(List<StateRow> states, Map<String, LineTotals> lines,
            Map<String, DraftTotals> drafts) {
        Map<String, BigDecimal[]> byCurrency = new TreeMap<>(); // valid, held, valid records, held records
        for (StateRow r : states) {
            if (r.currency() == null || r.valued() == 0 || !(r.state().equals("valid") || r.state().equals("held"))) {
                continue;
            }
            BigDecimal[] v = byCurrency.computeIfAbsent(r.currency(), c -> zeros(4));
            int at = r.state().equals("valid") ? 0 : 1;
            v[at] = v[at].add(r.amount());
            v[at + 2] = v[at + 2].add(BigDecimal.valueOf(r.valued()));
        }
        lines.keySet().forEach(c -> byCurrency.computeIfAbsent(c, k -> zeros(4)));
        drafts.keySet().forEach(c -> byCurrency.computeIfAbsent(c, k -> zeros(4)));
        List<RunReport.ControlTotal> totals = new ArrayList<>();
        byCurrency.forEach((currency, v) -> {
            LineTotals line = lines.getOrDefault(currency, new LineTotals());
            BigDecimal writtenOff = drafts.containsKey(currency) ? drafts.get(currency).writeDown() : BigDecimal.ZERO;
            BigDecimal drafted = line.recordValue.subtract(writtenOff);
            BigDecimal input = v[0].add(v[1]);
            BigDecimal difference = input.subtract(drafted.add(v[1]).add(writtenOff));
            // one scale for the whole equation, so its figures line up in every format
            int scale = java.util.stream.Stream.of(input, v[0], drafted, v[1], writtenOff, difference)
                    .mapToInt(a -> Amounts.scale(a, currency)).max().orElseThrow();
            totals.add(new RunReport.ControlTotal(currency, Amounts.exact(input, scale), Amounts.exact(v[0], scale),
                    Amounts.exact(drafted, scale), Amounts.exact(v[1], scale), Amounts.exact(writtenOff, scale),
                    Amounts.exact(difference, scale), difference.signum() == 0, v[2].longValue(), line.records, v[3].longValue()));
        });
        return totals;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] values = new BigDecimal[n];
        Arrays.fill(values, BigDecimal.ZERO);
        return values;
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
    private static List<RunReport.InvoiceTotals> invoiceTotals(Map<String, LineTotals> lines, Map<String, DraftTotals> drafts) {
        List<RunReport.InvoiceTotals> totals = new ArrayList<>();
        drafts.forEach((c, d) -> {
            LineTotals l = lines.getOrDefault(c, new LineTotals());
            BigDecimal parts = l.recordValue.add(l.markup).add(l.rounding).add(l.fees).add(l.overage).add(l.writeDowns).add(l.covered);
            boolean reconciles = l.unexplained.signum() == 0 && parts.compareTo(d.net()) == 0 && d.net().add(d.tax()).compareTo(d.gross()) == 0;
            totals.add(new RunReport.InvoiceTotals(c, d.drafts(), d.straightThrough(), d.review(), Amounts.exact(l.recordValue, c),
                    Amounts.exact(l.markup, c), Amounts.exact(l.rounding, c), Amounts.money(l.fees, c), Amounts.money(l.overage, c),
                    Amounts.money(l.writeDowns, c), Amounts.money(l.covered, c), Amounts.money(d.net(), c), Amounts.money(d.tax(), c),
                    Amounts.money(d.gross(), c), reconciles));
        });
        return totals;
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
                LEFT JOIN %s c ON c.client_id = d.client_id
                WHERE d.run_id = :run ORDER BY d.draft_id""".formatted(AsOfRun.versions("client", "client_id")))
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
                WITH contracts AS (SELECT contract_id, client_id, entity_id FROM %1$s c),
                     clients AS (SELECT client_id, name FROM %2$s c),
                     consultants AS (SELECT consultant_id, name, home_entity_id FROM %3$s c),
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
                LEFT JOIN consultants o ON o.consultant_id = ex.owner_id""".formatted(AsOfRun.versions("contract", "contract_id"),
                AsOfRun.versions("client", "client_id"), AsOfRun.versions("consultant", "consultant_id")))
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

    private List<RunReport.Kpi> kpis(Params p, List<StateRow> states, Map<String, LineTotals> lines, Map<String, DraftTotals> drafts) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        kpis.add(ratio("straight_through_rate", "Straight-through rate", null,
                BigDecimal.valueOf(drafts.values().stream().mapToLong(DraftTotals::straightThrough).sum()),
                BigDecimal.valueOf(drafts.values().stream().mapToLong(DraftTotals::drafts).sum()),
                "drafts routed straight through (no exception, within every threshold) / all drafts of the run"));

        long excepted = jdbc.sql("""
                SELECT count(*) FROM (SELECT DISTINCT record_kind, record_row_id FROM validation_exception
                                      WHERE period = :period AND scope = :scope AND raised_by_run_id <= :run AND last_seen_run_id >= :run
                                        AND status = 'open' AND record_kind IN ('time_entry', 'expense', 'milestone')) x""")
                .param("run", p.run()).param("period", p.period()).param("scope", p.scope()).query(Long.class).single();
        kpis.add(ratio("exception_rate", "Exception rate", null, BigDecimal.valueOf(excepted),
                BigDecimal.valueOf(states.stream().mapToLong(StateRow::records).sum()),
                "period records (time entries, expenses, billable milestones) with at least one open exception of this run "
                        + "(blocking or warning) / all period records the run validated"));

        BigDecimal recorded = states.stream().filter(r -> r.kind().equals("time_entry") && !r.state().equals("non_billable"))
                .map(StateRow::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal onDrafts = lines.values().stream().map(l -> l.timeHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        kpis.add(ratio("billed_vs_recorded_hours", "Billed vs recorded hours", null, onDrafts, recorded,
                "hours of the time entries on the run's drafts (billed at a rate, drawn from a retainer or covered by a fixed fee) "
                        + "/ billable hours recorded (valid and held time entries)"));

        drafts.forEach((c, d) -> {
            BigDecimal timeValue = lines.containsKey(c) ? lines.get(c).timeValue : BigDecimal.ZERO;
            kpis.add(new RunReport.Kpi("write_down_share", "Write-down share", c, "ratio", Amounts.ratio(d.writeDown(), timeValue),
                    Amounts.exact(d.writeDown(), c), Amounts.exact(timeValue, c),
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
