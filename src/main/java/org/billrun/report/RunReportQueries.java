package org.billrun.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.approval.ApprovalKpiQueries;
import org.billrun.audit.AuditLog;
import org.billrun.assist.risk.RiskFactor;
import org.billrun.assist.risk.RiskScore;
import org.billrun.report.port.RunCredits;
import org.billrun.report.port.RunDisputes;
import org.billrun.report.port.RunPostings;
import org.billrun.infra.SoftwareVersion;
import org.billrun.ingest.IngestQueries;
import org.billrun.masterdata.AsOfRun;
import org.springframework.beans.factory.ObjectProvider;
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
 *
 * <p>This class reads; the arithmetic is plain Java: {@link Conservation} (invariant 1: records per
 * state, control totals per currency), {@link InvoiceBridge} (from the drafted value to the invoices'
 * totals), and the exception counts and key figures in {@link ExceptionQueries} and {@link KpiQueries}.
 */
@Component
public class RunReportQueries {

    /** The factors of a draft's dispute risk the report names, as review show and the routing reason do. */
    static final int TOP_RISK_FACTORS = 3;
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> FILE_OF_KIND = Map.of("time_entry", "time_entries.csv", "expense", "expenses.csv",
            "milestone", "milestones.csv");

    private final JdbcClient jdbc;
    private final ExceptionQueries exceptions;
    private final KpiQueries kpis;
    private final RunPostings postings;
    private final RunCredits credits;
    private final ObjectProvider<RunDisputes> disputes;
    private final ApprovalKpiQueries approvalKpis;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final IngestQueries ingest;
    private final AuditLog audit;

    RunReportQueries(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, IngestQueries ingest,
            ApprovalKpiQueries approvalKpis, RunPostings postings, AuditLog audit,
            RunCredits credits, ObjectProvider<RunDisputes> disputes) {
        this.credits = credits;
        this.disputes = disputes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.postings = postings;
        this.ingest = ingest;
        this.approvalKpis = approvalKpis;
        this.exceptions = new ExceptionQueries(jdbc);
        this.kpis = new KpiQueries(jdbc);
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The report of run {@code runId}; an IllegalArgumentException when there is no such run. */
    public RunReport build(long runId) {
        return build(runId, false);
    }

    /** The report the run's own report stage writes: that stage completes with it. */
    public RunReport buildInReportStage(long runId) {
        return build(runId, true);
    }

    private RunReport build(long runId, boolean reportStageWriting) {
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
            RunScope params = new RunScope(runId, (String) r.get("period"), (String) r.get("scope"));
            Map<String, String> jobParameters = firstAttemptParameters(runId);
            List<StepHistory.Execution> executions = stepExecutions(runId);
            List<RunReport.StepTiming> steps = StepHistory.steps(executions);
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
                    jobParameters.getOrDefault("version", "not recorded"),
                    StepHistory.completedThrough(executions, reportStageWriting));

            List<Conservation.StateCount> states = stateCounts(runId);
            Map<String, LineTotals> lines = lineTotals(runId);
            Map<String, InvoiceBridge.DraftTotals> drafts = draftTotals(runId);
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
            List<RunReport.Kpi> figures = new ArrayList<>(kpis.kpis(params, states, lines, drafts));
            figures.addAll(ApprovalFigures.kpis(approvalKpis.invoicesOfRun(runId), now));
            figures.addAll(PostingFigures.kpis(postings.ofRun(runId)));
            figures.addAll(CreditFigures.kpis(credits.ofRun(runId)));
            figures.addAll(CreditFigures.recordKpis(credits.recordEnds(runId)));
            RunDisputes runDisputes = disputes.getIfAvailable();
            figures.addAll(RunDisputeFigures.kpis(runDisputes == null ? List.of() : runDisputes.ofRun(runId)));
            Map<String, RiskScore> risks = runDisputes == null ? Map.of() : runDisputes.risks(runId);
            return new RunReport(RunReport.NAME, RunReport.FORMAT_VERSION,
                    now.toString(), "billrun " + SoftwareVersion.current(),
                    run, configuration, sources, Conservation.recordStates(states, rejectedAtIngest(runId)),
                    Conservation.controlTotals(states, withBilledEarlier(drafted(lines, drafts, approvalKpis.writtenOffRecordValue(runId)),
                            billedEarlier(runId))), heldWithoutValue(params),
                    InvoiceBridge.invoiceTotals(lines, drafts), invoices(runId, risks), exceptions.exceptions(params),
                    figures, steps, audit.head().map(h -> new RunReport.AuditHead(h.auditId(), h.hash(), h.hmac())).orElse(null));
        });
    }

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
    private List<Conservation.StateCount> stateCounts(long runId) {
        return jdbc.sql("""
                SELECT record_kind, state, currency, count(*), count(amount), coalesce(sum(amount), 0), coalesce(sum(hours), 0)
                FROM validated_record WHERE run_id = ? GROUP BY record_kind, state, currency""")
                .param(runId)
                .query((rs, i) -> new Conservation.StateCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
    }

    /** Every line of the run's drafts with the totals of the records it bills (lineage), folded per currency. */
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
                    BigDecimal recordsValue = rs.getBigDecimal(5);
                    LineTotals.Lineage lineage = recordsValue == null ? null
                            : new LineTotals.Lineage(rs.getLong(7), recordsValue, rs.getBigDecimal(6), rs.getBigDecimal(8), rs.getBigDecimal(9));
                    totals.computeIfAbsent(rs.getString(1), c -> new LineTotals()).add(rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), lineage);
                });
        return totals;
    }

    private Map<String, InvoiceBridge.DraftTotals> draftTotals(long runId) {
        Map<String, InvoiceBridge.DraftTotals> totals = new TreeMap<>();
        jdbc.sql("""
                SELECT currency, count(*), count(*) FILTER (WHERE route = 'straight_through'), count(*) FILTER (WHERE route = 'review'),
                       sum(net), sum(tax), sum(gross), sum(write_down)
                FROM draft_invoice WHERE run_id = ? GROUP BY currency""")
                .param(runId)
                .query(rs -> {
                    totals.put(rs.getString(1), new InvoiceBridge.DraftTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
                });
        return totals;
    }

    /** Per currency what the drafts carry: their lineage, and their write-downs to caps. */
    private static Map<String, Conservation.Drafted> drafted(Map<String, LineTotals> lines, Map<String, InvoiceBridge.DraftTotals> drafts,
            Map<String, BigDecimal> approvalWriteOffs) {
        Map<String, Conservation.Drafted> drafted = new TreeMap<>();
        lines.forEach((c, l) -> drafted.put(c, l.drafted(drafts.containsKey(c) ? drafts.get(c).writeDown() : BigDecimal.ZERO)));
        drafts.forEach((c, d) -> drafted.computeIfAbsent(c, k -> new LineTotals().drafted(d.writeDown())));
        approvalWriteOffs.forEach((c, off) -> drafted.compute(c, (k, d) -> (d == null ? Conservation.Drafted.NOTHING : d).withWriteOffs(off)));
        return drafted;
    }

    /** The records and value, per currency, the run did not draft because an earlier run's invoiced draft bills them. */
    record BilledEarlier(long records, BigDecimal value) {}

    /**
     * The run's valid records on none of its own drafts that a live draft of another run, which someone acted on,
     * bills (by record id): the contract was left out of this run because its invoice was issued (docs/drafting.md),
     * so they are billed there. Empty for a run that drafted its whole period.
     */
    private Map<String, BilledEarlier> billedEarlier(long runId) {
        Map<String, BilledEarlier> earlier = new TreeMap<>();
        jdbc.sql("""
                SELECT v.currency, count(*), coalesce(sum(v.amount), 0) FROM validated_record v
                WHERE v.run_id = :run AND v.state = 'valid' AND v.currency IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM draft_line_source s
                                  WHERE s.run_id = v.run_id AND s.record_kind = v.record_kind AND s.record_row_id = v.record_row_id)
                  AND EXISTS (SELECT 1 FROM draft_line_source s JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                              WHERE s.run_id <> v.run_id AND s.record_kind = v.record_kind AND s.record_key = v.record_key
                                AND d.status = 'live' AND d.acted_at IS NOT NULL
                                AND d.period = (SELECT period FROM billing_run WHERE run_id = :run))
                GROUP BY v.currency""")
                .param("run", runId)
                .query(rs -> {
                    earlier.put(rs.getString(1), new BilledEarlier(rs.getLong(2), rs.getBigDecimal(3)));
                });
        return earlier;
    }

    private static Map<String, Conservation.Drafted> withBilledEarlier(Map<String, Conservation.Drafted> drafted,
            Map<String, BilledEarlier> earlier) {
        earlier.forEach((c, e) -> drafted.compute(c, (k, d) -> (d == null ? Conservation.Drafted.NOTHING : d)
                .withBilledEarlier(e.records(), e.value())));
        return drafted;
    }

    /**
     * Rows of the run's period that ingest rejected from its time entry and expense files (milestones.csv
     * is master data: its rows are not period records); a file loaded for another period counts there.
     */
    private Map<String, Long> rejectedAtIngest(long runId) {
        Map<String, Long> rejected = new HashMap<>();
        rejected.put("time_entry", ingest.rejectedRecords(runId, "time_entry"));
        rejected.put("expense", ingest.rejectedRecords(runId, "expense"));
        return rejected;
    }

    private List<RunReport.HeldRecord> heldWithoutValue(RunScope p) {
        return jdbc.sql("""
                SELECT v.record_kind, v.record_key, v.line_no, v.contract_id, v.currency, v.hours,
                       (SELECT string_agg(DISTINCT e.rule_code, ',') FROM validation_exception e
                        WHERE e.period = :period AND e.record_kind = v.record_kind
                          AND e.record_row_id = v.record_row_id AND e.raised_by_run_id <= :run AND e.last_seen_run_id >= :run)
                FROM validated_record v
                WHERE v.run_id = :run AND v.state = 'held' AND (v.amount IS NULL OR v.currency IS NULL)
                ORDER BY v.record_kind DESC, v.record_key""")
                .param("run", p.run()).param("period", p.period())
                .query((rs, i) -> new RunReport.HeldRecord(rs.getString(1), rs.getString(2), FILE_OF_KIND.get(rs.getString(1)),
                        (Integer) rs.getObject(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6) == null ? null : rs.getBigDecimal(6).toPlainString(),
                        rs.getString(7) == null ? List.of() : List.of(rs.getString(7).split(","))))
                .list();
    }

    /** The run's drafts with their route reasons and, for the live ones, their dispute risk and its three largest factors. */
    private List<RunReport.Invoice> invoices(long runId, Map<String, RiskScore> risks) {
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
                    RiskScore risk = risks.get(rs.getString(1));
                    return new RunReport.Invoice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), c, Amounts.money(rs.getBigDecimal(9), c), Amounts.money(rs.getBigDecimal(10), c),
                            Amounts.money(rs.getBigDecimal(11), c), Amounts.money(rs.getBigDecimal(12), c), rs.getString(13),
                            reasons.getOrDefault(rs.getString(1), List.of()),
                            risk == null ? null : BigDecimal.valueOf(risk.probability()).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                            risk == null ? List.of() : risk.top(TOP_RISK_FACTORS).stream().map(RiskFactor::toString).toList());
                })
                .list();
    }

    /**
     * The run's steps as billrun status shows them, the report stage's own included: each as its last
     * execution left it (the one that counted), with the earlier attempts of a resumed run as its history.
     */
    public List<RunReport.StepTiming> steps(long runId) {
        return StepHistory.allSteps(stepExecutions(runId));
    }

    /** Every execution of every step of the run, the attempt (1, 2, ...) it belongs to, in the order they started. */
    private List<StepHistory.Execution> stepExecutions(long runId) {
        return jdbc.sql("""
                SELECT s.step_name, a.attempt, s.status, s.read_count, s.write_count, extract(epoch FROM (s.end_time - s.start_time))
                FROM batch_step_execution s
                JOIN (SELECT job_execution_id, row_number() OVER (ORDER BY job_execution_id) AS attempt
                      FROM batch_job_execution WHERE job_instance_id = ?) a ON a.job_execution_id = s.job_execution_id
                ORDER BY s.step_execution_id""")
                .param(runId)
                .query((rs, i) -> new StepHistory.Execution(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6)))
                .list();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
