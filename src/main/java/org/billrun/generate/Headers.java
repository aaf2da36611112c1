package org.billrun.generate;

import java.util.List;

/** The files of docs/input-formats.md, in its order, with their columns in its order. */
final class Headers {

    static final String ENTITIES = "entities.csv";
    static final String CLIENTS = "clients.csv";
    static final String CONTRACTS = "contracts.csv";
    static final String PROJECTS = "projects.csv";
    static final String TASKS = "tasks.csv";
    static final String CONSULTANTS = "consultants.csv";
    static final String RATE_CARDS = "rate_cards.csv";
    static final String MILESTONES = "milestones.csv";
    static final String TAX_RULES = "tax_rules.csv";
    static final String FX_RATES = "fx_rates.csv";
    static final String EXPENSE_POLICIES = "expense_policies.csv";
    static final String BILLING_HISTORY = "billing_history.csv";
    static final String TIME_ENTRIES = "time_entries.csv";
    static final String EXPENSES = "expenses.csv";

    static final List<String> FILES = List.of(ENTITIES, CLIENTS, CONTRACTS, PROJECTS, TASKS, CONSULTANTS, RATE_CARDS,
            MILESTONES, TAX_RULES, FX_RATES, EXPENSE_POLICIES, BILLING_HISTORY, TIME_ENTRIES, EXPENSES);

    private Headers() {}

    static String[] of(String file) {
        return switch (file) {
            case ENTITIES -> new String[] {"entity_id", "name", "country", "currency", "vat_id", "address",
                    "invoice_prefix"};
            case CLIENTS -> new String[] {"client_id", "name", "country", "currency", "customer_type", "tax_id",
                    "bill_to_address", "payment_terms_days", "presentation", "time_annex", "email"};
            case CONTRACTS -> new String[] {"contract_id", "client_id", "entity_id", "billing_model", "currency",
                    "start_date", "end_date", "po_number", "expense_markup_pct", "cap_amount", "retainer_amount",
                    "rate_card_id"};
            case PROJECTS -> new String[] {"project_id", "contract_id", "client_id", "name", "status",
                    "project_manager_id", "billable"};
            case TASKS -> new String[] {"task_id", "project_id", "name", "status", "billable"};
            case CONSULTANTS -> new String[] {"consultant_id", "name", "email", "role", "home_entity_id", "manager_id",
                    "status", "standard_hours_per_day"};
            case RATE_CARDS -> new String[] {"rate_id", "rate_card_id", "level", "level_ref", "role", "currency",
                    "hourly_rate", "valid_from", "valid_to"};
            case MILESTONES -> new String[] {"milestone_id", "contract_id", "description", "amount", "currency",
                    "due_date", "status", "accepted_on", "acceptance_ref", "billable"};
            case TAX_RULES -> new String[] {"tax_rule_id", "seller_country", "buyer_region", "customer_type",
                    "buyer_tax_id", "service_class", "category", "rate_pct", "rounding", "exemption_note",
                    "valid_from", "valid_to"};
            case FX_RATES -> new String[] {"from_currency", "to_currency", "rate_date", "rate"};
            case EXPENSE_POLICIES -> new String[] {"category", "currency", "limit_amount", "receipt_required_above",
                    "reimbursable"};
            case BILLING_HISTORY -> new String[] {"contract_id", "consultant_id", "period", "hours", "amount",
                    "currency"};
            case TIME_ENTRIES -> new String[] {"entry_id", "consultant_id", "project_id", "task_id", "work_date",
                    "hours", "billable", "approval_status", "submitted_at", "approved_by", "description"};
            case EXPENSES -> new String[] {"expense_id", "consultant_id", "project_id", "expense_date", "category",
                    "amount", "currency", "merchant", "description", "has_receipt", "receipt_ref", "reimbursable",
                    "approval_status", "submitted_at"};
            default -> throw new IllegalArgumentException("not an input file: " + file);
        };
    }
}
