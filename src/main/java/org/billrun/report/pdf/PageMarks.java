package org.billrun.report.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.io.InputStream;

/**
 * What every page of a report carries: a footer with the document's name and "Page N of M" (a reader
 * can tell that a page is missing) and, for a draft, a red band across the top and a large "DRAFT"
 * behind the content, so that no page of it, printed or forwarded alone, can pass for a final invoice.
 */
public final class PageMarks extends PdfPageEventHelper {

    private static final Color BAND = new Color(196, 30, 58);
    private static final Color WATERMARK = new Color(248, 222, 226);
    private static final java.awt.Shape WATERMARK_OUTLINE = outline("DRAFT", 120);
    private static final float FOOTER_SIZE = 7;
    /** Room for the page count's digits, right-aligned against the margin. */
    private static final float PAGE_COUNT_WIDTH = 20;

    private final String footer;
    private final String draftNotice;
    private PdfTemplate watermark;
    /** The page count, unknown until the document closes: one template, filled in then, on every page. */
    private PdfTemplate pageCount;

    /** {@code draftNotice}: the band's text, or null for a page without the draft marks. */
    public PageMarks(String footer, String draftNotice) {
        this.footer = footer;
        this.draftNotice = draftNotice;
    }

    @Override
    public void onOpenDocument(PdfWriter writer, Document document) {
        pageCount = writer.getDirectContent().createTemplate(PAGE_COUNT_WIDTH, FOOTER_SIZE + 3);
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        Rectangle page = document.getPageSize();
        PdfContentByte over = writer.getDirectContent();
        float y = document.bottom() - 18;
        ColumnText.showTextAligned(over, Element.ALIGN_LEFT, PdfFonts.text(footer, FOOTER_SIZE, false, Color.GRAY), document.left(), y, 0);
        String pageOf = "Page " + writer.getPageNumber() + " of ";
        float x = document.right() - PAGE_COUNT_WIDTH - PdfFonts.regular().getWidthPoint(pageOf, FOOTER_SIZE);
        ColumnText.showTextAligned(over, Element.ALIGN_LEFT, PdfFonts.text(pageOf, FOOTER_SIZE, false, Color.GRAY), x, y, 0);
        over.addTemplate(pageCount, x + PdfFonts.regular().getWidthPoint(pageOf, FOOTER_SIZE), y);
        if (draftNotice == null) {
            return;
        }
        float bandHeight = 18;
        over.saveState();
        over.setColorFill(BAND);
        over.rectangle(0, page.getHeight() - bandHeight, page.getWidth(), bandHeight);
        over.fill();
        over.restoreState();
        ColumnText.showTextAligned(over, Element.ALIGN_CENTER, PdfFonts.text(draftNotice, 9, true, Color.WHITE),
                page.getWidth() / 2, page.getHeight() - bandHeight + 5.5f, 0);
        // drawn once per document and placed on every page: the outline is a few hundred path operators
        if (watermark == null) {
            watermark = writer.getDirectContentUnder().createTemplate(page.getWidth(), page.getHeight());
            drawWatermark(watermark, page);
        }
        writer.getDirectContentUnder().addTemplate(watermark, 0, 0);
    }

    @Override
    public void onCloseDocument(PdfWriter writer, Document document) {
        ColumnText.showTextAligned(pageCount, Element.ALIGN_LEFT,
                PdfFonts.text(String.valueOf(writer.getPageNumber() - 1), FOOTER_SIZE, false, Color.GRAY), 0, 0, 0);
    }

    /**
     * The big diagonal "DRAFT", under the content so that it never hides a figure, drawn as the letters'
     * outlines rather than as text: as text it would be read into the middle of the page's lines by
     * copy and paste and by text extraction ("Total gr DRAFoss"). The band above is the text mark.
     */
    private static void drawWatermark(PdfContentByte under, Rectangle page) {
        java.awt.Shape outline = AffineTransform.getRotateInstance(Math.toRadians(-45)).createTransformedShape(WATERMARK_OUTLINE);
        java.awt.geom.Rectangle2D box = outline.getBounds2D();
        // AWT's y axis points down, PDF's up: flip, and centre on the page
        AffineTransform place = new AffineTransform(1, 0, 0, -1, page.getWidth() / 2 - box.getCenterX(), page.getHeight() / 2 + box.getCenterY());
        under.saveState();
        under.setColorFill(WATERMARK);
        float[] p = new float[6];
        float x = 0;
        float y = 0;
        PathIterator it = outline.getPathIterator(place);
        for (; !it.isDone(); it.next()) {
            switch (it.currentSegment(p)) {
                case PathIterator.SEG_MOVETO -> under.moveTo(x = p[0], y = p[1]);
                case PathIterator.SEG_LINETO -> under.lineTo(x = p[0], y = p[1]);
                // TrueType outlines are quadratic; PDF has cubic curves only (the same curve, control points at 2/3)
                case PathIterator.SEG_QUADTO -> under.curveTo(x + 2 * (p[0] - x) / 3, y + 2 * (p[1] - y) / 3,
                        p[2] + 2 * (p[0] - p[2]) / 3, p[3] + 2 * (p[1] - p[3]) / 3, x = p[2], y = p[3]);
                case PathIterator.SEG_CUBICTO -> under.curveTo(p[0], p[1], p[2], p[3], x = p[4], y = p[5]);
                default -> under.closePath();
            }
        }
        if (it.getWindingRule() == PathIterator.WIND_EVEN_ODD) {
            under.eoFill();
        } else {
            under.fill();
        }
        under.restoreState();
    }

    private static java.awt.Shape outline(String text, float size) {
        try (InputStream in = PageMarks.class.getResourceAsStream("/fonts/DejaVuSans-Bold.ttf")) {
            java.awt.Font font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in).deriveFont(size);
            return font.createGlyphVector(new FontRenderContext(null, true, true), text).getOutline();
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("cannot read the font for the draft watermark", e);
        }
    }
}
