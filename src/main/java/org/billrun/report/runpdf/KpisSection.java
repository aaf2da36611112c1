package org.billrun.report.runpdf;

import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/**
 * Section 7: the key figures, each with what it was computed from and its definition: a ratio or percentage as
 * "n of m", a time as "over m" (the events it is measured over), an amount of held work as "of m held".
 */
final class KpisSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        page.heading("7. Key figures");
        PdfTable table = page.table(new float[] {20, 12, 24, 44}, "KPI", "value", "from", "definition").numeric(1).small(3);
        String previous = null;
        for (RunReport.Kpi k : report.kpis()) {
            String name = k.name() + (k.currency() == null ? "" : ", " + k.currency());
            String definition = k.code().equals(previous) ? "(as above)" : k.definition();
            previous = k.code();
            switch (k.unit()) {
                case "ratio" -> table.row(name, Amounts.percent(k.value()),
                        Amounts.grouped(k.numerator()) + " of " + Amounts.grouped(k.denominator()), definition);
                case "percent" -> table.row(name, Amounts.grouped(k.value()) + " %",
                        Amounts.grouped(k.numerator()) + " of " + Amounts.grouped(k.denominator()), definition);
                case "days", "hours" -> table.row(name, k.value() == null ? "n/a" : Amounts.grouped(k.value()) + " " + k.unit(),
                        "over " + Amounts.grouped(k.denominator()), definition);
                // held work's value is out of all held work's; a count or amount without a denominator stands alone
                default -> table.row(name, Amounts.grouped(k.value()), k.denominator() == null ? ""
                        : "of " + Amounts.grouped(k.denominator()) + (k.code().equals("unbilled_approved_work") ? " held" : ""), definition);
            }
        }
        page.add(table);
    }
}
