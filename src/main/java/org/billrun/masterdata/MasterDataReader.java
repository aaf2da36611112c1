package org.billrun.masterdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.ExpensePolicy;
import org.billrun.billing.FxTable;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.billing.Presentation;
import org.billrun.billing.Project;
import org.billrun.billing.RateBook;
import org.billrun.billing.RateLevel;
import org.billrun.billing.RateRow;
import org.billrun.billing.RecordKind;
import org.billrun.billing.RecordRef;
import org.billrun.billing.Task;
import org.billrun.billing.TaxRule;
import org.billrun.billing.TaxRuleTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the firm's current master data (the current_* views that ingest maintains) into plain objects. */
@Component
public class MasterDataReader {

    private final JdbcClient jdbc;

    public MasterDataReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Everything, with the billing history per contract only: what drafting (a cap's earlier consumption) and
     * validation's contract checks read. The rows per consultant are most of the history (1,342,199 rows at 150,000
     * consultants, about 400 MB of heap with their strings and amounts); the one check that needs them reads them row
     * by row ({@link BillingHistoryReader#consultantRows}).
     */
    public MasterData read(int fxLookbackDays) {
        List<Client> clients = jdbc.sql("""
                SELECT client_id, name, country, currency, customer_type, tax_id, bill_to_address, payment_terms_days,
                       presentation, time_annex FROM current_client""")
                .query((rs, i) -> new Client(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        "business".equals(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getInt(8),
                        Presentation.parse(rs.getString(9)), rs.getBoolean(10)))
                .list();
        List<Contract> contracts = jdbc.sql("""
                SELECT id, line_no, contract_id, client_id, entity_id, billing_model, currency, start_date, end_date, po_number,
                       expense_markup_pct, cap_amount, retainer_amount, rate_card_id FROM current_contract""")
                .query((rs, i) -> new Contract(ref(rs, RecordKind.CONTRACT, "contracts.csv"), rs.getString(3), rs.getString(4),
                        rs.getString(5), BillingModel.parse(rs.getString(6)), rs.getString(7), date(rs, 8), date(rs, 9),
                        rs.getString(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getString(14)))
                .list();
        List<Project> projects = jdbc.sql("""
                SELECT id, line_no, project_id, contract_id, client_id, name, status, project_manager_id, billable FROM current_project""")
                .query((rs, i) -> new Project(ref(rs, RecordKind.PROJECT, "projects.csv"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), "open".equals(rs.getString(7)), rs.getString(8), rs.getBoolean(9)))
                .list();
        List<Task> tasks = jdbc.sql("SELECT task_id, project_id, name, status, billable FROM current_task")
                .query((rs, i) -> new Task(rs.getString(1), rs.getString(2), rs.getString(3), "open".equals(rs.getString(4)), rs.getBoolean(5)))
                .list();
        List<Consultant> consultants = jdbc.sql("""
                SELECT id, line_no, consultant_id, name, role, home_entity_id, manager_id, status, standard_hours_per_day
                FROM current_consultant""")
                .query((rs, i) -> new Consultant(ref(rs, RecordKind.CONSULTANT, "consultants.csv"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), "active".equals(rs.getString(8)), rs.getBigDecimal(9)))
                .list();
        List<ExpensePolicy> policies = jdbc.sql("""
                SELECT category, currency, limit_amount, receipt_required_above, reimbursable FROM current_expense_policy""")
                .query((rs, i) -> new ExpensePolicy(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBoolean(5)))
                .list();
        List<Milestone> milestones = jdbc.sql("""
                SELECT id, line_no, milestone_id, contract_id, description, amount, currency, due_date, status, accepted_on,
                       acceptance_ref, billable, evidence_files FROM current_milestone ORDER BY milestone_id""")
                .query((rs, i) -> new Milestone(ref(rs, RecordKind.MILESTONE, "milestones.csv"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getString(7), date(rs, 8), rs.getString(9), date(rs, 10),
                        rs.getString(11), rs.getBoolean(12), Milestone.evidenceFiles(rs.getString(13))))
                .list();
        List<BillingHistory> history = jdbc.sql("""
                SELECT contract_id, consultant_id, period, hours, amount, currency FROM current_billing_history
                WHERE coalesce(consultant_id, '') = ''""")
                .query(BillingHistoryReader.ROW)
                .list();
        List<RateRow> rates = jdbc.sql("""
                SELECT rate_id, rate_card_id, level, level_ref, role, currency, hourly_rate, valid_from, valid_to FROM current_rate""")
                .query((rs, i) -> new RateRow(rs.getString(1), rs.getString(2), RateLevel.parse(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), date(rs, 8), date(rs, 9)))
                .list();
        List<FxTable.Quote> quotes = jdbc.sql("SELECT from_currency, to_currency, rate_date, rate FROM current_fx_rate")
                .query((rs, i) -> new FxTable.Quote(rs.getString(1), rs.getString(2), date(rs, 3), rs.getBigDecimal(4), false))
                .list();
        return new MasterData(MasterData.index(clients, Client::clientId), MasterData.index(contracts, Contract::contractId),
                MasterData.index(projects, Project::projectId), MasterData.index(tasks, Task::taskId),
                MasterData.index(consultants, Consultant::consultantId), MasterData.index(policies, ExpensePolicy::category),
                milestones, history, new RateBook(rates), new FxTable(quotes, fxLookbackDays));
    }

    /** The firm's legal entities, by entity id. */
    public Map<String, LegalEntity> entities() {
        return MasterData.index(jdbc.sql("SELECT entity_id, name, country, currency, vat_id, address, invoice_prefix FROM current_entity")
                .query((rs, i) -> new LegalEntity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)))
                .list(), LegalEntity::entityId);
    }

    /**
     * The tax rule table. A row that {@link TaxRule} refuses (a rate that contradicts its category, an
     * unknown region, ...) is left out of the table and reported, never guessed at.
     */
    public TaxRules taxRules() {
        List<TaxRule> rules = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        jdbc.sql("""
                SELECT tax_rule_id, seller_country, buyer_region, customer_type, buyer_tax_id, service_class, category, rate_pct,
                       rounding, exemption_note, valid_from, valid_to, line_no FROM current_tax_rule ORDER BY tax_rule_id""")
                .query(rs -> {
                    try {
                        rules.add(new TaxRule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), TaxRule.Category.valueOf(rs.getString(7).strip().toUpperCase(Locale.ROOT)),
                                rs.getBigDecimal(8), TaxRule.RoundingLevel.valueOf(rs.getString(9).strip().toUpperCase(Locale.ROOT)),
                                rs.getString(10), date(rs, 11), date(rs, 12)));
                    } catch (RuntimeException e) {
                        refused.add(new Refused(rs.getString(2), "tax_rules.csv line " + rs.getInt(13) + " (" + rs.getString(1) + ") refused: "
                                + e.getMessage()));
                    }
                });
        return new TaxRules(new TaxRuleTable(rules), refused);
    }

    /** The usable tax rule table, and the rows left out of it with the reason. */
    public record TaxRules(TaxRuleTable table, List<Refused> refused) {}

    /** A tax rule row left out: the seller country it claims and why. */
    public record Refused(String sellerCountry, String reason) {}

    /** Columns 1 and 2 are the version row's id and physical line. */
    private static RecordRef ref(ResultSet rs, RecordKind kind, String file) throws SQLException {
        return new RecordRef(kind, rs.getLong(1), rs.getString(3), file, rs.getInt(2));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
