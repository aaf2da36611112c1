package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;
import static org.billrun.report.runpdf.Wording.join;
import static org.billrun.report.runpdf.Wording.kindLabel;

import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfFonts;
import org.billrun.report.pdf.PdfTable;

/** Page 1: the verdict (reconciles or not, and where not) and the run's figures in five sentences. */
final class AtAGlanceSection implements RunReportSection {

    private static final Color OK_FILL = new Color(0xE8F5E9);
    private static final Color BAD_FILL = new Color(0xFFEBEE);

    @Override
    public void write(RunReportPage page, RunReport report) {
        verdict(page, report);
        atAGlance(page, report);
    }

    private static void verdict(RunReportPage page, RunReport report) {
        List<String> problems = new ArrayList<>();
        report.sources().stream().filter(s -> !s.balanced())
                .forEach(s -> problems.add(s.file() + ": rows read ≠ rows accepted + rows rejected"));
        for (RunReport.ControlTotal t : report.controlTotals()) {
            if (new BigDecimal(t.difference()).signum() != 0) {
                problems.add(t.currency() + ": input billable value differs from drafted + held + written off by "
                        + Amounts.grouped(t.difference()));
            }
            if (t.validRecords() != t.draftedRecords()) {
                problems.add(t.currency() + ": " + count(t.validRecords()) + " valid records, " + count(t.draftedRecords()) + " on the drafts");
            }
        }
        report.invoiceTotals().stream().filter(t -> !t.reconciles())
                .forEach(t -> problems.add(t.currency() + ": the invoices' net does not follow from the drafted value, or gross ≠ net + tax"));
        String text = problems.isEmpty()
                ? "✓ Reconciles. Every file: rows read = rows accepted + rows rejected. Every currency: input billable value = "
                        + "drafted + held + written off, difference 0, every valid record on the drafts; the invoices' net follows from the "
                        + "drafted value and gross = net + tax."
                : "✗ DOES NOT RECONCILE. " + String.join("; ", problems) + ".";
        PdfPTable box = new PdfPTable(1);
        box.setWidthPercentage(100);
        box.setSpacingBefore(10);
        PdfPCell cell = new PdfPCell(PdfFonts.bold(text, 9.5f));
        cell.setBackgroundColor(problems.isEmpty() ? OK_FILL : BAD_FILL);
        cell.setBorderColor(problems.isEmpty() ? RunReportCharts.GREEN : RunReportCharts.RED);
        cell.setPadding(8);
        box.addCell(cell);
        page.add(box);
    }

    private static void atAGlance(RunReportPage page, RunReport report) {
        page.heading("At a glance");
        PdfTable glance = page.table(new float[] {22, 78});
        long read = 0;
        long rejected = 0;
        long valid = 0;
        long held = 0;
        long nonBillable = 0;
        List<String> kinds = new ArrayList<>();
        for (RunReport.RecordStates r : report.records()) {
            read += r.total();
            rejected += r.rejected();
            valid += r.valid();
            held += r.held();
            nonBillable += r.nonBillable();
            kinds.add(count(r.total()) + " " + kindLabel(r.kind()));
        }
        glance.row("What went in", count(report.sources().size()) + " files; " + count(read) + " period records: " + String.join(", ", kinds));
        glance.row("What became of them", count(valid) + " valid (drafted), " + count(held) + " held by an exception, " + count(nonBillable)
                + " non-billable, " + count(rejected) + " rejected at ingest");
        long drafts = report.invoiceTotals().stream().mapToLong(RunReport.InvoiceTotals::drafts).sum();
        long straight = report.invoiceTotals().stream().mapToLong(RunReport.InvoiceTotals::straightThrough).sum();
        glance.row("What came out", count(drafts) + " draft invoices: " + count(straight) + " straight through, " + count(drafts - straight)
                + " for review; gross " + join(report.invoiceTotals(), t -> t.currency() + " " + Amounts.grouped(t.gross())));
        glance.row("What is held", join(report.controlTotals().stream().filter(t -> new BigDecimal(t.held()).signum() != 0).toList(),
                // a sentence, not a column: no trailing zeros beyond the currency's minor unit (21,326.80, not 21,326.8000)
                t -> t.currency() + " " + Amounts.grouped(Amounts.exact(new BigDecimal(t.held()), t.currency())))
                + (report.heldWithoutValue().isEmpty() ? ""
                        : "; " + report.heldWithoutValue().size() + " held records without a value")
                + "; " + count(report.exceptions().open()) + " open exceptions (" + count(severity(report.exceptions(), "block"))
                + " block, " + count(severity(report.exceptions(), "warn")) + " warn)");
        glance.row("Written off", join(report.controlTotals().stream().filter(t -> new BigDecimal(t.writtenOff()).signum() != 0).toList(),
                t -> t.currency() + " " + Amounts.grouped(t.writtenOff())) + " (write-downs to not-to-exceed caps, lines written off in approval)");
        page.add(glance);
    }

    private static long severity(RunReport.Exceptions exceptions, String severity) {
        return exceptions.bySeverity().stream().filter(c -> c.key().equals(severity)).mapToLong(RunReport.Count::count).sum();
    }
}
