package org.billrun.draft;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.billing.Money;
import org.billrun.infra.partition.ClientKey;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.masterdata.AsOfRun;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A run's draft invoices as stored, with what the client-facing document needs besides: the legal
 * entity's and the client's names, addresses, tax ids and payment terms, and the time entries of
 * the annex, all as the run saw them ({@link AsOfRun}). Four set-based queries for the whole run,
 * however many drafts it has: a large firm has hundreds of drafts and some 160,000 time entries in
 * annexes, and a query per draft or line would cost more than writing the PDFs. Nothing is
 * recomputed: the figures are the draft's.
 */
@Component
public class DraftInvoiceQueries {

    public record Party(String id, String name, String address, String taxId) {}

    public record Line(int lineNo, String type, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal value,
            BigDecimal net, String taxCategory, BigDecimal taxRate) {}

    public record TaxGroup(String category, BigDecimal ratePct, String note, BigDecimal net, BigDecimal tax) {

        /** Category AE: the customer accounts for the VAT (EU reverse charge). */
        public boolean reverseCharge() {
            return "AE".equals(category);
        }
    }

    public record AnnexEntry(LocalDate date, String consultant, BigDecimal hours, String description) {}

    public record Retainer(BigDecimal opening, BigDecimal fee, BigDecimal drawn, BigDecimal overage, BigDecimal closing) {}

    public record Cap(BigDecimal cap, BigDecimal consumedBefore, BigDecimal consumed) {}

    /** A draft invoice for its document; its totals carry the invoice's currency. */
    public record Invoice(String draftId, String period, String status, String contractId, String poNumber,
            boolean timeAnnex, LocalDate invoiceDate, LocalDate serviceFrom, LocalDate serviceTo, Money net, Money tax,
            Money gross, Party seller, Party buyer, Integer paymentTermsDays, Retainer retainer, Cap cap, List<Line> lines,
            List<TaxGroup> taxGroups, List<AnnexEntry> annex) {

        public String currency() {
            return net.currency();
        }

        /** Invoice date + the client's payment terms; null when the client has none on file. */
        public LocalDate dueDate() {
            return paymentTermsDays == null ? null : invoiceDate.plusDays(paymentTermsDays);
        }
    }

    private final JdbcClient jdbc;

    public DraftInvoiceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every draft the run wrote (superseded ones too: a report of an earlier run shows what it drafted), by draft id. */
    public List<Invoice> ofRun(long runId) {
        return load("", Map.of("run", runId));
    }

    /** The ids of every draft the run wrote, in draft id order as the database sorts them (the order {@link #between} ranges use). */
    public List<String> idsOfRun(long runId) {
        return jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? ORDER BY draft_id").param(runId).query(String.class).list();
    }

    /**
     * The clients of the run's drafts, each with its drafts (as {@code contracts}) and the lines and annex
     * rows their documents print (as {@code records}): what the invoice PDF partitions are sized by.
     */
    public List<ClientPartitions.Sized> clientsOfRun(long runId) {
        return jdbc.sql("""
                SELECT d.entity_id, d.client_id, count(*) AS drafts,
                       sum((SELECT count(*) FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id)
                           + CASE WHEN d.time_annex THEN (SELECT count(*) FROM draft_line_source s
                                                          WHERE s.run_id = d.run_id AND s.draft_id = d.draft_id) ELSE 0 END) AS printed
                FROM draft_invoice d WHERE d.run_id = ? GROUP BY d.entity_id, d.client_id""")
                .param(runId)
                .query((rs, i) -> new ClientPartitions.Sized(new ClientKey(rs.getString(1), rs.getString(2)), rs.getLong(4), rs.getInt(3)))
                .list();
    }

    /** The ids of the run's drafts of {@code clients}, in draft id order as the database sorts them. */
    public List<String> idsOfRun(long runId, Set<ClientKey> clients) {
        String[][] columns = ClientKey.columns(clients);
        return jdbc.sql("""
                SELECT draft_id FROM draft_invoice
                WHERE run_id = :run
                  AND (coalesce(entity_id, ''), coalesce(client_id, '')) IN (SELECT * FROM unnest(CAST(:entities AS text[]), CAST(:clients AS text[])))
                ORDER BY draft_id""")
                .param("run", runId).param("entities", columns[0]).param("clients", columns[1]).query(String.class).list();
    }

    /** The run's drafts with these ids, by draft id: a batch of a partition's drafts for writers that hold a batch at a time. */
    public List<Invoice> withIds(long runId, List<String> draftIds) {
        return load(" AND draft_id = ANY (:ids)", Map.of("run", runId, "ids", draftIds.toArray(String[]::new)));
    }

    /**
     * The run's drafts with ids from {@code first} to {@code last} (both included, as {@link #idsOfRun}
     * orders them), by draft id: a slice of {@link #ofRun} for writers that hold a batch at a time.
     */
    public List<Invoice> between(long runId, String first, String last) {
        return load(" AND draft_id BETWEEN :first AND :last", Map.of("run", runId, "first", first, "last", last));
    }

    /** One draft of the run, as {@link #ofRun} has it: what its final invoice is printed from. */
    public Optional<Invoice> of(long runId, String draftId) {
        return load(" AND draft_id = :draft", Map.of("run", runId, "draft", draftId)).stream().findFirst();
    }

    /** The run's drafts that meet {@code only} (a condition on {@code draft_id}, or empty), with {@code params}. */
    private List<Invoice> load(String only, Map<String, Object> params) {
        Map<String, List<Line>> lines = new HashMap<>();
        jdbc.sql("""
                SELECT draft_id, line_no, line_type, description, quantity, unit_price, value, net, tax_category, tax_rate
                FROM draft_line WHERE run_id = :run%s ORDER BY draft_id, line_no""".formatted(only))
                .params(params)
                .query((ResultSet rs) -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Line(rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                            rs.getString(9), rs.getBigDecimal(10)));
                });
        Map<String, List<TaxGroup>> taxes = new HashMap<>();
        jdbc.sql("SELECT draft_id, category, rate_pct, exemption_note, net, tax FROM draft_tax WHERE run_id = :run%s ORDER BY draft_id, seq"
                .formatted(only))
                .params(params)
                .query((ResultSet rs) -> {
                    taxes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TaxGroup(rs.getString(2), rs.getBigDecimal(3),
                            rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6)));
                });
        // the annex is the lineage: every time entry the draft bills, only for clients who ask for it
        Map<String, List<AnnexEntry>> annex = new HashMap<>();
        jdbc.sql("""
                SELECT s.draft_id, s.record_date, coalesce(k.name, t.consultant_id), s.hours, t.description
                FROM draft_line_source s
                JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id AND d.time_annex
                JOIN time_entry t ON t.id = s.record_row_id
                LEFT JOIN %s k ON true
                WHERE s.run_id = :run AND s.record_kind = 'time_entry'%s
                ORDER BY s.draft_id, s.record_date, 3, s.record_key""".formatted(AsOfRun.versionOf("consultant", "consultant_id", "t.consultant_id"),
                        only.replace("draft_id", "s.draft_id")))
                .params(params)
                .query((ResultSet rs) -> {
                    annex.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AnnexEntry(rs.getObject(2, LocalDate.class),
                            rs.getString(3), rs.getBigDecimal(4), rs.getString(5)));
                });
        return jdbc.sql("""
                SELECT d.draft_id, d.period, d.status, d.contract_id, d.currency, d.po_number, d.time_annex, d.invoice_date,
                       d.service_from, d.service_to, d.net, d.tax, d.gross, d.entity_id, d.client_id, d.retainer_opening,
                       d.retainer_fee, d.retainer_drawn, d.retainer_overage, d.retainer_closing, d.cap_amount, d.cap_consumed_before,
                       d.cap_consumed, e.name AS entity_name, e.address AS entity_address, e.vat_id AS entity_vat_id,
                       c.name AS client_name, c.bill_to_address, c.tax_id AS client_tax_id, c.payment_terms_days
                FROM draft_invoice d
                LEFT JOIN %s e ON true
                LEFT JOIN %s c ON true
                WHERE d.run_id = :run%s ORDER BY d.draft_id""".formatted(AsOfRun.versionOf("entity", "entity_id", "d.entity_id"),
                        AsOfRun.versionOf("client", "client_id", "d.client_id"), only.replace("draft_id", "d.draft_id")))
                .params(params)
                .query((rs, i) -> invoice(rs, lines, taxes, annex))
                .list();
    }

    private static Invoice invoice(ResultSet rs, Map<String, List<Line>> lines, Map<String, List<TaxGroup>> taxes,
            Map<String, List<AnnexEntry>> annex) throws SQLException {
        String id = rs.getString("draft_id");
        Retainer retainer = rs.getBigDecimal("retainer_fee") == null ? null : new Retainer(rs.getBigDecimal("retainer_opening"),
                rs.getBigDecimal("retainer_fee"), rs.getBigDecimal("retainer_drawn"), rs.getBigDecimal("retainer_overage"),
                rs.getBigDecimal("retainer_closing"));
        Cap cap = rs.getBigDecimal("cap_amount") == null ? null
                : new Cap(rs.getBigDecimal("cap_amount"), rs.getBigDecimal("cap_consumed_before"), rs.getBigDecimal("cap_consumed"));
        String currency = rs.getString("currency");
        return new Invoice(id, rs.getString("period"), rs.getString("status"), rs.getString("contract_id"),
                rs.getString("po_number"), rs.getBoolean("time_annex"), rs.getObject("invoice_date", LocalDate.class),
                rs.getObject("service_from", LocalDate.class), rs.getObject("service_to", LocalDate.class),
                Money.of(rs.getBigDecimal("net"), currency), Money.of(rs.getBigDecimal("tax"), currency),
                Money.of(rs.getBigDecimal("gross"), currency),
                new Party(rs.getString("entity_id"), rs.getString("entity_name"), rs.getString("entity_address"),
                        rs.getString("entity_vat_id")),
                new Party(rs.getString("client_id"), rs.getString("client_name"), rs.getString("bill_to_address"),
                        rs.getString("client_tax_id")),
                (Integer) rs.getObject("payment_terms_days"), retainer, cap, lines.getOrDefault(id, List.of()),
                taxes.getOrDefault(id, List.of()), annex.getOrDefault(id, List.of()));
    }
}
