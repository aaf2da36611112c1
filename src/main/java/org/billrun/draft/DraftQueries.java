package org.billrun.draft;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.billing.MoneyFormat;
import org.billrun.masterdata.AsOfRun;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only views of the drafts runs wrote, for `billrun review` and `billrun diff`. Amounts come back
 * at the currency's minor unit (the database keeps 4 decimals); unit prices and lineage values keep
 * the decimals they have, so an exact rate or FX value is never rounded away.
 */
@Component
public class DraftQueries {

    /** The draft_invoice columns a summary or a detail reads. */
    private static final String DRAFT_COLUMNS = """
            run_id, draft_id, period, scope, status, superseded_by_run_id, contract_id, client_id, entity_id, currency,
            billing_model, po_number, presentation, time_annex, invoice_date, service_from, service_to, net, tax, gross,
            write_down, cap_amount, cap_consumed_before, cap_consumed, retainer_opening, retainer_fee, retainer_drawn,
            retainer_overage, retainer_closing, route, project_manager_id""";

    private static final String REASON_COLUMNS = "draft_id, code, reviewer_role, reviewer_id, reason";

    private final JdbcClient jdbc;

    public DraftQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RunRef(long runId, String period, String scope) {}

    /** One reason a draft is routed for review, and who reviews it. */
    public record Reason(String code, String reviewerRole, String reviewerId, String text) {}

    /** A draft as the review queue lists it. */
    public record Summary(String draftId, long runId, String status, String contractId, String clientId, String entityId,
            String currency, String billingModel, BigDecimal net, BigDecimal tax, BigDecimal gross, String route, List<Reason> reasons) {

        /** A draft that was computed but not stored (a dry run), as the queue would list it. */
        public static Summary of(long runId, InvoiceDraft d) {
            String ccy = d.currency();
            return new Summary(d.draftId(), runId, "preview", d.contractId(), d.clientId(), d.entityId(), ccy, d.billingModel().label(),
                    minor(d.net().amount(), ccy), minor(d.tax().amount(), ccy), minor(d.gross().amount(), ccy), d.route().label(),
                    d.reasons().stream().map(r -> new Reason(r.code().name(), r.reviewerRole().label(), r.reviewerId(), r.text())).toList());
        }
    }

    /** --route, --reviewer (an id or a role) and --client of `review list`; null means any. */
    public record Filter(String route, String reviewer, String clientId) {}

    /** One line of a draft with its lineage totals; {@code sources} is filled only when the annex is asked for. */
    public record Line(int lineNo, String type, String key, String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal value, BigDecimal net, String explanation, String taxRuleId, String taxCategory, BigDecimal taxRate, BigDecimal tax,
            long sourceCount, BigDecimal sourceValue, List<Source> sources) {}

    /** One record a line bills: value in the invoice currency (4 decimals), markup, and how the value was found. */
    public record Source(int lineNo, String kind, String key, String file, Integer fileLine, LocalDate date, BigDecimal hours,
            BigDecimal value, BigDecimal markup, String basis) {}

    public record Tax(String ruleId, String category, BigDecimal ratePct, String rounding, String exemptionNote, String explanation,
            BigDecimal net, BigDecimal tax) {}

    /** Who issues or receives the invoice, from the current master data (drafts store only the ids). */
    public record Party(String id, String name, String country, String taxId, String address) {}

    /** A not-to-exceed contract's cap: {@code timeValue} is the time before write-down, {@code remaining} what is left after this draft. */
    public record Cap(BigDecimal cap, BigDecimal consumedBefore, BigDecimal timeValue, BigDecimal writeDown, BigDecimal consumed,
            BigDecimal remaining) {}

    public record Retainer(BigDecimal opening, BigDecimal fee, BigDecimal drawn, BigDecimal overage, BigDecimal closing) {}

    /** Everything `billrun review show` prints about one draft. */
    public record Detail(String draftId, long runId, String status, Long supersededByRunId, String period, String contractId,
            String billingModel, String presentation, boolean timeAnnex, String poNumber, LocalDate invoiceDate, LocalDate serviceFrom,
            LocalDate serviceTo, String currency, Party entity, Party client, String projectManagerId, List<Line> lines,
            List<Tax> taxes, BigDecimal net, BigDecimal tax, BigDecimal gross, BigDecimal writeDown, Cap cap, Retainer retainer,
            String route, List<Reason> reasons) {}

    public Optional<RunRef> run(long runId) {
        return jdbc.sql("SELECT run_id, period, scope FROM billing_run WHERE run_id = ?").param(runId)
                .query((rs, i) -> new RunRef(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The run's live drafts that pass the filter, by draft id. */
    public List<Summary> live(long runId, Filter filter) {
        List<Summary> drafts = jdbc.sql("""
                SELECT %s FROM draft_invoice d
                WHERE d.run_id = :run AND d.status = 'live'
                  AND (CAST(:route AS text) IS NULL OR d.route = lower(:route))
                  AND (CAST(:client AS text) IS NULL OR d.client_id = :client)
                  AND (CAST(:reviewer AS text) IS NULL OR EXISTS (
                       SELECT 1 FROM draft_route_reason r WHERE r.run_id = d.run_id AND r.draft_id = d.draft_id
                       AND (r.reviewer_id = :reviewer OR r.reviewer_role = lower(:reviewer))))
                ORDER BY d.draft_id""".formatted(DRAFT_COLUMNS))
                .param("run", runId).param("route", filter.route()).param("client", filter.clientId())
                .param("reviewer", filter.reviewer())
                .query((rs, i) -> summary(rs, List.of()))
                .list();
        return withReasons(runId, drafts);
    }

    /** Every draft the run wrote, live or since superseded: what `billrun diff` compares. */
    public List<Summary> written(long runId) {
        List<Summary> drafts = jdbc.sql("SELECT " + DRAFT_COLUMNS + " FROM draft_invoice WHERE run_id = ? ORDER BY draft_id").param(runId)
                .query((rs, i) -> summary(rs, List.of())).list();
        return withReasons(runId, drafts);
    }

    /**
     * The run's drafts per currency (empty when the run stopped before drafting): how many, how many go
     * straight through, their totals and what was written down to caps; live = still the period's drafts.
     * Amounts are exact decimal strings at the currency's minor unit: JSON readers must not get binary floats.
     */
    public record CurrencyTotals(String currency, long drafts, long straightThrough, long review, String net, String tax, String gross,
            String writtenDown, boolean live) {}

    public List<CurrencyTotals> totalsByCurrency(long runId) {
        return jdbc.sql("""
                SELECT currency, count(*), count(*) FILTER (WHERE route = 'straight_through'), count(*) FILTER (WHERE route = 'review'),
                       sum(net), sum(tax), sum(gross), sum(write_down), bool_and(status = 'live')
                FROM draft_invoice WHERE run_id = ? GROUP BY currency ORDER BY currency""")
                .param(runId)
                .query((rs, i) -> {
                    String ccy = rs.getString(1);
                    return new CurrencyTotals(ccy, rs.getLong(2), rs.getLong(3), rs.getLong(4), minor(rs.getBigDecimal(5), ccy).toPlainString(),
                            minor(rs.getBigDecimal(6), ccy).toPlainString(), minor(rs.getBigDecimal(7), ccy).toPlainString(),
                            minor(rs.getBigDecimal(8), ccy).toPlainString(), rs.getBoolean(9));
                })
                .list();
    }

    /** How many drafts the run wrote that are no longer live, and the latest run that superseded them (null: none). */
    public record Superseded(long count, Long byRunId) {}

    public Superseded superseded(long runId) {
        return jdbc.sql("SELECT count(*), max(superseded_by_run_id) FROM draft_invoice WHERE run_id = ? AND status = 'superseded'")
                .param(runId).query((rs, i) -> new Superseded(rs.getLong(1), (Long) rs.getObject(2))).single();
    }

    /**
     * The milestones a live draft of a period other than {@code period} bills, by milestone id (a new
     * version of milestones.csv gives a milestone a new row, never a new id): billed there, so never
     * drafted in this period.
     */
    public Set<String> milestonesBilledOutside(YearMonth period) {
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT s.record_key FROM draft_line_source s
                JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                WHERE s.record_kind = 'milestone' AND d.status = 'live' AND d.period <> ?""")
                .param(period.toString()).query(String.class).list());
    }

    /** The run of the live draft with this id, else the latest run that wrote one (all superseded). */
    public Optional<Long> runOf(String draftId) {
        return jdbc.sql("SELECT run_id FROM draft_invoice WHERE draft_id = ? ORDER BY status = 'live' DESC, run_id DESC LIMIT 1")
                .param(draftId).query(Long.class).optional();
    }

    /** The run's lines, by draft id, with lineage counts and no sources. */
    public Map<String, List<Line>> lines(long runId) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        jdbc.sql(LINES + " WHERE l.run_id = :run ORDER BY l.draft_id, l.line_no").param("run", runId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString("draft_id"), k -> new ArrayList<>()).add(line(rs, List.of()));
                });
        return lines;
    }

    /** A draft line whose lineage names a record, as `billrun trace` shows it. */
    public record Billed(long runId, String period, String draftId, String status, int lineNo, String description, String recordKind,
            BigDecimal hours, BigDecimal value, BigDecimal markup, String currency) {}

    /** Every draft line of every run that billed the record {@code recordKey}, oldest run first. */
    public List<Billed> billed(String recordKey) {
        return jdbc.sql("""
                SELECT s.run_id, d.period, s.draft_id, d.status, s.line_no, l.description, s.record_kind, s.hours, s.value, s.markup, d.currency
                FROM draft_line_source s JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                JOIN draft_line l ON l.run_id = s.run_id AND l.draft_id = s.draft_id AND l.line_no = s.line_no
                WHERE s.record_key = ? ORDER BY s.run_id, s.draft_id, s.line_no""").param(recordKey)
                .query((rs, i) -> new Billed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getString(11)))
                .list();
    }

    public Optional<Detail> find(long runId, String draftId, boolean withSources) {
        return jdbc.sql("SELECT " + DRAFT_COLUMNS + " FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(runId, draftId)
                .query((rs, i) -> detail(rs, withSources))
                .optional();
    }

    private static final String LINES = """
            SELECT l.*, d.currency, coalesce(s.n, 0) AS source_count, coalesce(s.worth, 0) AS source_value
            FROM draft_line l
            JOIN draft_invoice d ON d.run_id = l.run_id AND d.draft_id = l.draft_id
            LEFT JOIN (SELECT run_id, draft_id, line_no, count(*) AS n, sum(value + markup) AS worth FROM draft_line_source
                       WHERE run_id = :run GROUP BY run_id, draft_id, line_no) s
                   ON s.run_id = l.run_id AND s.draft_id = l.draft_id AND s.line_no = l.line_no""";

    private Detail detail(ResultSet rs, boolean withSources) throws SQLException {
        long runId = rs.getLong("run_id");
        String draftId = rs.getString("draft_id");
        String ccy = rs.getString("currency");
        Map<Integer, List<Source>> sources = withSources ? sources(runId, draftId, ccy) : Map.of();
        List<Line> lines = jdbc.sql(LINES + " WHERE l.run_id = :run AND l.draft_id = :draft ORDER BY l.line_no")
                .param("run", runId).param("draft", draftId)
                .query((r, i) -> line(r, sources.getOrDefault(r.getInt("line_no"), List.of()))).list();
        List<Tax> taxes = jdbc.sql("""
                SELECT tax_rule_id, category, rate_pct, rounding, exemption_note, explanation, net, tax
                FROM draft_tax WHERE run_id = ? AND draft_id = ? ORDER BY seq""").params(runId, draftId)
                .query((r, i) -> new Tax(r.getString("tax_rule_id"), r.getString("category"), r.getBigDecimal("rate_pct"),
                        r.getString("rounding"), r.getString("exemption_note"), r.getString("explanation"),
                        minor(r.getBigDecimal("net"), ccy), minor(r.getBigDecimal("tax"), ccy)))
                .list();
        BigDecimal writeDown = minor(rs.getBigDecimal("write_down"), ccy);
        Cap cap = null;
        if (rs.getBigDecimal("cap_consumed") != null) {
            BigDecimal capAmount = minor(rs.getBigDecimal("cap_amount"), ccy);
            BigDecimal before = minor(rs.getBigDecimal("cap_consumed_before"), ccy);
            BigDecimal consumed = minor(rs.getBigDecimal("cap_consumed"), ccy);
            // the draft stores what the cap absorbed; the time before write-down is that plus the write-down
            cap = new Cap(capAmount, before, consumed.add(writeDown), writeDown, consumed,
                    capAmount == null ? null : capAmount.subtract(before).subtract(consumed));
        }
        Retainer retainer = rs.getBigDecimal("retainer_fee") == null ? null
                : new Retainer(minor(rs.getBigDecimal("retainer_opening"), ccy), minor(rs.getBigDecimal("retainer_fee"), ccy),
                        minor(rs.getBigDecimal("retainer_drawn"), ccy), minor(rs.getBigDecimal("retainer_overage"), ccy),
                        minor(rs.getBigDecimal("retainer_closing"), ccy));
        return new Detail(draftId, runId, rs.getString("status"), (Long) rs.getObject("superseded_by_run_id"), rs.getString("period"),
                rs.getString("contract_id"), rs.getString("billing_model"), rs.getString("presentation"), rs.getBoolean("time_annex"),
                rs.getString("po_number"), rs.getObject("invoice_date", LocalDate.class), rs.getObject("service_from", LocalDate.class),
                rs.getObject("service_to", LocalDate.class), ccy, entity(runId, rs.getString("entity_id")),
                client(runId, rs.getString("client_id")), rs.getString("project_manager_id"), lines, taxes,
                minor(rs.getBigDecimal("net"), ccy), minor(rs.getBigDecimal("tax"), ccy), minor(rs.getBigDecimal("gross"), ccy), writeDown,
                cap, retainer, rs.getString("route"), reasons(runId, draftId));
    }

    private Map<Integer, List<Source>> sources(long runId, String draftId, String ccy) {
        Map<Integer, List<Source>> sources = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT line_no, record_kind, record_key, source_file, source_line, record_date, hours, value, markup, basis
                FROM draft_line_source WHERE run_id = ? AND draft_id = ?
                ORDER BY line_no, record_date NULLS FIRST, record_key""")
                .params(runId, draftId)
                .query(rs -> {
                    Source s = new Source(rs.getInt("line_no"), rs.getString("record_kind"), rs.getString("record_key"),
                            rs.getString("source_file"), (Integer) rs.getObject("source_line"), rs.getObject("record_date", LocalDate.class),
                            rs.getBigDecimal("hours"), exact(rs.getBigDecimal("value"), ccy), exact(rs.getBigDecimal("markup"), ccy),
                            rs.getString("basis"));
                    sources.computeIfAbsent(s.lineNo(), k -> new ArrayList<>()).add(s);
                });
        return sources;
    }

    /** The parties as the draft's run saw them: a later load that renames a client does not rewrite an earlier draft. */
    private Party entity(long runId, String entityId) {
        return jdbc.sql("SELECT entity_id, name, country, vat_id, address FROM %s e WHERE entity_id = :id"
                        .formatted(AsOfRun.versions("entity", "entity_id")))
                .param("run", runId).param("id", entityId)
                .query((rs, i) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional().orElse(new Party(entityId, null, null, null, null));
    }

    private Party client(long runId, String clientId) {
        return jdbc.sql("SELECT client_id, name, country, tax_id, bill_to_address FROM %s c WHERE client_id = :id"
                        .formatted(AsOfRun.versions("client", "client_id")))
                .param("run", runId).param("id", clientId)
                .query((rs, i) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional().orElse(new Party(clientId, null, null, null, null));
    }

    private List<Reason> reasons(long runId, String draftId) {
        return jdbc.sql("SELECT " + REASON_COLUMNS + " FROM draft_route_reason WHERE run_id = ? AND draft_id = ? ORDER BY seq").params(runId, draftId)
                .query((rs, i) -> reason(rs)).list();
    }

    private List<Summary> withReasons(long runId, List<Summary> drafts) {
        Map<String, List<Reason>> reasons = new LinkedHashMap<>();
        jdbc.sql("SELECT " + REASON_COLUMNS + " FROM draft_route_reason WHERE run_id = ? ORDER BY draft_id, seq").param(runId)
                .query(rs -> {
                    reasons.computeIfAbsent(rs.getString("draft_id"), k -> new ArrayList<>()).add(reason(rs));
                });
        return drafts.stream().map(d -> new Summary(d.draftId(), d.runId(), d.status(), d.contractId(), d.clientId(), d.entityId(),
                d.currency(), d.billingModel(), d.net(), d.tax(), d.gross(), d.route(), reasons.getOrDefault(d.draftId(), List.of())))
                .toList();
    }

    private static Reason reason(ResultSet rs) throws SQLException {
        return new Reason(rs.getString("code"), rs.getString("reviewer_role"), rs.getString("reviewer_id"), rs.getString("reason"));
    }

    private static Summary summary(ResultSet rs, List<Reason> reasons) throws SQLException {
        String ccy = rs.getString("currency");
        return new Summary(rs.getString("draft_id"), rs.getLong("run_id"), rs.getString("status"), rs.getString("contract_id"),
                rs.getString("client_id"), rs.getString("entity_id"), ccy, rs.getString("billing_model"),
                minor(rs.getBigDecimal("net"), ccy), minor(rs.getBigDecimal("tax"), ccy), minor(rs.getBigDecimal("gross"), ccy),
                rs.getString("route"), reasons);
    }

    private static Line line(ResultSet rs, List<Source> sources) throws SQLException {
        String ccy = rs.getString("currency");
        return new Line(rs.getInt("line_no"), rs.getString("line_type"), rs.getString("line_key"), rs.getString("description"),
                rs.getBigDecimal("quantity"), exact(rs.getBigDecimal("unit_price"), ccy), minor(rs.getBigDecimal("value"), ccy),
                minor(rs.getBigDecimal("net"), ccy), rs.getString("explanation"), rs.getString("tax_rule_id"), rs.getString("tax_category"),
                rs.getBigDecimal("tax_rate"), minor(rs.getBigDecimal("tax"), ccy), rs.getLong("source_count"),
                exact(rs.getBigDecimal("source_value"), ccy), sources);
    }

    /**
     * A live draft as the approval stage opens it for review: its amounts, its routing, its project
     * manager, when it was drafted and who prepared its run.
     */
    public record ForApproval(long runId, String draftId, String entityId, String clientId, String currency, String billingModel,
            BigDecimal net, BigDecimal tax, BigDecimal gross, BigDecimal writeDown, String route, String projectManagerId,
            java.time.OffsetDateTime draftedAt, String preparer, List<String> reasonCodes) {}

    /** The live drafts as run/draft keys ("12/2026-10-ACME-1"): a cheap look at what approval may not have opened yet. */
    public Set<String> liveDraftKeys() {
        return new HashSet<>(jdbc.sql("SELECT run_id || '/' || draft_id FROM draft_invoice WHERE status = 'live'").query(String.class).list());
    }

    /** Every live draft (of every period), by run and draft id. */
    public List<ForApproval> liveForApproval() {
        return jdbc.sql("""
                SELECT d.run_id, d.draft_id, d.entity_id, d.client_id, d.currency, d.billing_model, d.net, d.tax, d.gross, d.write_down,
                       d.route, d.project_manager_id, d.drafted_at, r.preparer,
                       (SELECT string_agg(x.code, ',' ORDER BY x.seq) FROM draft_route_reason x
                        WHERE x.run_id = d.run_id AND x.draft_id = d.draft_id) AS codes
                FROM draft_invoice d JOIN billing_run r ON r.run_id = d.run_id
                WHERE d.status = 'live' ORDER BY d.run_id, d.draft_id""")
                .query((rs, i) -> {
                    String ccy = rs.getString("currency");
                    String codes = rs.getString("codes");
                    return new ForApproval(rs.getLong("run_id"), rs.getString("draft_id"), rs.getString("entity_id"), rs.getString("client_id"),
                            ccy, rs.getString("billing_model"), minor(rs.getBigDecimal("net"), ccy), minor(rs.getBigDecimal("tax"), ccy),
                            minor(rs.getBigDecimal("gross"), ccy), minor(rs.getBigDecimal("write_down"), ccy), rs.getString("route"),
                            rs.getString("project_manager_id"), rs.getObject("drafted_at", java.time.OffsetDateTime.class),
                            rs.getString("preparer"), codes == null ? List.of() : List.of(codes.split(",")));
                })
                .list();
    }

    /** An amount at the currency's minor unit: the drafts rounded it there, so only the storage's trailing zeros go. */
    static BigDecimal minor(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(MoneyFormat.minorDigits(currency), RoundingMode.HALF_UP);
    }

    /** A rate or lineage value as exact as stored, but with at least the minor unit's decimals: 95.0000 GBP is 95.00, 607.4689 stays. */
    static BigDecimal exact(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        int minor = MoneyFormat.minorDigits(currency);
        return stripped.scale() < minor ? amount.setScale(minor, RoundingMode.UNNECESSARY) : stripped;
    }
}
