package org.billrun.draft;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.billrun.billing.DraftStatus;
import org.billrun.infra.CopyRows;
import org.billrun.infra.partition.ClientKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes a run's drafts in the caller's transaction, a set of clients at a time (a drafting partition).
 * Drafting clients again first removes the run's drafts of them that no one has acted on, so the same
 * draft ids come back instead of duplicates; drafts of earlier runs of the period that no one acted on
 * become superseded, so only one draft per id is live. Contracts are locked one by one
 * ({@link #lockContracts}), not drafting as a whole.
 */
@Component
public class DraftStore {

    private static final String COPY_LINES = """
            COPY draft_line (run_id, draft_id, line_no, line_type, line_key, description, quantity, unit_price, value, net, explanation,
                             tax_rule_id, tax_category, tax_rate, tax) FROM STDIN""";
    private static final String COPY_SOURCES = """
            COPY draft_line_source (run_id, draft_id, line_no, record_kind, record_row_id, record_key, source_file, source_line,
                                    record_date, hours, value, markup, basis) FROM STDIN""";
    private static final String COPY_TAX = """
            COPY draft_tax (run_id, draft_id, seq, tax_rule_id, category, rate_pct, rounding, exemption_note, explanation, net, tax)
            FROM STDIN""";
    private static final String COPY_REASONS = """
            COPY draft_route_reason (run_id, draft_id, seq, code, reviewer_role, reviewer_id, reason) FROM STDIN""";
    private static final String COPY_DRAFTS = """
            COPY draft_invoice (run_id, draft_id, period, scope, contract_id, client_id, entity_id, currency, billing_model, po_number,
                                presentation, time_annex, invoice_date, service_from, service_to, net, tax, gross, write_down,
                                cap_amount, cap_consumed_before, cap_consumed, retainer_opening, retainer_fee, retainer_drawn,
                                retainer_overage, retainer_closing, route, project_manager_id) FROM STDIN""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public DraftStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The clause a draft_invoice row {@code d} is of one of the clients bound as two arrays, {@code :entities} and {@code :clients}. */
    private static final String OF_CLIENTS = """
            (coalesce(d.entity_id, ''), coalesce(d.client_id, '')) IN (SELECT * FROM unnest(CAST(:entities AS text[]), CAST(:clients AS text[])))""";

    /**
     * The contracts drafting {@code clients} touches in {@code period}: those contracts.csv gives them, and
     * those of their drafts of the period (a contract that since moved to another client included).
     */
    public Set<String> contractsOf(String period, Set<ClientKey> clients) {
        String[][] columns = ClientKey.columns(clients);
        return new TreeSet<>(jdbc.sql("""
                SELECT d.contract_id FROM current_contract d WHERE %1$s
                UNION
                SELECT d.contract_id FROM draft_invoice d WHERE d.period = :period AND %1$s""".formatted(OF_CLIENTS))
                .param("entities", columns[0]).param("clients", columns[1]).param("period", period)
                .query(String.class).list());
    }

    /**
     * Has PostgreSQL plan each statement of the rest of the transaction for the arguments it is given. Every drafting
     * partition runs the same statements with its own clients' and contracts' arrays; after five runs on one connection
     * pgjdbc prepares them on the server, and PostgreSQL may then keep a generic plan, which cannot hash an array it
     * does not know. At 10M entries (50 partitions) the valid records' cursor then tested each row of validated_record
     * against 500 contract ids one by one: 2 minutes a partition instead of 8 s. At 3M, EXPLAIN ANALYZE of that cursor:
     * 30.5 s with the generic plan, 2.0 s with a plan for the partition's contracts.
     */
    public void planForTheArguments() {
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
    }

    /**
     * Takes the drafting lock of each of {@code contractIds} for the rest of the transaction: what a
     * contract's draft is made of (the cap it consumed and the retainer balance it carries from earlier
     * periods' live drafts, the milestones other periods bill, the live draft it supersedes) is read and
     * written under its lock, so drafts of one contract by two runs, of one period or two, follow each
     * other. Runs and partitions drafting other contracts go on at the same time. The locks are taken in
     * the order of their keys, the same in every transaction, so two transactions that need one contract wait
     * for each other in turn but never deadlock.
     */
    public void lockContracts(Collection<String> contractIds) {
        jdbc.sql("""
                SELECT count(pg_advisory_xact_lock(k)) FROM (
                    SELECT DISTINCT hashtextextended('billrun.draft:' || c, 0) AS k FROM unnest(CAST(? AS text[])) c ORDER BY k) keys""")
                .param(contractIds.toArray(String[]::new)).query(Long.class).single();
    }

    /** Contracts of the period with a live draft someone acted on: their records are billed, never drafted again. */
    public List<String> actedOnContracts(String period) {
        return jdbc.sql("SELECT contract_id FROM draft_invoice WHERE period = ? AND status = 'live' AND acted_at IS NOT NULL")
                .param(period).query(String.class).list();
    }

    /**
     * Removes the run's own unacted drafts of {@code clients} and supersedes other runs' unacted live
     * drafts of the period of {@code contracts} (the clients' contracts, {@link #contractsOf}). Call it with
     * those contracts locked. Other runs' drafts go by contract, not by client: a draft id names its
     * contract only, so a contract that moved to another client since an earlier run must lose that run's
     * live draft to the partition that drafts it now, whichever client the old draft was of.
     */
    public void clear(long runId, String period, Set<ClientKey> clients, Set<String> contracts) {
        String[][] columns = ClientKey.columns(clients);
        jdbc.sql("""
                DELETE FROM draft_line_source s USING draft_invoice d
                WHERE d.run_id = :run AND d.acted_at IS NULL AND s.run_id = d.run_id AND s.draft_id = d.draft_id AND %s"""
                .formatted(OF_CLIENTS))
                .param("run", runId).param("entities", columns[0]).param("clients", columns[1]).update();
        jdbc.sql("DELETE FROM draft_invoice d WHERE d.run_id = :run AND d.acted_at IS NULL AND %s".formatted(OF_CLIENTS))
                .param("run", runId).param("entities", columns[0]).param("clients", columns[1]).update();
        jdbc.sql("""
                UPDATE draft_invoice d SET status = :superseded, superseded_by_run_id = :run
                WHERE d.period = :period AND d.run_id <> :run AND d.status = :live AND d.acted_at IS NULL
                  AND d.contract_id = ANY(CAST(:contracts AS text[]))""")
                .param("superseded", DraftStatus.SUPERSEDED.label()).param("run", runId).param("period", period)
                .param("live", DraftStatus.LIVE.label()).param("contracts", contracts.toArray(String[]::new)).update();
    }

    /**
     * Fresh statistics for the report and review queries that follow the drafting of a run: on a first
     * run the planner would take 166,000 just-copied lineage rows for none and join them by nested loops.
     */
    public void analyze() {
        for (String table : new String[] {"draft_invoice", "draft_line", "draft_line_source", "draft_tax", "draft_route_reason"}) {
            jdbc.sql("ANALYZE " + table).update();
        }
    }

    /**
     * The detail of the run's latest audit entry of {@code action} on the run itself, if any; takes a lock
     * on the run's drafts record for the rest of the transaction, so two transactions recording one run
     * follow each other and the second sees the first's entry.
     */
    public Optional<String> lastRecorded(long runId, String action) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('billrun.draft.record:' || ?, 0))").param(runId).query().singleRow();
        return jdbc.sql("""
                SELECT detail FROM audit_log WHERE action = ? AND subject_type = 'run' AND subject_id = ?
                ORDER BY audit_id DESC LIMIT 1""")
                .params(action, runId).query(String.class).optional();
    }

    /** The drafts a run wrote (those no one has acted on yet), per currency: how many, how many for review, their gross. */
    public record CurrencyTotals(String currency, long drafts, long review, BigDecimal gross) {}

    public List<CurrencyTotals> totals(long runId) {
        return jdbc.sql("""
                SELECT currency, count(*), count(*) FILTER (WHERE route = ?), sum(gross) FROM draft_invoice
                WHERE run_id = ? AND acted_at IS NULL GROUP BY currency ORDER BY currency""")
                .params(InvoiceDraft.Route.REVIEW.label(), runId)
                .query((rs, i) -> new CurrencyTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4))).list();
    }

    /** A writer of the run's drafts in the caller's transaction: {@link Writer#add} buffers, {@link Writer#finish} sends the rest. */
    public Writer writer(long runId, String scope) {
        return new Writer(runId, scope);
    }

    /**
     * Buffers drafts as COPY rows and sends them whenever the buffered lineage reaches {@link #FLUSH_ROWS}
     * rows, so a period of any size is written with a bounded buffer; each send copies the drafts before
     * their lines, lineage, taxes and reasons.
     */
    public final class Writer {

        /** Lineage rows buffered before a send: some 10 MB of COPY text. */
        static final int FLUSH_ROWS = 50_000;

        private final long runId;
        private final String scope;
        private CopyRows invoices;
        private CopyRows lines;
        private CopyRows sources;
        private CopyRows taxes;
        private CopyRows reasons;
        private int buffered;
        private int written;

        private Writer(long runId, String scope) {
            this.runId = runId;
            this.scope = scope;
            reset();
        }

        public void add(InvoiceDraft d) throws SQLException, IOException {
            addDraft(d);
            written++;
            if (buffered >= FLUSH_ROWS) {
                flush();
            }
        }

        /** Sends what is buffered; returns how many drafts were written. */
        public int finish() throws SQLException, IOException {
            flush();
            return written;
        }

        private void reset() {
            invoices = new CopyRows(256);
            lines = new CopyRows(2_048);
            sources = new CopyRows(FLUSH_ROWS + 1_024);
            taxes = new CopyRows(256);
            reasons = new CopyRows(256);
            buffered = 0;
        }

        private void flush() throws SQLException, IOException {
            if (invoices.isEmpty()) {
                return;
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            invoices.copyIn(connection, COPY_DRAFTS);
            lines.copyIn(connection, COPY_LINES);
            sources.copyIn(connection, COPY_SOURCES);
            taxes.copyIn(connection, COPY_TAX);
            reasons.copyIn(connection, COPY_REASONS);
            reset();
        }

        private void addDraft(InvoiceDraft d) {
            invoices.add(runId).add(d.draftId()).add(d.period()).add(scope).add(d.contractId()).add(d.clientId()).add(d.entityId())
                    .add(d.currency()).add(d.billingModel().label()).add(d.poNumber()).add(d.presentation().label()).add(d.timeAnnex())
                    .add(d.invoiceDate()).add(d.serviceFrom()).add(d.serviceTo()).add(d.net()).add(d.tax()).add(d.gross())
                    .add(d.writeDown());
            if (d.cap() == null) {
                invoices.add(null).add(null).add(null);
            } else {
                invoices.add(d.cap().cap()).add(d.cap().consumedBefore()).add(d.cap().consumed());
            }
            if (d.retainer() == null) {
                invoices.add(null).add(null).add(null).add(null).add(null);
            } else {
                invoices.add(d.retainer().opening()).add(d.retainer().fee()).add(d.retainer().drawn()).add(d.retainer().overage())
                        .add(d.retainer().closing());
            }
            invoices.add(d.route().label()).add(d.projectManagerId()).endRow();
            buffered++;
            for (DraftLine l : d.lines()) {
                lines.add(runId).add(d.draftId()).add(l.lineNo()).add(l.type().label()).add(l.key()).add(l.description()).add(l.quantity())
                        .add(l.unitPrice()).add(l.value()).add(l.net()).add(l.explanation()).add(l.taxRuleId()).add(l.taxCategory())
                        .add(l.taxRate()).add(l.tax()).endRow();
                buffered++;
                for (LineSource s : l.sources()) {
                    sources.add(runId).add(d.draftId()).add(l.lineNo()).add(s.record().kind().label()).add(s.record().rowId())
                            .add(s.record().key()).add(s.record().file()).add(s.record().line()).add(s.date()).add(s.hours())
                            .add(s.value()).add(s.markup()).add(s.basis()).endRow();
                    buffered++;
                }
            }
            int seq = 0;
            for (TaxGroup t : d.taxGroups()) {
                taxes.add(runId).add(d.draftId()).add(++seq).add(t.ruleId()).add(t.category()).add(t.ratePct()).add(t.rounding())
                        .add(t.note()).add(t.explanation()).add(t.net()).add(t.tax()).endRow();
            }
            seq = 0;
            for (RouteReason r : d.reasons()) {
                reasons.add(runId).add(d.draftId()).add(++seq).add(r.code().name()).add(r.reviewerRole().label()).add(r.reviewerId())
                        .add(r.text()).endRow();
            }
        }
    }
}
