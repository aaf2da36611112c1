package org.billrun.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.awt.Color;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.RuleCode;
import org.billrun.infra.RefusedException;
import org.billrun.masterdata.AsOfRun;
import org.billrun.report.pdf.PageMarks;
import org.billrun.report.pdf.PdfFonts;
import org.billrun.report.pdf.PdfStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The exceptions a run saw (raised, or found again), one report per owner,
 * so that each person gets their own list with what to do about every item: {@code exceptions/<owner>.csv}
 * and {@code exceptions/<owner>.pdf}, plus {@code exceptions/all.csv}. The owner is the owner id (a
 * consultant, a project manager, finance's address), else the owner role. CSV cells are made
 * spreadsheet-safe ({@link SpreadsheetSafe}); amounts are written as plain numbers, so that a credit of
 * -12.50 stays a number a spreadsheet can add up.
 */
@Component
public class ExceptionReportWriter implements RunReportPart {

    static final String[] HEADER = {"id", "owner_role", "owner", "status", "severity", "rule", "rule_description", "record_kind",
            "record_key", "file", "line", "amount", "currency", "message", "what_to_do"};

    private static final PdfStyle STYLE = PdfStyle.EXCEPTION_REPORT;
    private static final float BODY = STYLE.body();
    /*
     * The exception reports use the regular weight only: every font a PDF uses is embedded in it (a subset,
     * still ~20 KB and ~1 ms of CPU), and a large firm has hundreds of owners. Without the bold font each
     * report is half the size and about 40 % faster to write.
     */
    private static final Color GREY = STYLE.muted();

    record Item(long id, String ownerRole, String ownerId, String ownerName, String status, String severity, String rule,
            String recordKind, String recordKey, String file, Integer line, BigDecimal amount, String currency, String message) {

        String owner() {
            return ownerId == null || ownerId.isBlank() ? ownerRole : ownerId;
        }

        /** The catalog's entry; a rule code an older billrun wrote and this one no longer knows has none. */
        RuleCode ruleCode() {
            try {
                return RuleCode.valueOf(rule);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private final JdbcClient jdbc;

    public ExceptionReportWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        boolean csv = formats.contains(ReportFormat.CSV);
        boolean pdf = formats.contains(ReportFormat.PDF);
        if (!csv && !pdf) {
            return List.of();
        }
        String period = jdbc.sql("SELECT period FROM billing_run WHERE run_id = ?").param(runId).query(String.class).optional()
                .orElseThrow(() -> new RefusedException("there is no run " + runId));
        List<Item> items = items(runId);
        Map<String, List<Item>> byOwner = new LinkedHashMap<>();
        for (Item item : items) {
            byOwner.computeIfAbsent(item.owner(), k -> new ArrayList<>()).add(item);
        }
        Path folder = Files.createDirectories(dir.resolve("exceptions"));
        FileNames.Unique names = new FileNames.Unique("all");
        record Owner(String owner, String fileName, List<Item> items) {}
        List<Owner> owners = byOwner.entrySet().stream().map(e -> new Owner(e.getKey(), names.name(e.getKey()), e.getValue())).toList();
        List<Path> written = new ArrayList<>();
        if (csv) {
            for (Owner o : owners) {
                written.add(writeCsv(folder.resolve(o.fileName() + ".csv"), o.items()));
            }
        }
        if (pdf) {
            written.addAll(ParallelWrites.each(owners, o -> writePdf(folder.resolve(o.fileName() + ".pdf"), o.owner(), o.items(), period, runId,
                    o.fileName() + ".csv")));
        }
        if (csv) {
            // written even when the run saw no exception: an empty list says so
            written.add(writeCsv(folder.resolve("all.csv"), items));
        }
        return written;
    }

    /**
     * The exceptions of the run's period that were open to it, whatever the scope (validation checks the
     * whole period): raised by it or before, and seen by it or later. Right after the run that is
     * last_seen_run_id = the run; a later run of the
     * period that finds them again moves last_seen_run_id on, and a report of the earlier run written
     * then still lists them (as billrun exceptions --run does). By owner, then severity (block first)
     * and rule, as each owner's report lists them.
     */
    private List<Item> items(long runId) {
        return jdbc.sql("""
                SELECT x.exception_id, x.owner_role, x.owner_id, k.name, x.status, x.severity, x.rule_code, x.record_kind,
                       x.record_key, x.source_file, x.line_no, x.amount, x.currency, x.message
                FROM validation_exception x
                JOIN billing_run r ON r.run_id = :run AND x.period = r.period
                LEFT JOIN %s k ON k.consultant_id = x.owner_id
                WHERE x.raised_by_run_id <= r.run_id AND x.last_seen_run_id >= r.run_id
                ORDER BY coalesce(x.owner_id, x.owner_role), CASE x.severity WHEN 'block' THEN 0 ELSE 1 END, x.rule_code,
                         x.record_key, x.exception_id""".formatted(AsOfRun.versions("consultant", "consultant_id")))
                .param("run", runId)
                .query((rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), (Integer) rs.getObject(11),
                        rs.getBigDecimal(12), rs.getString(13), rs.getString(14)))
                .list();
    }

    private static Path writeCsv(Path file, List<Item> items) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // a byte order mark, so that Excel reads the file as UTF-8 (names such as 王芳 or Łukasz Żółć)
            out.write('\uFEFF');
            ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build();
            csv.writeNext(HEADER, false);
            for (Item x : items) {
                RuleCode rule = x.ruleCode();
                String[] cells = {Long.toString(x.id()), x.ownerRole(), x.ownerId(), x.status(), x.severity(), x.rule(),
                        rule == null ? "" : rule.description(), x.recordKind(), x.recordKey(), x.file(),
                        x.line() == null ? "" : x.line().toString(), number(x.amount(), x.currency()), x.currency(), x.message(),
                        rule == null ? "" : rule.action()};
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = SpreadsheetSafe.cell(cells[i]);
                }
                csv.writeNext(cells, false);
            }
            csv.flush();
        }
        return file;
    }

    /** A plain number ("-12.50"): the currency's decimals at least, never fewer than the amount has, no grouping. */
    static String number(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        int digits = currency == null ? 0 : MoneyFormat.minorDigits(currency);
        return amount.setScale(Math.max(digits, Math.max(0, amount.stripTrailingZeros().scale()))).toPlainString();
    }

    /**
     * Most exceptions a person's PDF lists: beyond that a PDF is no longer read (and a table of
     * hundreds of thousands of rows would not fit in memory); the CSV lists every one.
     */
    static final int PDF_ROWS = 2_000;

    private static Path writePdf(Path file, String owner, List<Item> items, String period, long runId, String csvName)
            throws IOException {
        Item first = items.get(0);
        String who = first.ownerName() == null ? owner : owner + " " + first.ownerName();
        String roles = items.stream().map(i -> i.ownerRole().replace('_', ' ')).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 42);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PageMarks("Exceptions for " + owner + " · period " + period + " · run " + runId, null));
            document.addTitle("Exceptions for " + owner + ", period " + period);
            document.addCreator("billrun");
            document.open();
            document.add(STYLE.lines(8, PdfFonts.text("Exceptions for " + who, 15),
                    PdfFonts.text(roles + " · period " + period + " · run " + runId, 9, false, GREY)));
            document.add(table(items.size() > PDF_ROWS ? items.subList(0, PDF_ROWS) : items));
            if (items.size() > PDF_ROWS) {
                document.add(STYLE.lines(4, PdfFonts.text(String.format("Showing the first %,d of %,d exceptions (blocking first, by rule); "
                        + "%s lists them all.", PDF_ROWS, items.size(), csvName), 9, true, GREY)));
            }
            document.add(STYLE.lines(0, totals(items)));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out the exception report for " + owner, e);
        }
        return file;
    }

    private static PdfPTable table(List<Item> items) {
        PdfPTable table = STYLE.table(6, 6, 6, 22, 17, 10, 33);
        for (String h : List.of("Id", "Status", "Severity", "Rule", "Record", "Amount", "Message and what to do")) {
            table.addCell(STYLE.header(PdfFonts.text(h, BODY), h.equals("Amount")));
        }
        for (Item x : items) {
            RuleCode rule = x.ruleCode();
            table.addCell(STYLE.text(Long.toString(x.id()), BODY));
            table.addCell(STYLE.text(x.status(), BODY));
            table.addCell(STYLE.text(x.severity(), BODY));
            Phrase ruleCell = PdfFonts.text(x.rule() + (rule == null ? "" : "\n"), BODY);
            if (rule != null) {
                ruleCell.add(PdfFonts.text(rule.description(), STYLE.small(), false, GREY));
            }
            table.addCell(STYLE.cell(ruleCell, false));
            String where = x.file() == null ? "" : "\n" + x.file() + (x.line() == null ? "" : " line " + x.line());
            table.addCell(STYLE.text(x.recordKind() + " " + x.recordKey() + where, BODY));
            table.addCell(STYLE.number(x.amount() == null ? "" : money(x.amount(), x.currency()), BODY));
            Phrase message = PdfFonts.text(x.message() + (rule == null ? "" : "\n"), BODY);
            if (rule != null) {
                message.add(PdfFonts.text("What to do: " + rule.action(), BODY, false, GREY));
            }
            table.addCell(STYLE.cell(message, false));
        }
        table.setSpacingAfter(10);
        return table;
    }

    private static Phrase totals(List<Item> items) {
        long block = items.stream().filter(i -> i.severity().equals("block")).count();
        long open = items.stream().filter(i -> i.status().equals("open")).count();
        Map<String, BigDecimal> atStake = new TreeMap<>();
        for (Item i : items) {
            if (i.amount() != null) {
                atStake.merge(i.currency() == null ? "" : i.currency(), i.amount(), BigDecimal::add);
            }
        }
        String amounts = atStake.isEmpty() ? "none"
                : atStake.entrySet().stream().map(e -> money(e.getValue(), e.getKey().isEmpty() ? null : e.getKey()))
                        .collect(Collectors.joining(", "));
        return PdfFonts.text(items.size() + " exceptions (" + block + " block, " + (items.size() - block) + " warn; " + open
                + " open). Amount at stake: " + amounts + ".", 9);
    }

    private static String money(BigDecimal amount, String currency) {
        return currency == null ? MoneyFormat.number(amount, 2) : MoneyFormat.format(amount, currency);
    }
}
