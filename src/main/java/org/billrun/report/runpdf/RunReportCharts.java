package org.billrun.report.runpdf;

import com.lowagie.text.Image;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfFonts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The run report's charts: JFreeChart drawn straight into the PDF as vector graphics, with the same
 * embedded DejaVu font as the text (AWT measures with it, the PDF shows it), so a chart is as sharp and
 * as searchable as the tables next to it.
 */
final class RunReportCharts {

    static final Color GREEN = new Color(0x2E7D32);
    static final Color AMBER = new Color(0xF9A825);
    static final Color GREY = new Color(0x9E9E9E);
    static final Color RED = new Color(0xC62828);
    static final Color BLUE = new Color(0x1565C0);

    private static final Font REGULAR = awtFont("DejaVuSans.ttf");
    private static final Font BOLD = awtFont("DejaVuSans-Bold.ttf");

    private static final FontMapper DEJAVU = new FontMapper() {
        @Override
        public BaseFont awtToPdf(Font font) {
            return font.isBold() ? PdfFonts.boldFont() : PdfFonts.regular();
        }

        @Override
        public Font pdfToAwt(BaseFont font, int size) {
            return REGULAR.deriveFont((float) size);
        }
    };

    private RunReportCharts() {}

    /** Each kind's records as shares of valid, held, non-billable and rejected (one bar per kind, 100 %). */
    static JFreeChart recordStates(List<RunReport.RecordStates> records) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunReport.RecordStates r : records) {
            String kind = Wording.kindLabel(r.kind());
            data.addValue(r.valid(), "valid", kind);
            data.addValue(r.held(), "held", kind);
            data.addValue(r.nonBillable(), "non-billable", kind);
            data.addValue(r.rejected(), "rejected at ingest", kind);
        }
        return stacked("What became of the records (share of each kind)", data, true, "share of records",
                Map.of("valid", GREEN, "held", AMBER, "non-billable", GREY, "rejected at ingest", RED));
    }

    /** Each currency's input billable value as shares of drafted, held and written off. */
    static JFreeChart controlTotals(List<RunReport.ControlTotal> totals) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunReport.ControlTotal t : totals) {
            data.addValue(new BigDecimal(t.drafted()), "drafted", t.currency());
            data.addValue(new BigDecimal(t.held()), "held", t.currency());
            data.addValue(new BigDecimal(t.writtenOff()), "written off", t.currency());
        }
        return stacked("Where the input billable value went (share per currency)", data, true, "share of input value",
                Map.of("drafted", GREEN, "held", AMBER, "written off", RED));
    }

    static JFreeChart draftsByRoute(List<RunReport.InvoiceTotals> totals) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunReport.InvoiceTotals t : totals) {
            data.addValue(t.straightThrough(), "straight through", t.currency());
            data.addValue(t.review(), "for review", t.currency());
        }
        return stacked("Drafts by route, per currency", data, false, "drafts", Map.of("straight through", GREEN, "for review", AMBER));
    }

    static JFreeChart exceptionsByRule(List<RunReport.RuleCount> rules) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunReport.RuleCount r : rules) {
            data.addValue(r.count(), r.severity(), r.rule());
        }
        return stacked("Exceptions by rule", data, false, "exceptions", Map.of("block", RED, "warn", AMBER));
    }

    /** A horizontal stacked bar chart; {@code colors} by series name, so a colour always means the same thing. */
    private static JFreeChart stacked(String title, DefaultCategoryDataset data, boolean percentages, String axis, Map<String, Color> colors) {
        CategoryAxis categories = new CategoryAxis();
        NumberAxis values = new NumberAxis(axis);
        if (percentages) {
            values.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(java.util.Locale.ROOT));
            values.setRange(0, 1);
        } else {
            values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        StackedBarRenderer renderer = new StackedBarRenderer(percentages);
        renderer.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(title, BOLD.deriveFont(10f), plot, true);
        // the theme first: it clears series colours it did not set
        theme().apply(chart);
        colors.forEach((series, color) -> {
            int row = data.getRowIndex(series);
            if (row >= 0) {
                renderer.setSeriesPaint(row, color);
            }
        });
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("billrun");
        theme.setExtraLargeFont(BOLD.deriveFont(10f));
        theme.setLargeFont(BOLD.deriveFont(8.5f));
        theme.setRegularFont(REGULAR.deriveFont(8f));
        theme.setSmallFont(REGULAR.deriveFont(7f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }

    /** The chart as a vector image of {@code width} x {@code height} points, ready to add to the document. */
    static Image image(PdfContentByte content, JFreeChart chart, float width, float height) throws Exception {
        PdfTemplate template = content.createTemplate(width, height);
        Graphics2D g2 = template.createGraphics(width, height, DEJAVU);
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return Image.getInstance(template);
    }

    private static Font awtFont(String file) {
        try (InputStream in = RunReportCharts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is missing from the jar (src/main/resources/fonts)");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + file + " is not a TrueType font", e);
        }
    }
}
