package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftQueries.CurrencyTotals;
import org.billrun.ingest.IngestQueries.Rejection;
import org.billrun.ingest.IngestQueries.Source;
import org.billrun.run.RunSummary;
import org.billrun.validate.ValidationQueries.Exceptions;
import org.billrun.validate.ValidationQueries.States;
import org.billrun.validate.ValidationQueries.Summary;

/** Prints a run summary as a table for people or JSON for schedulers. */
final class RunSummaryPrinter {


    private RunSummaryPrinter() {}

    static void print(RunSummary summary, boolean resumed, OutputFormat format, PrintWriter out) {
        print(summary, resumed, null, format, out);
    }

    /** @param reports the folder holding the run's reports, null when it has none */
    static void print(RunSummary summary, boolean resumed, Path reports, OutputFormat format, PrintWriter out) {
        if (format == OutputFormat.JSON) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("resumed", resumed);
            document.put("balanced", summary.balanced());
            document.put("reports", reports == null ? null : reports.toString());
            document.put("run", summary);
            out.println(JsonOutput.write(document));
            return;
        }
        out.printf("Run %d: period %s, scope %s, run #%d%s: %s%n", summary.runId(), summary.period(), summary.scope(),
                summary.runNumber(), resumed ? " (resumed)" : "", summary.status());
        out.printf("Input: %s%n%n", summary.inputDir());
        TextTable sources = new TextTable("file", "read", "accepted", "rejected", "new", "changed", "unchanged", "withdrawn", "sha256")
                .numeric(1, 2, 3, 4, 5, 6, 7);
        for (Source s : summary.sources()) {
            if (!s.present()) {
                sources.row(s.file(), "absent");
                continue;
            }
            if (s.sameAsRun() != null) {
                sources.row(s.file(), "same as run " + s.sameAsRun(), "", "", "", "", "", "", s.sha256().substring(0, 12));
                continue;
            }
            sources.row(s.file(), s.rowsRead(), s.rowsAccepted(), s.rowsRejected(), s.rowsNew(), s.rowsChanged(),
                    s.rowsUnchanged(), s.rowsWithdrawn(), s.sha256() == null ? "" : s.sha256().substring(0, 12));
        }
        sources.print(out);
        if (!summary.balanced()) {
            out.println("WARNING: rows read != rows accepted + rows rejected for a file above");
        }
        if (summary.rejectedRows() > 0) {
            out.printf("%n%,d rejected rows%s:%n", summary.rejectedRows(),
                    summary.rejectedRows() > summary.rejections().size() ? " (first " + summary.rejections().size()
                            + "; all with: billrun rejections " + summary.runId() + ")" : "");
            for (Rejection r : summary.rejections()) {
                out.printf("  %s %s%s: %s%n", r.file(), r.where(), r.column() == null ? "" : ", column " + r.column(), r.reason());
            }
        }
        if (summary.validation() != null) {
            printValidation(summary.validation(), out);
        }
        if (!summary.drafts().isEmpty()) {
            printDrafts(summary.drafts(), out);
        }
        out.println();
        TextTable steps = new TextTable("step", "status", "read", "written", "seconds").numeric(2, 3, 4);
        for (RunSummary.StepTiming step : summary.steps()) {
            steps.row(step.step(), status(step), step.readCount(), step.writeCount(),
                    step.seconds() == null ? "" : String.format("%.2f", step.seconds()));
        }
        steps.print(out);
        if (reports != null) {
            out.printf("%nReports: %s (run report: run-report.pdf, .json, .csv; again with: billrun report %d)%n", reports, summary.runId());
        }
        if (summary.exitMessage() != null && !"COMPLETED".equals(summary.status())) {
            out.printf("%nLast error: %s%n", summary.exitMessage());
        }
    }

    /** The status of the execution that counted, and the earlier attempts of a resumed run as history. */
    static String status(RunSummary.StepTiming step) {
        if (step.earlierAttempts().isEmpty()) {
            return step.status();
        }
        StringBuilder text = new StringBuilder(step.status()).append(" (earlier: ");
        for (int i = 0; i < step.earlierAttempts().size(); i++) {
            RunSummary.EarlierAttempt a = step.earlierAttempts().get(i);
            text.append(i == 0 ? "" : ", ").append("attempt ").append(a.attempt()).append(' ').append(a.status());
        }
        return text.append(')').toString();
    }

    private static void printValidation(Summary v, PrintWriter out) {
        out.printf("%nValidation (cutoff %s, missing time counted up to %s):%n", v.cutoff(), v.asOf());
        TextTable states = new TextTable("records", "valid", "held", "non-billable", "rejected", "total").numeric(1, 2, 3, 4, 5);
        for (States s : v.states()) {
            states.row(s.kind(), s.valid(), s.held(), s.nonBillable(), s.rejected(), s.valid() + s.held() + s.nonBillable() + s.rejected());
        }
        states.print(out);
        if (!v.exceptions().isEmpty()) {
            out.println();
            TextTable rules = new TextTable("rule", "severity", "open", "waived", "new").numeric(2, 3, 4);
            long open = 0;
            for (Exceptions e : v.exceptions()) {
                rules.row(e.rule(), e.severity(), e.open(), e.waived(), e.newThisRun());
                open += e.open();
            }
            rules.print(out);
            out.printf("%,d open exceptions (billrun exceptions)", open);
        } else {
            out.print("No exceptions");
        }
        out.printf("; %,d closed by this run; %,d consultants with missing time (billrun missing-time)%n",
                v.closedThisRun(), v.consultantsWithMissingTime());
    }

    private static void printDrafts(List<CurrencyTotals> drafts, PrintWriter out) {
        out.printf("%nDraft invoices%s:%n", drafts.stream().allMatch(CurrencyTotals::live) ? "" : " (superseded by a later run)");
        TextTable table = new TextTable("currency", "drafts", "straight through", "for review", "net", "tax", "gross", "written down")
                .numeric(1, 2, 3, 4, 5, 6, 7);
        for (CurrencyTotals d : drafts) {
            table.row(d.currency(), d.drafts(), d.straightThrough(), d.review(), money(d.net(), d.currency()), money(d.tax(), d.currency()),
                    money(d.gross(), d.currency()), money(d.writtenDown(), d.currency()));
        }
        table.print(out);
        out.println("Review them with: billrun review list");
    }

    private static String money(String amount, String currency) {
        return MoneyFormat.number(new BigDecimal(amount), MoneyFormat.minorDigits(currency));
    }
}
