package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.RunReportPage.TOP;
import static org.billrun.report.runpdf.Wording.count;
import static org.billrun.report.runpdf.Wording.kindLabel;
import static org.billrun.report.runpdf.Wording.orDash;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/**
 * Section 4: conservation per currency, input billable value = drafted + held + written off, with the
 * record counts; then the held records that have no value and so are in no amount.
 */
final class ControlTotalsSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) throws Exception {
        page.heading("4. Control totals: input = drafted + held + written off");
        PdfTable table = page.table(new float[] {9, 13, 13, 12, 11, 10, 4, 9, 9, 10}, "currency", "input billable value", "= drafted",
                "+ held", "+ written off", "difference", "ok", "records valid", "records drafted", "records held")
                .numeric(1, 2, 3, 4, 5, 7, 8, 9);
        for (RunReport.ControlTotal t : report.controlTotals()) {
            String c = t.currency();
            table.row(c, Amounts.atMinorUnit(t.inputBillable(), c), Amounts.atMinorUnit(t.drafted(), c), Amounts.atMinorUnit(t.held(), c),
                    Amounts.atMinorUnit(t.writtenOff(), c), Amounts.atMinorUnit(t.difference(), c), t.reconciles() ? "✓" : "✗",
                    count(t.validRecords()), count(t.draftedRecords()), count(t.heldRecords()));
        }
        page.add(table);
        page.note("Input billable value: the value of the period's valid and held records (hours x the rate in force, "
                + "expenses in the contract's currency, milestone amounts). Drafted: the value of the records on the run's drafts "
                + "(their lineage) less the write-downs and write-offs. Held: the value of the held records (an expense without an FX rate stays in "
                + "its own currency). Written off: write-downs to caps, and lines written off in an approved version. Records: valid and held records with a value, "
                + "and the records on the drafts. The two sides come from different tables (validation and the drafts' lineage): a "
                + "valid record missing from the drafts would show as a difference and as fewer records drafted than valid. Amounts "
                + "are shown to the currency's minor unit; the check ✓ is made on the exact figures, to 4 decimals "
                + "(exact figures: run-report.json and run-report.csv).");
        page.chart(() -> RunReportCharts.controlTotals(report.controlTotals()), RunReportPage.barsHeight(report.controlTotals().size()));
        heldWithoutValue(page, report.heldWithoutValue());
    }

    private static void heldWithoutValue(RunReportPage page, List<RunReport.HeldRecord> unvalued) {
        if (unvalued.isEmpty()) {
            return;
        }
        page.subheading("Held records without a value (" + count(unvalued.size()) + "): counted, in no amount above");
        Map<String, Long> byCause = unvalued.stream().collect(Collectors.groupingBy(h -> kindLabel(h.kind()) + ": "
                + (h.rules().isEmpty() ? "no open exception" : String.join(", ", h.rules())), TreeMap::new, Collectors.counting()));
        page.text(byCause.entrySet().stream().map(c -> c.getKey() + " " + count(c.getValue())).collect(Collectors.joining("; ")));
        PdfTable held = page.table(new float[] {11, 14, 24, 15, 8, 6, 22}, "kind", "record", "file, line", "contract", "currency", "hours",
                "exceptions").numeric(5).small(1, 6);
        for (RunReport.HeldRecord h : unvalued.subList(0, Math.min(TOP, unvalued.size()))) {
            held.row(kindLabel(h.kind()), h.key(), h.file() + (h.line() == null ? "" : ", line " + h.line()), orDash(h.contract()),
                    orDash(h.currency()), orDash(h.hours()), String.join(", ", h.rules()));
        }
        page.add(held);
        if (unvalued.size() > TOP) {
            page.note("The first " + TOP + " of " + count(unvalued.size()) + "; all are in run-report.json and run-report.csv.");
        }
    }
}
