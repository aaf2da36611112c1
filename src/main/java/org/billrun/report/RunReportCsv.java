package org.billrun.report;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The run report as one CSV file of sections, for spreadsheets: each section is a row
 * {@code section,<name>}, a header row and its data rows, then an empty row. Numbers are plain decimals
 * (no grouping, no currency sign) so a spreadsheet reads them as numbers; every text cell goes through
 * {@link SpreadsheetSafe}.
 */
final class RunReportCsv {

    private final ICSVWriter csv;

    private RunReportCsv(Writer out) {
        this.csv = new CSVWriterBuilder(out).withLineEnd("\n").build();
    }

    static void write(RunReport report, Writer out) throws IOException {
        new RunReportCsv(out).sections(report);
    }

    private void sections(RunReport report) throws IOException {
        RunReport.Run run = report.run();
        section("run", "field", "value");
        row("report", report.report());
        row("format_version", report.formatVersion());
        row("generated_at", report.generatedAt());
        row("generated_by", report.generatedBy());
        row("run_id", run.runId());
        row("period", run.period());
        row("scope", run.scope());
        row("run_number", run.runNumber());
        row("until", run.until());
        row("completed_through", run.completedThrough());
        row("definition", run.definition());
        row("input_dir", run.inputDir());
        row("policy_file", run.policyFile());
        row("as_of", run.asOf());
        row("cutoff", run.cutoff());
        row("started", run.started());
        row("attempts", run.attempts());
        row("software_version", run.softwareVersion());
        row("configuration_sha256", report.configuration().sha256());
        row("policy_source", report.configuration().policySource());
        row("policy_sha256", report.configuration().policySha256());

        section("sources", "file", "present", "sha256", "size_bytes", "rows_read", "rows_accepted", "rows_rejected", "balanced", "same_as_run");
        for (RunReport.Source s : report.sources()) {
            row(s.file(), s.present(), s.sha256(), s.sizeBytes(), s.rowsRead(), s.rowsAccepted(), s.rowsRejected(), s.balanced(), s.sameAsRun());
        }

        section("records", "kind", "valid", "held", "non_billable", "rejected", "total");
        for (RunReport.RecordStates r : report.records()) {
            row(r.kind(), r.valid(), r.held(), r.nonBillable(), r.rejected(), r.total());
        }

        section("control_totals", "currency", "input_billable", "valid", "drafted", "held", "written_off", "difference", "reconciles",
                "valid_records", "drafted_records", "held_records");
        for (RunReport.ControlTotal t : report.controlTotals()) {
            row(t.currency(), t.inputBillable(), t.valid(), t.drafted(), t.held(), t.writtenOff(), t.difference(), t.reconciles(),
                    t.validRecords(), t.draftedRecords(), t.heldRecords());
        }

        section("held_without_value", "kind", "record", "file", "line", "contract", "currency", "hours", "exceptions");
        for (RunReport.HeldRecord h : report.heldWithoutValue()) {
            row(h.kind(), h.key(), h.file(), h.line(), h.contract(), h.currency(), h.hours(), String.join(" ", h.rules()));
        }

        section("invoice_totals", "currency", "drafts", "straight_through", "review", "record_value", "markup", "line_rounding",
                "retainer_fees", "retainer_overage", "cap_write_downs", "covered_by_fees", "net", "tax", "gross", "reconciles");
        for (RunReport.InvoiceTotals t : report.invoiceTotals()) {
            row(t.currency(), t.drafts(), t.straightThrough(), t.review(), t.recordValue(), t.markup(), t.lineRounding(), t.retainerFees(),
                    t.retainerOverage(), t.capWriteDowns(), t.coveredByFees(), t.net(), t.tax(), t.gross(), t.reconciles());
        }

        section("invoices", "draft_id", "status", "client_id", "client_name", "entity_id", "contract_id", "billing_model", "currency", "net",
                "tax", "gross", "write_down", "route", "reasons", "dispute_risk", "risk_factors");
        for (RunReport.Invoice i : report.invoices()) {
            row(i.draftId(), i.status(), i.clientId(), i.clientName(), i.entityId(), i.contractId(), i.billingModel(), i.currency(), i.net(),
                    i.tax(), i.gross(), i.writeDown(), i.route(), i.reasons().stream()
                            .map(r -> r.code() + " (" + r.reviewerRole() + (r.reviewerId() == null ? "" : " " + r.reviewerId()) + "): " + r.reason())
                            .collect(Collectors.joining(" | ")), i.disputeRisk(), String.join(" | ", i.riskFactors()));
        }

        RunReport.Exceptions e = report.exceptions();
        section("exceptions", "total", "open", "waived", "resolved", "closed_by_run");
        row(e.total(), e.open(), e.waived(), e.resolved(), e.closedByRun());
        section("exceptions_by_rule", "rule", "severity", "owner_role", "count", "open", "waived", "resolved", "description");
        for (RunReport.RuleCount r : e.byRule()) {
            row(r.rule(), r.severity(), r.ownerRole(), r.count(), r.open(), r.waived(), r.resolved(), r.description());
        }
        section("exceptions_at_stake", "rule", "severity", "currency", "amount");
        for (RunReport.RuleCount r : e.byRule()) {
            for (RunReport.Amount a : r.atStake()) {
                row(r.rule(), r.severity(), a.currency(), a.amount());
            }
        }
        counts("exceptions_by_severity", "severity", e.bySeverity());
        counts("exceptions_by_owner", "owner", e.byOwner());
        counts("exceptions_by_entity", "entity", e.byEntity());
        counts("exceptions_by_client", "client", e.byClient());

        section("kpis", "code", "name", "currency", "unit", "value", "numerator", "denominator", "definition");
        for (RunReport.Kpi k : report.kpis()) {
            row(k.code(), k.name(), k.currency(), k.unit(), k.value(), k.numerator(), k.denominator(), k.definition());
        }

        // the execution of each step that counted, then its earlier attempts (counted = false)
        section("steps", "step", "status", "read", "written", "seconds", "attempt", "counted");
        for (RunReport.StepTiming s : report.steps()) {
            row(s.step(), s.status(), s.reads(), s.writes(), s.seconds(), s.attempt(), true);
            for (RunReport.StepAttempt a : s.earlierAttempts()) {
                row(s.step(), a.status(), a.reads(), a.writes(), a.seconds(), a.attempt(), false);
            }
        }

        section("audit_head", "entry", "hash", "hmac");
        if (report.audit() != null) {
            row(report.audit().entry(), report.audit().hash(), report.audit().hmac());
        }
        csv.flush();
        if (csv.checkError()) {
            throw new IOException("could not write the run report CSV");
        }
    }

    private void counts(String name, String what, List<RunReport.Count> counts) {
        section(name, what, "name", "count", "block", "warn", "open");
        for (RunReport.Count c : counts) {
            row(c.key(), c.name(), c.count(), c.block(), c.warn(), c.open());
        }
    }

    private boolean first = true;

    private void section(String name, String... header) {
        if (!first) {
            csv.writeNext(new String[0], false);
        }
        first = false;
        csv.writeNext(new String[] {"section", name}, false);
        csv.writeNext(header, false);
    }

    private void row(Object... values) {
        List<String> cells = new ArrayList<>(values.length);
        for (Object value : values) {
            cells.add(value == null ? "" : SpreadsheetSafe.cell(value.toString()));
        }
        csv.writeNext(cells.toArray(String[]::new), false);
    }
}
