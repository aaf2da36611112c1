package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.RunReportPage.TOP;
import static org.billrun.report.runpdf.Wording.count;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.billrun.billing.MoneyFormat;
import org.billrun.report.Amounts;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 6: the exceptions the run raised or confirmed, by rule (with the amounts at stake), owner, entity and client. */
final class ExceptionsSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) throws Exception {
        RunReport.Exceptions e = report.exceptions();
        page.heading("6. What is held and why: the exceptions");
        page.text(count(e.total()) + " exceptions raised or confirmed by this run: " + count(e.open()) + " open, " + count(e.waived())
                + " waived, " + count(e.resolved()) + " resolved (status now); " + count(e.closedByRun())
                + " earlier exceptions closed by this run because it no longer found them. Block holds the record; warn lets it bill "
                + "and sends its draft to review.");
        if (e.total() == 0) {
            return;
        }
        PdfTable rules = page.table(new float[] {25, 8, 12, 6, 6, 7, 36}, "rule", "severity", "owner role", "count", "open", "waived",
                "what it means; amount at stake").numeric(3, 4, 5).small(0, 6);
        for (RunReport.RuleCount r : e.byRule()) {
            String atStake = r.atStake().isEmpty() ? "" : " At stake: " + r.atStake().stream()
                    .map(a -> a.currency() + " " + MoneyFormat.number(new BigDecimal(a.amount()), Amounts.minorDigits(a.currency())))
                    .collect(Collectors.joining(", "));
            rules.row(r.rule(), r.severity(), r.ownerRole().replace('_', ' '), count(r.count()), count(r.open()), count(r.waived()),
                    (r.description() == null ? "" : r.description()) + atStake);
        }
        page.add(rules);
        page.chart(() -> RunReportCharts.exceptionsByRule(e.byRule()), RunReportPage.barsHeight(e.byRule().size()));
        counts(page, "By owner", e.byOwner(), "owner");
        counts(page, "By legal entity", e.byEntity(), "entity");
        counts(page, "By client", e.byClient(), "client");
    }

    /** The {@link RunReportPage#TOP} with the most exceptions; JSON and CSV list all. */
    private static void counts(RunReportPage page, String title, List<RunReport.Count> counts, String what) {
        page.subheading(title + (counts.size() > TOP ? " (the " + TOP + " with the most of " + counts.size() + ")" : ""));
        PdfTable table = page.table(new float[] {30, 38, 8, 8, 8, 8}, what, "", "count", "block", "warn", "open").numeric(2, 3, 4, 5);
        for (RunReport.Count c : counts.subList(0, Math.min(TOP, counts.size()))) {
            table.row(c.key(), c.name() == null ? "" : c.name(), count(c.count()), count(c.block()), count(c.warn()), count(c.open()));
        }
        page.add(table);
        if (counts.size() > TOP) {
            page.note("All " + counts.size() + " are in run-report.json and run-report.csv.");
        }
    }
}
