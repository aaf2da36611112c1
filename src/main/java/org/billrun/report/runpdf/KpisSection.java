package org.billrun.report.runpdf;

import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 7: the key figures, each with what it was computed from and its definition. */
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
            if (k.unit().equals("ratio")) {
                table.row(name, Amounts.percent(k.value()), Amounts.grouped(k.numerator()) + " of " + Amounts.grouped(k.denominator()),
                        definition);
            } else if (k.unit().equals("days")) {
                table.row(name, k.value() == null ? "n/a" : Amounts.grouped(k.value()) + " days", "over " + Amounts.grouped(k.denominator()),
                        definition);
            } else if (k.code().startsWith("dispute")) {
                table.row(name, Amounts.grouped(k.value()), "of " + Amounts.grouped(k.denominator()), definition);
            } else {
                table.row(name, Amounts.grouped(k.value()), "of " + Amounts.grouped(k.denominator()) + " held", definition);
            }
        }
        page.add(table);
    }
}
