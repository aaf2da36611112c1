package org.billrun.report.runpdf;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.AWTError;
import java.awt.Color;
import java.util.function.Supplier;
import org.billrun.report.pdf.PdfFonts;
import org.billrun.report.pdf.PdfStyle;
import org.billrun.report.pdf.PdfTable;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run report's pages as its sections write onto them: headings that never end a page, notes,
 * paragraphs, tables and charts in the run report's {@link PdfStyle}.
 */
final class RunReportPage {

    private static final Logger log = LoggerFactory.getLogger(RunReportPage.class);

    static final PdfStyle STYLE = PdfStyle.RUN_REPORT;
    static final float BODY = STYLE.body();
    static final float SMALL = STYLE.small();
    static final Color MUTED = STYLE.muted();
    /** Owners and clients beyond this many are in the JSON and CSV (and the exception reports per owner), not the PDF. */
    static final int TOP = 25;

    /** Points a section heading needs below it on its page. */
    private static final float SECTION_ROOM = 140;
    private static final float SUBHEADING_ROOM = 90;

    private final Document document;
    private final PdfWriter writer;

    RunReportPage(Document document, PdfWriter writer) {
        this.document = document;
        this.writer = writer;
    }

    void add(Element element) {
        document.add(element);
    }

    void add(PdfTable table) {
        document.add(table.element());
    }

    /** A full-width table with a repeated header row. */
    PdfTable table(float[] widths, String... headers) {
        return new PdfTable(STYLE, widths, headers).spacingBefore(2);
    }

    /** A section heading, on a new page when too little room is left: a heading never ends a page. */
    void heading(String text) {
        keepRoom(SECTION_ROOM);
        Paragraph p = paragraph(PdfFonts.bold(text, 13), 13);
        p.setSpacingBefore(14);
        p.setSpacingAfter(5);
        document.add(p);
    }

    void subheading(String text) {
        keepRoom(SUBHEADING_ROOM);
        Paragraph p = paragraph(PdfFonts.bold(text, 9.5f), 9.5f);
        p.setSpacingBefore(8);
        p.setSpacingAfter(4);
        document.add(p);
    }

    /** Muted small text under a table or chart: what it shows and how to read it. */
    void note(String text) {
        Paragraph p = paragraph(text, SMALL, MUTED);
        p.setSpacingBefore(3);
        document.add(p);
    }

    /** Body text. */
    void text(String text) {
        document.add(paragraph(text, BODY, null));
    }

    /** Muted body text. */
    void mutedText(String text) {
        document.add(paragraph(text, BODY, MUTED));
    }

    /**
     * A chart where it fits; a run report without its pictures is still the run report, so a chart that
     * cannot be drawn (AWT unusable on a stripped-down server) leaves a note instead of failing the run.
     */
    void chart(Supplier<JFreeChart> chart, float height) throws Exception {
        float width = document.right() - document.left();
        try {
            Image image = RunReportCharts.image(writer.getDirectContent(), chart.get(), width, height);
            image.setSpacingBefore(6);
            document.add(image);
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            log.warn("A chart of the run report could not be drawn: {}", e.toString());
            note("(chart not drawn: " + e + ")");
        }
    }

    /** A bar chart's height: room for title, axis and legend, and 16 points a bar. */
    static float barsHeight(int bars) {
        return Math.min(90 + 16 * bars, 480);
    }

    private void keepRoom(float room) {
        if (writer.getVerticalPosition(false) - document.bottom() < room) {
            document.newPage();
        }
    }

    static Paragraph paragraph(String text, float size, Color color) {
        Paragraph p = paragraph(color == null ? PdfFonts.text(text, size) : PdfFonts.text(text, size, false, color), size);
        p.setLeading(size * 1.35f);
        return p;
    }

    /**
     * A paragraph whose own font is the embedded one: OpenPDF writes a paragraph's spacing as a blank
     * in the paragraph's font, which would otherwise be a non-embedded Helvetica on every page.
     */
    static Paragraph paragraph(Phrase text, float size) {
        Paragraph p = new Paragraph(text);
        p.setFont(new Font(PdfFonts.regular(), size));
        return p;
    }
}
