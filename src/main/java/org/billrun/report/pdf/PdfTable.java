package org.billrun.report.pdf;

import com.lowagie.text.Element;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A full-width table of text cells in a {@link PdfStyle}, with a header row repeated on every page,
 * numeric columns right-aligned, columns in their own text size, and rows that carry a note underneath.
 */
public final class PdfTable {

    private final PdfStyle style;
    private final PdfPTable table;
    private final float[] widths;
    private final Set<Integer> numeric = new HashSet<>();
    private final Map<Integer, Float> sizes = new HashMap<>();

    /** {@code widths}: the columns' relative widths; {@code headers}: none for a table without a header row. */
    public PdfTable(PdfStyle style, float[] widths, String... headers) {
        this.style = style;
        this.widths = widths;
        table = new PdfPTable(widths.length);
        table.setWidthPercentage(100);
        table.setWidths(widths);
        if (headers.length > 0) {
            for (String header : headers) {
                table.addCell(style.header(header, false));
            }
            table.setHeaderRows(1);
        }
    }

    public PdfTable spacingBefore(float points) {
        table.setSpacingBefore(points);
        return this;
    }

    /** Columns of figures: right-aligned, header included. */
    public PdfTable numeric(int... columns) {
        for (int c : columns) {
            numeric.add(c);
            if (table.getHeaderRows() > 0) {
                table.getRow(0).getCells()[c].setHorizontalAlignment(Element.ALIGN_RIGHT);
            }
        }
        return this;
    }

    /** Columns of long text (reasons, definitions), in the style's small size. */
    public PdfTable small(int... columns) {
        for (int c : columns) {
            size(c, style.small());
        }
        return this;
    }

    public PdfTable size(int column, float points) {
        sizes.put(column, points);
        return this;
    }

    public void row(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            table.addCell(cell(i, cells[i]));
        }
    }

    /**
     * A row, and under it muted text across all columns that belongs to it; the two are one row of
     * the table (an inner table in a cell), so a page break never separates them.
     */
    public void rowWithNote(String note, String... cells) {
        PdfPTable inner = new PdfPTable(widths.length);
        inner.setWidthPercentage(100);
        inner.setWidths(widths);
        for (int i = 0; i < cells.length; i++) {
            PdfPCell cell = cell(i, cells[i]);
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setPaddingBottom(1);
            inner.addCell(cell);
        }
        PdfPCell under = style.cell(PdfFonts.text(note, style.small() - 0.5f, false, style.muted()), false);
        under.setBorder(Rectangle.NO_BORDER);
        under.setColspan(cells.length);
        under.setPaddingLeft(12);
        under.setPaddingTop(0);
        inner.addCell(under);
        PdfPCell outer = new PdfPCell(inner);
        outer.setColspan(cells.length);
        outer.setPadding(0);
        outer.setBorder(Rectangle.BOTTOM);
        outer.setBorderColor(style.rule());
        table.addCell(outer);
    }

    /** The table to add to the document. */
    public PdfPTable element() {
        return table;
    }

    private PdfPCell cell(int column, String text) {
        return style.cell(PdfFonts.text(text, sizes.getOrDefault(column, style.body())), numeric.contains(column));
    }
}
