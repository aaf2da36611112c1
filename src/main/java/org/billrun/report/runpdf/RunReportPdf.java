package org.billrun.report.runpdf;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfWriter;
import java.io.OutputStream;
import java.util.List;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PageMarks;
import org.billrun.report.pdf.PdfFonts;

/**
 * The run report as an A4 PDF for people: a verdict and the figures at a glance on page 1, then what
 * went in, what became of it, the control totals, the invoices, what is held and why, the KPIs and the
 * step timings, and the configuration hash's text. Every page carries the run in its footer with
 * "page X of Y". Each section is a class of its own, in the order below.
 */
public final class RunReportPdf {

    private static final List<RunReportSection> SECTIONS = List.of(new AtAGlanceSection(), new RunSection(), new SourcesSection(),
            new RecordsSection(), new ControlTotalsSection(), new InvoicesSection(), new ExceptionsSection(), new KpisSection(),
            new StepsSection(), new ConfigurationAppendix());

    private RunReportPdf() {}

    public static void write(RunReport report, OutputStream out) throws Exception {
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

        RunReportPage page = new RunReportPage(document, writer);
        page.add(RunReportPage.paragraph(PdfFonts.bold("Run report: run " + run.runId(), 18), 18));
        page.mutedText("Period " + run.period() + " · scope " + run.scope() + " · run #" + run.runNumber() + " of the period · "
                + "completed through the " + run.completedThrough() + " stage · generated " + report.generatedAt() + " by "
                + report.generatedBy());
        for (RunReportSection section : SECTIONS) {
            section.write(page, report);
        }
        document.close();
    }
}
