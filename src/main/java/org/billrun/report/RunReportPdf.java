package org.billrun.report;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.AWTError;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.billrun.billing.MoneyFormat;
import org.billrun.report.pdf.PageMarks;
import org.billrun.report.pdf.PdfFonts;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run report as an A4 PDF for people: a verdict and the figures at a glance on page 1, then what
 * went in, what became of it, the control totals, the invoices, what is held and why, the KPIs and the
 * step timings. Every page carries the run in its footer with "page X of Y".
 */
final class RunReportPdf {

    private static final Logger log = LoggerFactory.getLogger(RunReportPdf.class);

    private static final float BODY = 8f;
    private static final float SMALL = 7f;
    private static final Color MUTED = new Color(0x555555);
    private static final Color HEADER_FILL = new Color(0xECEFF1);
    private static final Color OK_FILL = new Color(0xE8F5E9);
    private static final Color BAD_FILL = new Color(0xFFEBEE);
    /** Owners and clients beyond this many are in the JSON and CSV (and the exception reports per owner), not the PDF. */
    private static final int TOP = 25;

    private RunReportPdf() {}

    static void write(RunReport report, OutputStream out) throws Exception {
        RunReport.Run run = report.run();
        Document document = new Document(PageSize.A4, 40, 40, 48, 48);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        // charts stay where they are added, not moved after the text that follows them
        writer.setStrictImageSequence(true);
        writer.setPageEvent(new PageMarks("billrun run report · run " + run.runId() + " · period " + run.period() + " · scope " + run.scope(),
                null));
        document.addTitle("Run report: run " + run.runId() + ", period " + run.period());
        document.addCreator(report.generatedBy());
        document.open();

        document.add(paragraph(PdfFonts.bold("Run report: run " + run.runId(), 18), 18));
        document.add(paragraph("Period " + run.period() + " · scope " + run.scope() + " · run #" + run.runNumber() + " of the period · "
                + "completed through the " + run.completedThrough() + " stage · generated " + report.generatedAt() + " by "
                + report.generatedBy(), BODY, MUTED));
        verdict(document, report);
        atAGlance(document, report);

        runAndConfiguration(document, writer, report);
        sources(document, writer, run.runId(), report.sources());
        records(document, writer, report.records());
        controlTotals(document, writer, report);
        invoices(document, writer, report);
        exceptions(document, writer, report.exceptions());
        kpis(document, writer, report.kpis());
        steps(document, writer, report.steps());

        heading(document, writer, "Appendix: the configuration hash", 140);
        document.add(paragraph("SHA-256 " + report.configuration().sha256() + " is the SHA-256 of this text (UTF-8, LF line ends); "
                + "recompute it to check that two runs had the same configuration (docs/run-report.md).", BODY, MUTED));
        Paragraph canonical = paragraph(PdfFonts.text(report.configuration().canonical(), SMALL), SMALL);
        canonical.setLeading(SMALL * 1.4f);
        canonical.setSpacingBefore(4);
        document.add(canonical);
        document.close();
    }

    // ---- page 1 -------------------------------------------------------------------------------

    private static void verdict(Document document, RunReport report) throws Exception {
        List<String> problems = new ArrayList<>();
        report.sources().stream().filter(s -> !s.balanced())
                .forEach(s -> problems.add(s.file() + ": rows read ≠ rows accepted + rows rejected"));
        report.controlTotals().stream().filter(t -> !t.reconciles())
                .forEach(t -> problems.add(t.currency() + ": input billable value differs from drafted + held + written off by "
                        + Amounts.grouped(t.difference())));
        report.invoiceTotals().stream().filter(t -> !t.reconciles())
                .forEach(t -> problems.add(t.currency() + ": the invoices' net does not follow from the drafted value, or gross ≠ net + tax"));
        String text = problems.isEmpty()
                ? "✓ Reconciles. Every file: rows read = rows accepted + rows rejected. Every currency: input billable value = "
                        + "drafted + held + written off, difference 0; the invoices' net follows from the drafted value and gross = net + tax."
                : "✗ DOES NOT RECONCILE. " + String.join("; ", problems) + ".";
        PdfPTable box = new PdfPTable(1);
        box.setWidthPercentage(100);
        box.setSpacingBefore(10);
        PdfPCell cell = new PdfPCell(PdfFonts.bold(text, 9.5f));
        cell.setBackgroundColor(problems.isEmpty() ? OK_FILL : BAD_FILL);
        cell.setBorderColor(problems.isEmpty() ? RunReportCharts.GREEN : RunReportCharts.RED);
        cell.setPadding(8);
        box.addCell(cell);
        document.add(box);
    }

    private static void atAGlance(Document document, RunReport report) throws Exception {
        document.add(heading("At a glance"));
        Table glance = new Table(new float[] {22, 78});
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
            kinds.add(n(r.total()) + " " + kindLabel(r.kind()));
        }
        glance.row("What went in", n(report.sources().size()) + " files; " + n(read) + " period records: " + String.join(", ", kinds));
        glance.row("What became of them", n(valid) + " valid (drafted), " + n(held) + " held by an exception, " + n(nonBillable)
                + " non-billable, " + n(rejected) + " rejected at ingest");
        long drafts = report.invoiceTotals().stream().mapToLong(RunReport.InvoiceTotals::drafts).sum();
        long straight = report.invoiceTotals().stream().mapToLong(RunReport.InvoiceTotals::straightThrough).sum();
        glance.row("What came out", n(drafts) + " draft invoices: " + n(straight) + " straight through, " + n(drafts - straight)
                + " for review; gross " + join(report.invoiceTotals(), t -> t.currency() + " " + Amounts.grouped(t.gross())));
        glance.row("What is held", join(report.controlTotals().stream().filter(t -> new BigDecimal(t.held()).signum() != 0).toList(),
                // a sentence, not a column: no trailing zeros beyond the currency's minor unit (21,326.80, not 21,326.8000)
                t -> t.currency() + " " + Amounts.grouped(Amounts.exact(new BigDecimal(t.held()), t.currency())))
                + (report.heldWithoutValue().isEmpty() ? ""
                        : "; " + report.heldWithoutValue().size() + " held records without a value")
                + "; " + n(report.exceptions().open()) + " open exceptions (" + n(severity(report.exceptions(), "block")) + " block, "
                + n(severity(report.exceptions(), "warn")) + " warn)");
        glance.row("Written off", join(report.controlTotals().stream().filter(t -> new BigDecimal(t.writtenOff()).signum() != 0).toList(),
                t -> t.currency() + " " + Amounts.grouped(t.writtenOff())) + " (write-downs to not-to-exceed caps)");
        document.add(glance.table);
    }

    private static long severity(RunReport.Exceptions exceptions, String severity) {
        return exceptions.bySeverity().stream().filter(c -> c.key().equals(severity)).mapToLong(RunReport.Count::count).sum();
    }

    // ---- sections -----------------------------------------------------------------------------

    private static void runAndConfiguration(Document document, PdfWriter writer, RunReport report) throws Exception {
        RunReport.Run run = report.run();
        heading(document, writer, "1. Run and configuration", 140);
        Table table = new Table(new float[] {24, 76});
        table.row("Run", run.runId() + " (period " + run.period() + ", scope " + run.scope() + ", run #" + run.runNumber() + ")");
        table.row("Started", run.started() + " (server time), " + run.attempts() + (run.attempts() == 1 ? " attempt" : " attempts"));
        table.row("Stages", "until " + run.until() + "; completed through " + run.completedThrough());
        table.row("Run definition", run.definition() == null ? "none (command-line options)" : run.definition());
        table.row("Input folder", run.inputDir());
        table.row("Policy", (report.configuration().policySource() == null ? "none recorded" : report.configuration().policySource())
                + (report.configuration().policySha256() == null ? "" : " (file SHA-256 " + report.configuration().policySha256() + ")"));
        table.row("Billing cutoff", run.cutoff() == null ? "not recorded" : run.cutoff());
        table.row("Missing time as of", run.asOf());
        table.row("Software version", "billrun " + run.softwareVersion() + " started the run");
        table.row("Configuration hash", report.configuration().sha256());
        document.add(table.table);
        document.add(note("The configuration hash covers the period, scope, as-of date, the policy content and every source file's "
                + "SHA-256 (appendix); the same files and policy give the same hash on any machine."));
    }

    private static void sources(Document document, PdfWriter writer, long runId, List<RunReport.Source> sources) throws Exception {
        heading(document, writer, "2. What went in: the source files", 140);
        Table table = new Table(new float[] {19, 9, 9, 9, 4, 50}, "file", "rows read", "accepted", "rejected", "ok", "SHA-256")
                .numeric(1, 2, 3).size(5, 6f);
        for (RunReport.Source s : sources) {
            if (!s.present()) {
                table.row(s.file(), "absent", "", "", "✓", "");
                continue;
            }
            table.row(s.file() + (s.sameAsRun() == null ? "" : " (same as run " + s.sameAsRun() + ")"), n(s.rowsRead()), n(s.rowsAccepted()),
                    n(s.rowsRejected()), s.balanced() ? "✓" : "✗", s.sha256());
        }
        document.add(table.table);
        document.add(note("Rows read = rows accepted + rows rejected for every file (invariant 7). A file identical to one an earlier run "
                + "loaded is not read again: its figures are that run's. Every rejected row, with file, line, column and reason: "
                + "billrun rejections " + runId + "."));
    }

    private static void records(Document document, PdfWriter writer, List<RunReport.RecordStates> records) throws Exception {
        heading(document, writer, "3. What became of the records", 140);
        Table table = new Table(new float[] {28, 12, 12, 12, 18, 18}, "records", "valid", "held", "non-billable", "rejected at ingest",
                "total (= rows read)").numeric(1, 2, 3, 4, 5);
        for (RunReport.RecordStates r : records) {
            table.row(kindLabel(r.kind()), n(r.valid()), n(r.held()), n(r.nonBillable()), n(r.rejected()), n(r.total()));
        }
        document.add(table.table);
        document.add(note("Every period record is in exactly one state (invariant 1): valid records are on exactly one line of one "
                + "draft; held records have an open blocking exception; non-billable records (internal time, firm costs) are a state, "
                + "not an exception; rejected rows never reached validation."));
        chart(document, writer, () -> RunReportCharts.recordStates(records), barsHeight(records.size()));
    }

    private static void controlTotals(Document document, PdfWriter writer, RunReport report) throws Exception {
        heading(document, writer, "4. Control totals: input = drafted + held + written off", 140);
        Table table = new Table(new float[] {8, 16, 16, 13, 12, 10, 5, 20}, "currency", "input billable value", "= drafted", "+ held",
                "+ written off", "difference", "ok", "records valid / drafted / held").numeric(1, 2, 3, 4, 5, 7);
        for (RunReport.ControlTotal t : report.controlTotals()) {
            table.row(t.currency(), Amounts.grouped(t.inputBillable()), Amounts.grouped(t.drafted()), Amounts.grouped(t.held()),
                    Amounts.grouped(t.writtenOff()), Amounts.grouped(t.difference()), t.reconciles() ? "✓" : "✗",
                    n(t.validRecords()) + " / " + n(t.draftedRecords()) + " / " + n(t.heldRecords()));
        }
        document.add(table.table);
        document.add(note("Input billable value: the value of the period's valid and held records (hours x the rate in force, "
                + "expenses in the contract's currency, milestone amounts), exact to 4 decimals. Drafted: the value of the records "
                + "on the run's drafts (their lineage) less the write-downs. Held: the value of the held records (an expense without "
                + "an FX rate stays in its own currency). Written off: write-downs to not-to-exceed caps. The two sides come from "
                + "different tables (validation and the drafts' lineage): a valid record missing from the drafts would show as a "
                + "difference."));
        chart(document, writer, () -> RunReportCharts.controlTotals(report.controlTotals()), barsHeight(report.controlTotals().size()));
        List<RunReport.HeldRecord> unvalued = report.heldWithoutValue();
        if (!unvalued.isEmpty()) {
            subheading(document, writer, "Held records without a value (" + n(unvalued.size()) + "): counted, in no amount above");
            Map<String, Long> byCause = unvalued.stream().collect(Collectors.groupingBy(h -> kindLabel(h.kind()) + ": "
                    + (h.rules().isEmpty() ? "no open exception" : String.join(", ", h.rules())), java.util.TreeMap::new, Collectors.counting()));
            document.add(paragraph(byCause.entrySet().stream().map(c -> c.getKey() + " " + n(c.getValue())).collect(Collectors.joining("; ")),
                    BODY, null));
            Table held = new Table(new float[] {11, 14, 24, 15, 8, 6, 22}, "kind", "record", "file, line", "contract", "currency", "hours",
                    "exceptions").numeric(5).small(1, 6);
            for (RunReport.HeldRecord h : unvalued.subList(0, Math.min(TOP, unvalued.size()))) {
                held.row(kindLabel(h.kind()), h.key(), h.file() + (h.line() == null ? "" : ", line " + h.line()), orDash(h.contract()),
                        orDash(h.currency()), orDash(h.hours()), String.join(", ", h.rules()));
            }
            document.add(held.table);
            if (unvalued.size() > TOP) {
                document.add(note("The first " + TOP + " of " + n(unvalued.size()) + "; all are in run-report.json and run-report.csv."));
            }
        }
    }

    private static void invoices(Document document, PdfWriter writer, RunReport report) throws Exception {
        heading(document, writer, "5. What came out: the draft invoices", 140);
        List<RunReport.InvoiceTotals> totals = report.invoiceTotals();
        if (totals.isEmpty()) {
            document.add(paragraph("The run drafted no invoices.", BODY, MUTED));
            return;
        }
        subheading(document, writer, "From the drafted value to the invoice totals, per currency");
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
        Table bridge = new Table(widths, headers).numeric(numeric);
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
        bridgeRow(bridge, totals, "drafts: straight through / for review", t -> n(t.straightThrough()) + " / " + n(t.review()));
        bridgeRow(bridge, totals, "adds up", t -> t.reconciles() ? "✓" : "✗");
        document.add(bridge.table);
        chart(document, writer, () -> RunReportCharts.draftsByRoute(totals), barsHeight(totals.size()));

        subheading(document, writer, "The invoices (" + report.invoices().size() + ")");
        Table list = new Table(new float[] {22, 24, 5, 13, 12, 13, 11}, "draft", "client", "ccy", "net", "tax", "gross", "route")
                .numeric(3, 4, 5).small(0, 1, 2, 3, 4, 5, 6);
        for (RunReport.Invoice i : report.invoices()) {
            String[] cells = {i.draftId() + (i.status().equals("live") ? "" : " (" + i.status() + ")"),
                    (i.clientName() == null ? "" : i.clientName() + " ") + "(" + i.clientId() + ")", i.currency(), Amounts.grouped(i.net()),
                    Amounts.grouped(i.tax()), Amounts.grouped(i.gross()), i.route().equals("straight_through") ? "straight through" : "review"};
            if (i.reasons().isEmpty()) {
                list.row(cells);
            } else {
                // the reasons under the invoice, across the whole table: they are sentences, not figures
                list.rowWithNote(i.reasons().stream()
                        .map(r -> r.code() + " → " + (r.reviewerId() == null ? r.reviewerRole().replace('_', ' ') : r.reviewerId()) + ": "
                                + r.reason())
                        .collect(Collectors.joining("\n")), cells);
            }
        }
        document.add(list.table);
    }

    private static void bridgeRow(Table table, List<RunReport.InvoiceTotals> totals, String label,
            Function<RunReport.InvoiceTotals, String> value) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        for (RunReport.InvoiceTotals t : totals) {
            String v = value.apply(t);
            cells.add(v.matches("-?\\d+(\\.\\d+)?") ? Amounts.grouped(v) : v);
        }
        table.row(cells.toArray(String[]::new));
    }

    private static void exceptions(Document document, PdfWriter writer, RunReport.Exceptions e) throws Exception {
        heading(document, writer, "6. What is held and why: the exceptions", 140);
        document.add(paragraph(n(e.total()) + " exceptions raised or confirmed by this run: " + n(e.open()) + " open, " + n(e.waived())
                + " waived, " + n(e.resolved()) + " resolved (status now); " + n(e.closedByRun())
                + " earlier exceptions closed by this run because it no longer found them. Block holds the record; warn lets it bill "
                + "and sends its draft to review.", BODY, null));
        if (e.total() == 0) {
            return;
        }
        Table rules = new Table(new float[] {25, 8, 12, 6, 6, 7, 36}, "rule", "severity", "owner role", "count", "open", "waived",
                "what it means; amount at stake").numeric(3, 4, 5).small(0, 6);
        for (RunReport.RuleCount r : e.byRule()) {
            String atStake = r.atStake().isEmpty() ? "" : " At stake: " + r.atStake().stream()
                    .map(a -> a.currency() + " " + MoneyFormat.number(new BigDecimal(a.amount()), Amounts.minorDigits(a.currency())))
                    .collect(Collectors.joining(", "));
            rules.row(r.rule(), r.severity(), r.ownerRole().replace('_', ' '), n(r.count()), n(r.open()), n(r.waived()),
                    (r.description() == null ? "" : r.description()) + atStake);
        }
        document.add(rules.table);
        chart(document, writer, () -> RunReportCharts.exceptionsByRule(e.byRule()), barsHeight(e.byRule().size()));
        counts(document, writer, "By owner", e.byOwner(), "owner");
        counts(document, writer, "By legal entity", e.byEntity(), "entity");
        counts(document, writer, "By client", e.byClient(), "client");
    }

    private static void counts(Document document, PdfWriter writer, String title, List<RunReport.Count> counts, String what) throws Exception {
        subheading(document, writer, title + (counts.size() > TOP ? " (the " + TOP + " with the most of " + counts.size() + ")" : ""));
        Table table = new Table(new float[] {30, 38, 8, 8, 8, 8}, what, "", "count", "block", "warn", "open").numeric(2, 3, 4, 5);
        for (RunReport.Count c : counts.subList(0, Math.min(TOP, counts.size()))) {
            table.row(c.key(), c.name() == null ? "" : c.name(), n(c.count()), n(c.block()), n(c.warn()), n(c.open()));
        }
        document.add(table.table);
        if (counts.size() > TOP) {
            document.add(note("All " + counts.size() + " are in run-report.json and run-report.csv."));
        }
    }

    private static void kpis(Document document, PdfWriter writer, List<RunReport.Kpi> kpis) throws Exception {
        heading(document, writer, "7. Key figures", 140);
        Table table = new Table(new float[] {20, 12, 24, 44}, "KPI", "value", "from", "definition").numeric(1).small(3);
        String previous = null;
        for (RunReport.Kpi k : kpis) {
            String name = k.name() + (k.currency() == null ? "" : ", " + k.currency());
            String definition = k.code().equals(previous) ? "(as above)" : k.definition();
            previous = k.code();
            if (k.unit().equals("ratio")) {
                table.row(name, Amounts.percent(k.value()), Amounts.grouped(k.numerator()) + " of " + Amounts.grouped(k.denominator()),
                        definition);
            } else {
                table.row(name, Amounts.grouped(k.value()), "of " + Amounts.grouped(k.denominator()) + " held", definition);
            }
        }
        document.add(table.table);
    }

    private static void steps(Document document, PdfWriter writer, List<RunReport.StepTiming> steps) throws Exception {
        heading(document, writer, "8. Step timings", 140);
        Table table = new Table(new float[] {30, 16, 18, 18, 18}, "step", "status", "read", "written", "seconds").numeric(2, 3, 4);
        for (RunReport.StepTiming s : steps) {
            table.row(s.step(), s.status(), n(s.reads()), n(s.writes()), s.seconds() == null ? "" : s.seconds());
        }
        document.add(table.table);
        document.add(note("Attempts of a restarted step are summed; parallel partitions of loadSources are folded into loadSourceFile. "
                + "The report stage itself is not listed: it is still running when it writes this report."));
    }

    // ---- building blocks ----------------------------------------------------------------------

    /**
     * A chart where it fits; a run report without its pictures is still the run report, so a chart that
     * cannot be drawn (AWT unusable on a stripped-down server) leaves a note instead of failing the run.
     */
    private static void chart(Document document, PdfWriter writer, java.util.function.Supplier<JFreeChart> chart, float height)
            throws Exception {
        float width = document.right() - document.left();
        try {
            Image image = RunReportCharts.image(writer.getDirectContent(), chart.get(), width, height);
            image.setSpacingBefore(6);
            document.add(image);
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            log.warn("A chart of the run report could not be drawn: {}", e.toString());
            document.add(note("(chart not drawn: " + e + ")"));
        }
    }

    /** A bar chart's height: room for title, axis and legend, and 16 points a bar. */
    private static float barsHeight(int bars) {
        return Math.min(90 + 16 * bars, 480);
    }

    private static Paragraph heading(String text) {
        Paragraph p = paragraph(PdfFonts.bold(text, 13), 13);
        p.setSpacingBefore(14);
        p.setSpacingAfter(5);
        return p;
    }

    /** A section heading, on a new page when fewer than {@code room} points are left: a heading never ends a page. */
    private static void heading(Document document, PdfWriter writer, String text, float room) {
        keepRoom(document, writer, room);
        document.add(heading(text));
    }

    private static void subheading(Document document, PdfWriter writer, String text) {
        keepRoom(document, writer, 90);
        Paragraph p = paragraph(PdfFonts.bold(text, 9.5f), 9.5f);
        p.setSpacingBefore(8);
        p.setSpacingAfter(4);
        document.add(p);
    }

    private static void keepRoom(Document document, PdfWriter writer, float room) {
        if (writer.getVerticalPosition(false) - document.bottom() < room) {
            document.newPage();
        }
    }

    private static Paragraph note(String text) {
        Paragraph p = paragraph(text, SMALL, MUTED);
        p.setSpacingBefore(3);
        return p;
    }

    private static Paragraph paragraph(String text, float size, Color color) {
        Paragraph p = paragraph(color == null ? PdfFonts.text(text, size) : PdfFonts.text(text, size, false, color), size);
        p.setLeading(size * 1.35f);
        return p;
    }

    /**
     * A paragraph whose own font is the embedded one: OpenPDF writes a paragraph's spacing as a blank
     * in the paragraph's font, which would otherwise be a non-embedded Helvetica on every page.
     */
    private static Paragraph paragraph(Phrase text, float size) {
        Paragraph p = new Paragraph(text);
        p.setFont(new Font(PdfFonts.regular(), size));
        return p;
    }

    static String kindLabel(String kind) {
        return switch (kind) {
            case "time_entry" -> "time entries";
            case "expense" -> "expenses";
            case "milestone" -> "billable milestones";
            default -> kind.replace('_', ' ');
        };
    }

    private static String n(Long value) {
        return value == null ? "" : MoneyFormat.number(BigDecimal.valueOf(value), 0);
    }

    private static String n(long value) {
        return MoneyFormat.number(BigDecimal.valueOf(value), 0);
    }

    private static String orDash(String value) {
        return value == null ? "–" : value;
    }

    private static <T> String join(List<T> items, Function<T, String> text) {
        return items.isEmpty() ? "none" : items.stream().map(text).collect(Collectors.joining(" · "));
    }

    /** A full-width table with a repeated header row; numeric columns right-aligned. */
    private static final class Table {
        final PdfPTable table;
        private final float[] widths;
        private final Set<Integer> numeric = new HashSet<>();
        private final Map<Integer, Float> sizes = new HashMap<>();

        Table(float[] widths, String... headers) throws Exception {
            this.widths = widths;
            table = new PdfPTable(widths.length);
            table.setWidthPercentage(100);
            table.setWidths(widths);
            table.setSpacingBefore(2);
            if (headers.length > 0) {
                for (String header : headers) {
                    PdfPCell cell = cell(PdfFonts.bold(header, SMALL));
                    cell.setBackgroundColor(HEADER_FILL);
                    table.addCell(cell);
                }
                table.setHeaderRows(1);
            }
        }

        Table numeric(int... columns) {
            for (int c : columns) {
                numeric.add(c);
                if (table.getHeaderRows() > 0) {
                    table.getRow(0).getCells()[c].setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
            }
            return this;
        }

        /** Columns of long text (reasons, definitions), a size smaller. */
        Table small(int... columns) {
            for (int c : columns) {
                size(c, SMALL);
            }
            return this;
        }

        Table size(int column, float points) {
            sizes.put(column, points);
            return this;
        }

        void row(String... cells) {
            for (int i = 0; i < cells.length; i++) {
                PdfPCell cell = cell(PdfFonts.text(cells[i], sizes.getOrDefault(i, BODY)));
                if (numeric.contains(i)) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
        }

        /**
         * A row, and under it muted text across all columns that belongs to it; the two are one row of
         * the table (an inner table in a cell), so a page break never separates them.
         */
        void rowWithNote(String note, String... cells) throws Exception {
            PdfPTable inner = new PdfPTable(widths.length);
            inner.setWidthPercentage(100);
            inner.setWidths(widths);
            for (int i = 0; i < cells.length; i++) {
                PdfPCell cell = cell(PdfFonts.text(cells[i], sizes.getOrDefault(i, BODY)));
                cell.setBorder(Rectangle.NO_BORDER);
                cell.setPaddingBottom(1);
                if (numeric.contains(i)) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                inner.addCell(cell);
            }
            PdfPCell under = cell(PdfFonts.text(note, SMALL - 0.5f, false, MUTED));
            under.setBorder(Rectangle.NO_BORDER);
            under.setColspan(cells.length);
            under.setPaddingLeft(12);
            under.setPaddingTop(0);
            inner.addCell(under);
            PdfPCell outer = new PdfPCell(inner);
            outer.setColspan(cells.length);
            outer.setPadding(0);
            outer.setBorder(Rectangle.BOTTOM);
            outer.setBorderColor(new Color(0xCFD8DC));
            table.addCell(outer);
        }

        private static PdfPCell cell(Phrase phrase) {
            PdfPCell cell = new PdfPCell(phrase);
            cell.setBorderColor(new Color(0xCFD8DC));
            cell.setBorder(Rectangle.BOTTOM);
            cell.setPaddingTop(2.5f);
            cell.setPaddingBottom(3.5f);
            cell.setPaddingLeft(3);
            cell.setPaddingRight(3);
            return cell;
        }
    }
}
