package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.billrun.billing.MoneyFormat;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The run report of the sample firm, read back as a person or a program would: the JSON's control
 * totals and counts against the database, the PDF's text (PDFBox) against the database, the CSV's
 * numbers as numbers, and the same JSON every time it is generated.
 */
@BillrunIntegrationTest
class RunReportIntegrationTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** The reports root of the Spring context. */
    static Path REPORTS;

    @Autowired
    ReportsFolder reportsFolder;

    /** The sample firm is run once for the whole class: every test only reads what the run left. */
    private static Long northwindRun;

    @Autowired
    RunService runService;

    @Autowired
    ReportService reports;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @BeforeEach
    void runTheSampleFirmOnce() throws Exception {
        REPORTS = reportsFolder.root();
        if (northwindRun == null) {
            new DatabaseState(jdbc).reset();
            RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", NORTHWIND, Stage.REPORT, null));
            assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            northwindRun = outcome.runId();
        }
    }

    @Test
    void aRunLeavesItsRunReportInTheDocumentedFolder() {
        Path folder = REPORTS.resolve("run-" + northwindRun);

        assertThat(folder.resolve("run-report.pdf")).isNotEmptyFile();
        assertThat(folder.resolve("run-report.json")).isNotEmptyFile();
        assertThat(folder.resolve("run-report.csv")).isNotEmptyFile();
        assertThat(reports.folderOf(northwindRun)).isEqualTo(folder);
        assertThat(folder.resolveSibling(".run-" + northwindRun + ".partial")).doesNotExist();
    }

    @Test
    void theControlTotalsReconcileAndEqualTheDatabaseFigures() throws Exception {
        JsonNode report = JSON.readTree(reportFile("json").toFile());

        Map<String, BigDecimal[]> db = new TreeMap<>();
        jdbc.sql("""
                SELECT currency, coalesce(sum(amount) FILTER (WHERE state = 'valid'), 0), coalesce(sum(amount) FILTER (WHERE state = 'held'), 0)
                FROM validated_record WHERE run_id = ? AND state IN ('valid', 'held') AND amount IS NOT NULL GROUP BY currency""")
                .param(northwindRun)
                .query(rs -> {
                    db.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3), BigDecimal.ZERO, BigDecimal.ZERO});
                });
        jdbc.sql("""
                SELECT d.currency, sum(s.value) FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                WHERE s.run_id = ? GROUP BY d.currency""").param(northwindRun)
                .query(rs -> {
                    db.get(rs.getString(1))[2] = rs.getBigDecimal(2);
                });
        jdbc.sql("SELECT currency, sum(write_down) FROM draft_invoice WHERE run_id = ? GROUP BY currency").param(northwindRun)
                .query(rs -> {
                    db.get(rs.getString(1))[3] = rs.getBigDecimal(2);
                });

        JsonNode totals = report.get("controlTotals");
        assertThat(totals.size()).isEqualTo(db.size()).isEqualTo(5); // CHF, EUR, GBP, SEK (the expense without an FX rate), USD
        for (JsonNode t : totals) {
            BigDecimal[] expected = db.get(t.get("currency").asString());
            BigDecimal input = decimal(t, "inputBillable");
            BigDecimal drafted = decimal(t, "drafted");
            BigDecimal held = decimal(t, "held");
            BigDecimal writtenOff = decimal(t, "writtenOff");
            assertThat(input).as("input = drafted + held + written off").isEqualByComparingTo(drafted.add(held).add(writtenOff));
            assertThat(decimal(t, "difference")).isZero();
            assertThat(t.get("reconciles").asBoolean()).isTrue();
            assertThat(input).isEqualByComparingTo(expected[0].add(expected[1]));
            assertThat(held).isEqualByComparingTo(expected[1]);
            assertThat(drafted).isEqualByComparingTo(expected[2].subtract(expected[3]));
            assertThat(writtenOff).isEqualByComparingTo(expected[3]);
        }
        assertThat(decimal(find(totals, "currency", "GBP"), "writtenOff")).isEqualByComparingTo("11610.00");

        JsonNode time = find(report.get("records"), "kind", "time_entry");
        assertThat(List.of(time.get("valid").asLong(), time.get("held").asLong(), time.get("nonBillable").asLong(),
                time.get("rejected").asLong(), time.get("total").asLong())).containsExactly(1202L, 24L, 464L, 6L, 1696L);
        for (JsonNode source : report.get("sources")) {
            assertThat(source.get("balanced").asBoolean()).as(source.get("file").asString()).isTrue();
        }
        for (JsonNode bridge : report.get("invoiceTotals")) {
            assertThat(bridge.get("reconciles").asBoolean()).as(bridge.get("currency").asString()).isTrue();
        }
        assertThat(report.get("invoices").size()).isEqualTo(13);
        assertThat(report.at("/exceptions/total").asLong()).isEqualTo(37);
        assertThat(report.get("heldWithoutValue").size()).isEqualTo(5);
        assertThat(find(report.get("kpis"), "code", "straight_through_rate").get("value").asString()).isEqualTo("0.4615"); // 6 of 13
    }

    @Test
    void theSameRunGivesTheSameJsonApartFromTheGenerationTime() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        reports.write(northwindRun, first, EnumSet.of(ReportFormat.JSON));
        reports.write(northwindRun, second, EnumSet.of(ReportFormat.JSON));

        JsonNode atTheEndOfTheRun = withoutGenerationTime(reportFile("json"));
        assertThat(withoutGenerationTime(first.resolve("run-report.json"))).isEqualTo(withoutGenerationTime(second.resolve("run-report.json")))
                .isEqualTo(atTheEndOfTheRun);
        assertThat(first.resolve("run-report.pdf")).doesNotExist();
    }

    @Test
    void thePdfShowsTheRunTheInvoiceTotalsTheControlTotalsAndTheCounts() throws Exception {
        String text;
        int pages;
        try (PDDocument pdf = Loader.loadPDF(reportFile("pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
            pages = pdf.getNumberOfPages();
        }
        String oneLine = text.replaceAll("\\s+", " ");

        assertThat(oneLine).contains("Run report: run " + northwindRun, "run " + northwindRun + " · period 2026-10", "Page 1 of " + pages,
                "Page " + pages + " of " + pages, "✓ Reconciles.");
        // the 13 invoices' totals per currency, as the database has them
        jdbc.sql("SELECT currency, sum(net), sum(tax), sum(gross), count(*) FROM draft_invoice WHERE run_id = ? GROUP BY currency")
                .param(northwindRun)
                .query(rs -> {
                    int digits = MoneyFormat.minorDigits(rs.getString(1));
                    assertThat(oneLine).as(rs.getString(1)).contains("= net " , "= gross ")
                            .contains(MoneyFormat.number(rs.getBigDecimal(2), digits), MoneyFormat.number(rs.getBigDecimal(3), digits),
                                    MoneyFormat.number(rs.getBigDecimal(4), digits));
                });
        assertThat(oneLine).contains("gross CHF 79,850.58 · EUR 218,414.59 · GBP 234,761.28 · USD 237,089.65");
        // each currency's control-total equation, figure by figure, from the database
        jdbc.sql("""
                SELECT v.currency, v.valid + v.held, coalesce(d.lineage, 0) - coalesce(w.wd, 0), v.held, coalesce(w.wd, 0)
                FROM (SELECT currency, coalesce(sum(amount) FILTER (WHERE state = 'valid'), 0) AS valid,
                             coalesce(sum(amount) FILTER (WHERE state = 'held'), 0) AS held
                      FROM validated_record WHERE run_id = :run AND state IN ('valid', 'held') AND amount IS NOT NULL GROUP BY currency) v
                LEFT JOIN (SELECT d.currency, sum(s.value) AS lineage FROM draft_line_source s JOIN draft_invoice d USING (run_id, draft_id)
                           WHERE s.run_id = :run GROUP BY d.currency) d USING (currency)
                LEFT JOIN (SELECT currency, sum(write_down) AS wd FROM draft_invoice WHERE run_id = :run GROUP BY currency) w USING (currency)""")
                .param("run", northwindRun)
                .query(rs -> {
                    List<BigDecimal> figures = List.of(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            BigDecimal.ZERO);
                    // people read the amounts at the currency's minor unit (issue 12); the exact ones are in the JSON
                    int scale = MoneyFormat.minorDigits(rs.getString(1));
                    StringBuilder row = new StringBuilder(rs.getString(1));
                    figures.forEach(f -> row.append(' ').append(MoneyFormat.number(f, scale)));
                    assertThat(oneLine).as("control totals of " + rs.getString(1)).contains(row + " ✓");
                });
        assertThat(oneLine).contains("EUR 283,857.42 276,608.42 7,249.00 0.00 0.00 ✓",
                "USD 329,963.94 308,637.14 21,326.80 0.00 0.00 ✓");
        // the record counts: time entries 1,202 valid, 24 held, 464 non-billable, 6 rejected of 1,696 read
        assertThat(oneLine).contains("time entries 1,202 24 464 6 1,696", "expenses 167 8 6 2 183", "billable milestones 2 1 0 0 3");
    }

    /**
     * Issue 12: the control totals printed USD with 4 decimals and the record counts as "0 / 0 / 1"
     * beside "120 / 120 / 1". People read amounts at the currency's minor unit, and counts in columns
     * of their own that line up like every other figure.
     */
    @Test
    void theControlTotalsShowAmountsAtTheMinorUnitAndTheRecordCountsInColumnsOfTheirOwn() throws Exception {
        List<PdfLine> lines = pdfLines(reportFile("pdf"));
        List<PdfLine> rows = lines.stream().filter(l -> l.text().matches("(CHF|EUR|GBP|SEK|USD) [-\\d,.]+ .* [✓✗] .*")).toList();
        String oneLine = String.join(" ", lines.stream().map(PdfLine::text).toList());

        assertThat(oneLine).contains("USD 329,963.94 308,637.14 21,326.80 0.00 0.00 ✓ 417 417 5",
                "SEK 695.00 0.00 695.00 0.00 0.00 ✓ 0 0 1", "CHF 79,667.29 79,607.45 59.84 0.00 0.00 ✓ 120 120 1");
        assertThat(rows).hasSize(5);
        // each count is right-aligned in its own column: the counts of every currency end where the others end
        for (int count = 1; count <= 3; count++) {
            int at = count;
            List<Float> rightEdges = rows.stream().map(row -> row.rightEdgeOfWordAfter("✓", at)).toList();
            assertThat(rightEdges).as("right edge of count %d in %s", count, rows).allSatisfy(x -> assertThat(x).isCloseTo(rightEdges.get(0),
                    org.assertj.core.data.Offset.offset(0.5f)));
        }
        // the PDF may wrap a file name after its hyphen ("run-" / "report.json")
        assertThat(oneLine.replace("- ", "-")).contains("(exact figures: run-report.json and run-report.csv)");
    }

    /** Issue 12: a run that wrote its reports said "completed through the draft stage". */
    @Test
    void aRunThatWroteItsReportsSaysItCompletedTheReportStage() throws Exception {
        JsonNode atTheEndOfTheRun = JSON.readTree(reportFile("json").toFile());
        Path again = temp.resolve("again");
        reports.write(northwindRun, again, EnumSet.of(ReportFormat.JSON));

        assertThat(atTheEndOfTheRun.at("/run/completedThrough").asString()).isEqualTo("report");
        assertThat(JSON.readTree(again.resolve("run-report.json").toFile()).at("/run/completedThrough").asString()).isEqualTo("report");
        assertThat(pdfText(reportFile("pdf"))).contains("completed through the report stage", "until report; completed through report");
    }

    /** Issue 12: the auditor's report cited "invariant 7", a number only the design brief explains. */
    @Test
    void thePdfSaysWhatItsChecksMeanInsteadOfCitingInvariantNumbers() throws Exception {
        String text = pdfText(reportFile("pdf"));

        assertThat(text).doesNotContainIgnoringCase("invariant");
        assertThat(text).contains("Rows read = rows accepted + rows rejected for every file: no input row is lost");
        assertThat(text).contains("Every period record is in exactly one state (conservation)");
    }

    @Test
    void theCsvWritesNumbersAsNumbers() throws Exception {
        Map<String, List<String[]>> sections = csvSections(reportFile("csv"));

        assertThat(sections).containsKeys("run", "sources", "records", "control_totals", "invoice_totals", "invoices", "exceptions_by_rule",
                "kpis", "steps");
        assertNumeric(sections.get("records"), "valid", "held", "non_billable", "rejected", "total");
        assertNumeric(sections.get("sources"), "rows_read", "rows_accepted", "rows_rejected", "size_bytes");
        assertNumeric(sections.get("control_totals"), "input_billable", "valid", "drafted", "held", "written_off", "difference");
        assertNumeric(sections.get("invoice_totals"), "record_value", "markup", "cap_write_downs", "covered_by_fees", "net", "tax", "gross");
        assertNumeric(sections.get("invoices"), "net", "tax", "gross", "write_down");
        assertThat(sections.get("invoices")).hasSize(1 + 13);
        // a negative amount is still a number, not text made safe with an apostrophe
        String[] gbp = row(sections.get("invoice_totals"), "currency", "GBP");
        assertThat(gbp[column(sections.get("invoice_totals"), "cap_write_downs")]).isEqualTo("-11610.00");
    }

    /**
     * Every page renders (PDFBox draws it, as scripts/readme-picture does for the README), and every
     * font on it is embedded: a reader without DejaVu or Droid Sans shows the same text, and no page
     * falls back to a Helvetica the reader substitutes.
     */
    @Test
    void everyPageRendersAndEveryFontOnItIsEmbedded() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(reportFile("pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                BufferedImage page = renderer.renderImageWithDPI(i, 50, ImageType.RGB);
                assertThat(page.getWidth()).as("page %d", i + 1).isGreaterThan(400);
                PDResources resources = pdf.getPage(i).getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    assertThat(font.isEmbedded()).as("page %d: %s", i + 1, font.getName()).isTrue();
                }
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** A line of a PDF as PDFBox reads it: its words and where each ends on the page. */
    private record PdfLine(List<String> words, List<Float> rightEdges) {

        String text() {
            return String.join(" ", words);
        }

        /** The right edge of the {@code n}-th word after the first word equal to {@code marker}. */
        float rightEdgeOfWordAfter(String marker, int n) {
            return rightEdges.get(words.indexOf(marker) + n);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private static List<PdfLine> pdfLines(Path pdf) throws Exception {
        List<PdfLine> lines = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Float> edges = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (String word : text.split(" ")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
                // the last word of the chunk ends where its last glyph ends
                TextPosition last = positions.get(positions.size() - 1);
                int wordsInChunk = (int) java.util.Arrays.stream(text.split(" ")).filter(w -> !w.isEmpty()).count();
                for (int i = 0; i < wordsInChunk; i++) {
                    edges.add(i == wordsInChunk - 1 ? last.getXDirAdj() + last.getWidthDirAdj() : Float.NaN);
                }
            }

            @Override
            protected void writeLineSeparator() {
                lines.add(new PdfLine(List.copyOf(words), List.copyOf(edges)));
                words.clear();
                edges.clear();
            }
        };
        stripper.setSortByPosition(true);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            stripper.getText(document);
        }
        return lines;
    }

    private Path reportFile(String extension) {
        return REPORTS.resolve("run-" + northwindRun).resolve("run-report." + extension);
    }

    private static JsonNode withoutGenerationTime(Path file) {
        ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
        assertThat(node.get("generatedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        node.remove("generatedAt");
        return node;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        assertThat(node.get(field).isString()).as(field + " is an exact decimal string").isTrue();
        return new BigDecimal(node.get(field).asString());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.get(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " in " + array);
    }

    private static Map<String, List<String[]>> csvSections(Path file) throws Exception {
        Map<String, List<String[]>> sections = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(in)) {
            List<String[]> current = null;
            for (String[] row : csv.readAll()) {
                if (row.length == 2 && row[0].equals("section")) {
                    current = new ArrayList<>();
                    sections.put(row[1], current);
                } else if (!(row.length == 1 && row[0].isEmpty())) {
                    current.add(row);
                }
            }
        }
        return sections;
    }

    private static void assertNumeric(List<String[]> section, String... columns) {
        assertThat(section.size()).as("a header and rows").isGreaterThan(1);
        for (String name : columns) {
            int c = column(section, name);
            for (String[] row : section.subList(1, section.size())) {
                assertThat(row[c]).as(name).matches(PLAIN_NUMBER);
            }
        }
    }

    private static int column(List<String[]> section, String name) {
        String[] header = section.get(0);
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    private static String[] row(List<String[]> section, String column, String value) {
        int c = column(section, column);
        return section.stream().filter(r -> r[c].equals(value)).findFirst().orElseThrow();
    }
}
