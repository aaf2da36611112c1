package org.billrun.ingest;

import static org.billrun.ingest.ColumnSpec.of;
import static org.billrun.ingest.ColumnSpec.oneOf;
import static org.billrun.ingest.ColumnSpec.text;
import static org.billrun.ingest.ColumnType.*;

import java.util.List;

/**
 * The input files billrun reads, in load order, with their columns. This is the code form of
 * docs/input-formats.md; each kind has a versioned table with exactly these columns (a test holds
 * the schema to it) and a current_ view of its current versions.
 */
public enum SourceKind {
    ENTITIES("entities.csv", "entity", Scope.MASTER, List.of("entity_id"), List.of(
            of("entity_id", ID, true), text("name", 200, true), of("country", COUNTRY, true),
            of("currency", CURRENCY, true), text("vat_id", 32, false), text("address", 500, false),
            of("invoice_prefix", ID, true), text("peppol_id", 64, false), text("company_id", 64, false),
            text("post_code", 16, false), text("city", 100, false), text("contact_name", 200, false),
            text("contact_phone", 64, false), text("contact_email", 200, false), text("bank_account", 34, false),
            text("bic", 11, false), text("bank_name", 200, false))),
    CLIENTS("clients.csv", "client", Scope.MASTER, List.of("client_id"), List.of(
            of("client_id", ID, true), text("name", 200, true), of("country", COUNTRY, true),
            of("currency", CURRENCY, true), oneOf("customer_type", true, "business", "consumer"),
            text("tax_id", 32, false), text("bill_to_address", 500, false),
            of("payment_terms_days", INTEGER, true).atLeast("0").atMost("365"),
            oneOf("presentation", true, "summary_by_role", "detail_by_consultant"),
            of("time_annex", BOOLEAN, false), text("email", 200, false), text("peppol_id", 64, false),
            text("post_code", 16, false), text("city", 100, false),
            oneOf("delivery_channel", false, "email", "peppol", "both"))),
    CONTRACTS("contracts.csv", "contract", Scope.MASTER, List.of("contract_id"), List.of(
            of("contract_id", ID, true), of("client_id", ID, true), of("entity_id", ID, true),
            oneOf("billing_model", true, "time_and_materials", "fixed_fee", "retainer", "not_to_exceed"),
            of("currency", CURRENCY, true), of("start_date", DATE, true), of("end_date", DATE, false),
            text("po_number", 64, false), of("expense_markup_pct", DECIMAL, false).atLeast("0").atMost("1000"),
            of("cap_amount", MONEY, false).atLeast("0"), of("retainer_amount", MONEY, false).atLeast("0"),
            of("rate_card_id", ID, false))),
    PROJECTS("projects.csv", "project", Scope.MASTER, List.of("project_id"), List.of(
            of("project_id", ID, true), of("contract_id", ID, true), of("client_id", ID, true),
            text("name", 200, true), oneOf("status", true, "open", "closed"),
            of("project_manager_id", ID, false), of("billable", BOOLEAN, true))),
    TASKS("tasks.csv", "task", Scope.MASTER, List.of("task_id"), List.of(
            of("task_id", ID, true), of("project_id", ID, true), text("name", 200, true),
            oneOf("status", true, "open", "closed"), of("billable", BOOLEAN, true))),
    CONSULTANTS("consultants.csv", "consultant", Scope.MASTER, List.of("consultant_id"), List.of(
            of("consultant_id", ID, true), text("name", 200, true), text("email", 200, false),
            of("role", ID, true), of("home_entity_id", ID, true), of("manager_id", ID, false),
            oneOf("status", true, "active", "left"),
            of("standard_hours_per_day", HOURS, false).above("0").atMost("24"))),
    RATE_CARDS("rate_cards.csv", "rate", Scope.MASTER, List.of("rate_id"), List.of(
            of("rate_id", ID, true), of("rate_card_id", ID, true),
            oneOf("level", true, "firm", "client", "contract", "consultant"), of("level_ref", ID, false),
            of("role", ID, false), of("currency", CURRENCY, true), of("hourly_rate", MONEY, true).above("0"),
            of("valid_from", DATE, true), of("valid_to", DATE, false))),
    MILESTONES("milestones.csv", "milestone", Scope.MASTER, List.of("milestone_id"), List.of(
            of("milestone_id", ID, true), of("contract_id", ID, true), text("description", 500, true),
            of("amount", MONEY, true).atLeast("0"), of("currency", CURRENCY, true), of("due_date", DATE, false),
            oneOf("status", true, "planned", "accepted", "billed"), of("accepted_on", DATE, false),
            text("acceptance_ref", 200, false), of("billable", BOOLEAN, true), text("evidence_files", 1000, false))),
    TAX_RULES("tax_rules.csv", "tax_rule", Scope.MASTER, List.of("tax_rule_id"), List.of(
            of("tax_rule_id", ID, true), of("seller_country", COUNTRY, true), text("buyer_region", 8, true),
            oneOf("customer_type", true, "business", "consumer", "*"),
            oneOf("buyer_tax_id", true, "present", "absent", "*"),
            oneOf("service_class", true, "services", "expenses", "*"),
            oneOf("category", true, "S", "Z", "E", "AE", "O"), of("rate_pct", DECIMAL, true).atLeast("0").atMost("100"),
            oneOf("rounding", true, "line", "document"), text("exemption_note", 500, false),
            of("valid_from", DATE, true), of("valid_to", DATE, false))),
    FX_RATES("fx_rates.csv", "fx_rate", Scope.MASTER, List.of("from_currency", "to_currency", "rate_date"), List.of(
            of("from_currency", CURRENCY, true), of("to_currency", CURRENCY, true), of("rate_date", DATE, true),
            of("rate", DECIMAL, true).above("0"))),
    EXPENSE_POLICIES("expense_policies.csv", "expense_policy", Scope.MASTER, List.of("category"), List.of(
            of("category", ID, true), of("currency", CURRENCY, true), of("limit_amount", MONEY, false).atLeast("0"),
            of("receipt_required_above", MONEY, false).atLeast("0"), of("reimbursable", BOOLEAN, true))),
    BILLING_HISTORY("billing_history.csv", "billing_history", Scope.MASTER, List.of("contract_id", "consultant_id", "period"),
            List.of(of("contract_id", ID, true), of("consultant_id", ID, false), of("period", PERIOD, true),
                    of("hours", HOURS, true).atLeast("0").atMost("100000000"), of("amount", MONEY, true).atLeast("0"),
                    of("currency", CURRENCY, true))),
    PEOPLE("people.csv", "person", Scope.MASTER, List.of("user_id"), List.of(
            of("user_id", ID, true), text("name", 200, true), text("email", 200, false),
            text("roles", 200, true), text("entities", 500, true))),
    APPROVAL_LIMITS("approval_limits.csv", "approval_limit", Scope.MASTER, List.of("user_id", "currency"), List.of(
            of("user_id", ID, true), of("currency", CURRENCY, true), of("limit_amount", MONEY, true).atLeast("0"))),
    TIME_ENTRIES("time_entries.csv", "time_entry", Scope.PERIOD, List.of("entry_id"), List.of(
            of("entry_id", ID, true), of("consultant_id", ID, true), of("project_id", ID, true),
            of("task_id", ID, false), of("work_date", DATE, true), of("hours", HOURS, true).above("0").atMost("24"),
            of("billable", BOOLEAN, true), oneOf("approval_status", true, "draft", "submitted", "approved", "rejected"),
            of("submitted_at", TIMESTAMP, false), of("approved_by", ID, false), text("description", 2000, false))),
    EXPENSES("expenses.csv", "expense", Scope.PERIOD, List.of("expense_id"), List.of(
            of("expense_id", ID, true), of("consultant_id", ID, true), of("project_id", ID, true),
            of("expense_date", DATE, true), of("category", ID, true), of("amount", MONEY, true).above("0"),
            of("currency", CURRENCY, true), text("merchant", 200, false), text("description", 2000, false),
            of("has_receipt", BOOLEAN, true), text("receipt_ref", 200, false), of("reimbursable", BOOLEAN, true),
            oneOf("approval_status", true, "draft", "submitted", "approved", "rejected"),
            of("submitted_at", TIMESTAMP, false)));

    /** Master data is upserted by id; period data is a full export of the period (see docs/input-formats.md). */
    public enum Scope { MASTER, PERIOD }

    private final String fileName;
    private final String table;
    private final Scope scope;
    private final List<String> keyColumns;
    private final List<ColumnSpec> columns;

    SourceKind(String fileName, String table, Scope scope, List<String> keyColumns, List<ColumnSpec> columns) {
        this.fileName = fileName;
        this.table = table;
        this.scope = scope;
        this.keyColumns = keyColumns;
        this.columns = columns;
    }

    public String fileName() {
        return fileName;
    }

    /** The input's name without the file extension, e.g. time_entries: how a run definition names its query. */
    public String inputName() {
        return fileName.substring(0, fileName.length() - ".csv".length());
    }

    /** How the summary and the reports name this input when it comes from a query. */
    public String queryLabel() {
        return inputName() + " (query)";
    }

    public String table() {
        return table;
    }

    public Scope scope() {
        return scope;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    /**
     * billing_history.csv and the directory (people.csv, approval_limits.csv) may be absent: an absent
     * directory file keeps the people loaded before. Every other file must be there, if only as a header line.
     */
    public boolean optionalFile() {
        return this == BILLING_HISTORY || this == PEOPLE || this == APPROVAL_LIMITS;
    }

    public static SourceKind fromFileName(String fileName) {
        for (SourceKind kind : values()) {
            if (kind.fileName.equals(fileName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not an input file: " + fileName);
    }
}
