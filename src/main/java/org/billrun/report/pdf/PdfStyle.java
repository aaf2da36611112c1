package org.billrun.report.pdf;

import com.lowagie.text.Element;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;

/**
 * How a billrun PDF looks: its text sizes, its greys and how a table cell is set up (a thin rule under
 * each row, headers on a grey band, paddings, line height). Every report builds its cells here, from
 * one of the styles below, and its text from {@link PdfFonts}.
 *
 * <p>The documents look different on purpose: the run report is a dense document for auditors (small
 * type, blue-grey rules, roomy cells), the invoice and the exception reports are read by clients and
 * owners (larger type, neutral greys, more line height). They share the mechanism, not the values.
 */
public record PdfStyle(float body, float small, Color muted, Color rule, Color headerFill, float paddingTop, float paddingBottom,
        float paddingSide, float leading) {

    private static final Color NEUTRAL_RULE = new Color(190, 190, 190);
    private static final Color NEUTRAL_HEADER = new Color(232, 232, 232);
    private static final Color NEUTRAL_MUTED = new Color(90, 90, 90);

    /** The run report: 8 pt text, 7 pt notes and headers, blue-grey rules and header band. */
    public static final PdfStyle RUN_REPORT = new PdfStyle(8f, 7f, new Color(0x555555), new Color(0xCFD8DC), new Color(0xECEFF1), 2.5f,
            3.5f, 3f, 1f);

    /** A draft invoice: 8.5 pt text, 7.5 pt headers and asides. */
    public static final PdfStyle INVOICE = new PdfStyle(8.5f, 7.5f, NEUTRAL_MUTED, NEUTRAL_RULE, NEUTRAL_HEADER, 2.5f, 4f, 2f, 1.2f);

    /** An owner's exception report (landscape, many rows): 7.5 pt text, 6.5 pt rule descriptions. */
    public static final PdfStyle EXCEPTION_REPORT = new PdfStyle(7.5f, 6.5f, NEUTRAL_MUTED, NEUTRAL_RULE, NEUTRAL_HEADER, 2.5f, 4f, 2f,
            1.2f);

    /** A table of the given relative column widths across the page, its first row repeated on every page. */
    public PdfPTable table(float... widths) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        return table;
    }

    /** A cell of a ruled table: a rule under it, the style's paddings and line height. */
    public PdfPCell cell(Phrase phrase, boolean right) {
        PdfPCell cell = new PdfPCell(phrase);
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(rule);
        cell.setBorderWidth(0.5f);
        cell.setPaddingTop(paddingTop);
        cell.setPaddingBottom(paddingBottom);
        cell.setPaddingLeft(paddingSide);
        cell.setPaddingRight(paddingSide);
        cell.setHorizontalAlignment(right ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        // line height from the largest font on each line, so that a heading and its smaller lines never overlap
        cell.setLeading(0, leading);
        return cell;
    }

    /** A header cell: bold at the small size, on the grey band. */
    public PdfPCell header(String text, boolean right) {
        return header(PdfFonts.bold(text, small), right);
    }

    public PdfPCell header(Phrase phrase, boolean right) {
        PdfPCell cell = cell(phrase, right);
        cell.setBackgroundColor(headerFill);
        return cell;
    }

    public PdfPCell text(String text, float size) {
        return cell(PdfFonts.text(text, size), false);
    }

    /** Numbers align right, so that digits line up. */
    public PdfPCell number(String text, float size) {
        return cell(PdfFonts.text(text, size), true);
    }

    /** A cell with no border, for label/value blocks. */
    public PdfPCell bare(Phrase phrase, boolean right) {
        PdfPCell cell = cell(phrase, right);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPaddingBottom(2f);
        return cell;
    }

    /**
     * Lines of text as a borderless one-column table. Used instead of Paragraph, whose spacing brings a
     * non-embedded Helvetica into the page, and whose text would be read out of order (it goes to another
     * layer of the page than tables do).
     */
    public PdfPTable lines(float spacingAfter, Phrase... lines) {
        PdfPTable table = new PdfPTable(1);
        table.setWidthPercentage(100);
        for (Phrase line : lines) {
            PdfPCell cell = bare(line, false);
            cell.setPaddingBottom(5f);
            table.addCell(cell);
        }
        table.setSpacingAfter(spacingAfter);
        return table;
    }
}
