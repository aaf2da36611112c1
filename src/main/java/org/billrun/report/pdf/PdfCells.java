package org.billrun.report.pdf;

import com.lowagie.text.Element;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;

/** Table cells in the one style every billrun PDF uses: a thin rule under each row, headers on a grey band. */
public final class PdfCells {

    public static final Color RULE = new Color(190, 190, 190);
    public static final Color HEADER = new Color(232, 232, 232);

    private PdfCells() {}

    /** A table of the given relative column widths across the page, its first row repeated on every page. */
    public static PdfPTable table(float... widths) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        return table;
    }

    public static PdfPCell header(String text, float size, boolean right) {
        return header(PdfFonts.bold(text, size), right);
    }

    public static PdfPCell header(Phrase phrase, boolean right) {
        PdfPCell cell = cell(phrase, right);
        cell.setBackgroundColor(HEADER);
        return cell;
    }

    public static PdfPCell text(String text, float size) {
        return cell(PdfFonts.text(text, size), false);
    }

    /** Numbers align right, so that digits line up. */
    public static PdfPCell number(String text, float size) {
        return cell(PdfFonts.text(text, size), true);
    }

    public static PdfPCell cell(Phrase phrase, boolean right) {
        PdfPCell cell = new PdfPCell(phrase);
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(RULE);
        cell.setBorderWidth(0.5f);
        cell.setPaddingTop(2.5f);
        cell.setPaddingBottom(4f);
        cell.setHorizontalAlignment(right ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        // line height from the largest font on each line, so that a heading and its smaller lines never overlap
        cell.setLeading(0, 1.2f);
        return cell;
    }

    /**
     * Lines of text as a borderless one-column table. Used instead of Paragraph, whose spacing brings a
     * non-embedded Helvetica into the page, and whose text would be read out of order (it goes to another
     * layer of the page than tables do).
     */
    public static PdfPTable lines(float spacingAfter, Phrase... lines) {
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

    /** A cell with no border, for label/value blocks. */
    public static PdfPCell bare(Phrase phrase, boolean right) {
        PdfPCell cell = cell(phrase, right);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPaddingBottom(2f);
        return cell;
    }
}
