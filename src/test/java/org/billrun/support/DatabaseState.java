package org.billrun.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.billrun.ingest.SourceKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and resets what the runs wrote, for comparing runs. */
public final class DatabaseState {

    private final JdbcClient jdbc;

    public DatabaseState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties the domain tables and the batch job repository. */
    public void reset() {
        String domain = java.util.Arrays.stream(SourceKind.values())
                .map(SourceKind::table)
                .collect(Collectors.joining(", "));
        // the audit log refuses TRUNCATE through a trigger; replica mode (superuser only) skips it for tests
        jdbc.sql("SET session_replication_role = replica; TRUNCATE " + domain
                + ", credit_line_source, credit_memo_line, credit_task, credit_memo, credit_number_counter"
                + ", event_delivery, event_stream, event_outbox, payment, dispute_notice, dispute, inbound_exception, delivery_bounce, delivery, posting_document, posting_ledger, posting_batch_total, posting_batch_item, posting, posting_batch, final_number_counter"
                + ", approval_action, approval_task, invoice_version_line, invoice_version, audit_anchor"
                + ", draft_rebill, draft_line_source, draft_route_reason, draft_tax, draft_line, draft_invoice"
                + ", audit_log, missing_time, milestone_evidence, validation_exception, validated_record, run_policy"
                + ", ingest_rejection, source_file_part, source_file, billing_run, batch_step_execution_context, "
                + "batch_step_execution, batch_job_execution_context, batch_job_execution_params, batch_job_execution, "
                + "batch_job_instance; SET session_replication_role = origin").update();
    }

    /** A table's rows without surrogate ids and run references, sorted: equal for equal content. */
    public List<String> contents(SourceKind kind) {
        String columns = kind.columns().stream().map(c -> c.name()).collect(Collectors.joining(", "));
        return jdbc.sql("SELECT concat_ws('|', record_key, ingest_period, record_status, line_no, " + columns + ") FROM "
                        + kind.table() + " ORDER BY 1")
                .query(String.class).list();
    }

    public List<String> rejections() {
        return jdbc.sql("""
                SELECT concat_ws('|', s.kind, j.line_no, j.column_name, j.value_excerpt, j.reason)
                FROM ingest_rejection j JOIN source_file s ON s.source_file_id = j.source_file_id ORDER BY 1""")
                .query(String.class).list();
    }

    /** Validation's outcome without ids and run numbers: each exception and each record's state, sorted. */
    public List<String> validation() {
        List<String> rows = new ArrayList<>(jdbc.sql("""
                SELECT concat_ws('|', 'exception', rule_code, record_kind, record_key, severity, owner_role, owner_id, status, message, amount)
                FROM validation_exception ORDER BY 1""").query(String.class).list());
        rows.addAll(jdbc.sql("""
                SELECT concat_ws('|', 'state', record_kind, record_key, state, contract_id, hours, amount, currency)
                FROM validated_record ORDER BY 1""").query(String.class).list());
        return rows;
    }

    /** The drafts, their lines and lineage, comparable between two databases (no run ids or timestamps). */
    public List<String> drafts() {
        List<String> rows = new ArrayList<>(jdbc.sql("""
                SELECT concat_ws('|', 'draft', draft_id, status, client_id, currency, net, tax, gross, write_down, cap_consumed,
                                 retainer_closing, route)
                FROM draft_invoice ORDER BY 1""").query(String.class).list());
        rows.addAll(jdbc.sql("""
                SELECT concat_ws('|', 'line', draft_id, line_no, line_type, line_key, quantity, unit_price, value, net, tax_rule_id, tax)
                FROM draft_line ORDER BY 1""").query(String.class).list());
        rows.addAll(jdbc.sql("""
                SELECT concat_ws('|', 'source', draft_id, line_no, record_kind, record_key, value, markup) FROM draft_line_source ORDER BY 1""")
                .query(String.class).list());
        rows.addAll(jdbc.sql("""
                SELECT concat_ws('|', 'reason', draft_id, seq, code, reviewer_role, reviewer_id, reason) FROM draft_route_reason ORDER BY 1""")
                .query(String.class).list());
        return rows;
    }

    public Map<String, Object> source(long runId, SourceKind kind) {
        return jdbc.sql("SELECT * FROM source_file_totals WHERE run_id = ? AND kind = ?").params(runId, kind.name()).query().singleRow();
    }

    public long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
