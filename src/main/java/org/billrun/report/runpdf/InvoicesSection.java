package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/**
 * Section 5: per currency the bridge from the drafted records' value to the invoices' net, tax and
 * gross; then every draft with its route, the reasons a person has to look at it, and its dispute risk with the
 * factors that drove it.
 */
final class InvoicesSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) throws Exception {
        page.heading("5. What came out: the draft invoices");
        List<RunReport.InvoiceTotals> totals = report.invoiceTotals();
        if (totals.isEmpty()) {
            page.mutedText("The run drafted no invoices.");
            return;
        }
        page.subheading("From the drafted value to the invoice totals, per currency");
        page.add(bridge(page, totals));
        page.chart(() -> RunReportCharts.draftsByRoute(totals), RunReportPage.barsHeight(totals.size()));

        page.subheading("The invoices (" + report.invoices().size() + ")");
        PdfTable list = page.table(new float[] {21, 22, 5, 12, 11, 12, 10, 7}, "draft", "client", "ccy", "net", "tax", "gross", "route",
                "risk").numeric(3, 4, 5, 7).small(0, 1, 2, 3, 4, 5, 6, 7);
        for (RunReport.Invoice i : report.invoices()) {
            String[] cells = {i.draftId() + (i.status().equals("live") ? "" : " (" + i.status() + ")"),
                    (i.clientName() == null ? "" : i.clientName() + " ") + "(" + i.clientId() + ")", i.currency(), Amounts.grouped(i.net()),
                    Amounts.grouped(i.tax()), Amounts.grouped(i.gross()), i.route().equals("straight_through") ? "straight through" : "review",
                    i.disputeRisk() == null ? "–" : new BigDecimal(i.disputeRisk()).setScale(2, RoundingMode.HALF_UP).toPlainString()};
            List<String> notes = new ArrayList<>();
            i.reasons().forEach(r -> notes.add(r.code() + " → " + (r.reviewerId() == null ? r.reviewerRole().replace('_', ' ') : r.reviewerId())
                    + ": " + r.reason()));
            if (!i.riskFactors().isEmpty()) {
                notes.add("dispute risk: " + String.join("; ", i.riskFactors()));
            }
            if (notes.isEmpty()) {
                list.row(cells);
            } else {
                // the reasons and the risk's factors under the invoice, across the whole table: they are sentences, not figures
                list.rowWithNote(String.join("\n", notes), cells);
            }
        }
        page.add(list);
        if (report.invoices().stream().anyMatch(i -> i.disputeRisk() != null)) {
            page.note("risk: the dispute risk score (0 to 1) of each live draft against its contract's history when this report was written,"
                    + " with its three largest factors (log odds against the average draft); docs/assistance.md, \"Dispute risk\".");
        }
    }

    private static PdfTable bridge(RunReportPage page, List<RunReport.InvoiceTotals> totals) {
        float[] widths = new float[totals.size() + 1];
        widths[0] = 40;
        String[] headers = new String[totals.size() + 1];
        headers[0] = "";
        int[] numeric = new int[totals.size()];
        for (int i = 0; i < totals.size(); i++) {
            widths[i + 1] = 60f / totals.size();
            headers[i + 1] = totals.get(i).currency();
            numeric[i] = i + 1;
        }
        PdfTable bridge = page.table(widths, headers).numeric(numeric);
        bridgeRow(bridge, totals, "value of the drafted records", RunReport.InvoiceTotals::recordValue);
        bridgeRow(bridge, totals, "+ expense markup", RunReport.InvoiceTotals::markup);
        bridgeRow(bridge, totals, "+ rounding of lines to the minor unit", RunReport.InvoiceTotals::lineRounding);
        bridgeRow(bridge, totals, "+ retainer fees", RunReport.InvoiceTotals::retainerFees);
        bridgeRow(bridge, totals, "+ retainer overage", RunReport.InvoiceTotals::retainerOverage);
        bridgeRow(bridge, totals, "+ write-downs to caps", RunReport.InvoiceTotals::capWriteDowns);
        bridgeRow(bridge, totals, "+ time covered by a retainer or fixed fee (at 0.00)", RunReport.InvoiceTotals::coveredByFees);
        bridgeRow(bridge, totals, "= net", RunReport.InvoiceTotals::net);
        bridgeRow(bridge, totals, "+ tax", RunReport.InvoiceTotals::tax);
        bridgeRow(bridge, totals, "= gross", RunReport.InvoiceTotals::gross);
        bridgeRow(bridge, totals, "drafts: straight through / for review", t -> count(t.straightThrough()) + " / " + count(t.review()));
        bridgeRow(bridge, totals, "adds up", t -> t.reconciles() ? "✓" : "✗");
        return bridge;
    }

    private static void bridgeRow(PdfTable table, List<RunReport.InvoiceTotals> totals, String label,
            Function<RunReport.InvoiceTotals, String> value) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        for (RunReport.InvoiceTotals t : totals) {
            String v = value.apply(t);
            cells.add(v.matches("-?\\d+(\\.\\d+)?") ? Amounts.grouped(v) : v);
        }
        table.row(cells.toArray(String[]::new));
    }
}
