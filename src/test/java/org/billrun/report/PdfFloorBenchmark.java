package org.billrun.report;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.draft.DraftInvoiceQueries.AnnexEntry;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.billrun.draft.DraftInvoiceQueries.Line;
import org.billrun.draft.DraftInvoiceQueries.TaxGroup;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.report.pdf.PdfFonts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The invoice PDFs against their floor: a bare OpenPDF loop that writes the same documents (the same
 * text in the same tables: parties, lines, taxes, and the annex on its own page) with the same
 * embedded fonts, but without billrun's layout (font selection per character, styled cells, page
 * marks). Both write into memory on the same number of threads, interleaved round by round, from
 * invoices read once before; so the ratio is the cost of the layout, not of the database or the disk.
 * For a database that holds a drafted run (see {@link ReportBenchmark}):
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java $(cat scripts/jvm.options) -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     org.billrun.report.PdfFloorBenchmark DIR RUN [ROUNDS] [THREADS]</pre>
 *
 * Prints figures only; not a test (surefire runs *Tests classes).
 */
public final class PdfFloorBenchmark {

    interface Renderer {
        void write(Invoice invoice, OutputStream out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long run = Long.parseLong(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        List<Invoice> invoices;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            invoices = new DraftInvoiceQueries(JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl(), server.user(),
                    server.password()))).ofRun(run);
        }
        long annexed = invoices.stream().filter(Invoice::timeAnnex).count();
        System.out.printf("%d invoices (%d with a time annex), %d threads, load average %s%n", invoices.size(), annexed, threads,
                String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double floor = time("floor: bare OpenPDF, same text and fonts", invoices, threads, PdfFloorBenchmark::bare);
            double billrun = time("billrun's InvoicePdf", invoices, threads, InvoicePdf::write);
            ratios.add(billrun / floor);
            System.out.printf("round %d: ratio %.2f%n", round, billrun / floor);
        }
        ratios.sort(Double::compare);
        System.out.printf("median ratio InvoicePdf / floor over %d rounds: %.2f%n", rounds, ratios.get(ratios.size() / 2));
    }

    /** Seconds of wall time to write every invoice on {@code threads} threads (into memory). */
    private static double time(String what, List<Invoice> invoices, int threads, Renderer renderer) throws Exception {
        AtomicLong bytes = new AtomicLong();
        ForkJoinPool pool = new ForkJoinPool(threads);
        long start = System.nanoTime();
        try {
            pool.submit(() -> invoices.parallelStream().forEach(invoice -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
                try {
                    renderer.write(invoice, out);
                } catch (Exception e) {
                    throw new IllegalStateException(invoice.draftId(), e);
                }
                bytes.addAndGet(out.size());
            })).get();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-42s %6.2f s  %7.1f docs/s  %6.1f MB%n", what, seconds, invoices.size() / seconds, bytes.get() / 1e6);
        return seconds;
    }

    /** The same text as the invoice, in plain tables with the same embedded fonts, nothing else. */
    static void bare(Invoice invoice, OutputStream out) throws Exception {
        Font body = new Font(PdfFonts.regular(), 8.5f);
        Font bold = new Font(PdfFonts.boldFont(), 8.5f);
        Document document = new Document(PageSize.A4, 48, 48, 54, 48);
        PdfWriter.getInstance(document, out);
        document.open();
        PdfPTable parties = new PdfPTable(2);
        parties.addCell(new Phrase(invoice.seller().name() + "\n" + invoice.seller().address() + "\n" + invoice.seller().taxId(), bold));
        parties.addCell(new Phrase(invoice.buyer().name() + "\n" + invoice.buyer().address() + "\n" + invoice.buyer().taxId(), body));
        parties.addCell(new Phrase(invoice.draftId() + " " + invoice.invoiceDate() + " " + invoice.serviceFrom() + " " + invoice.serviceTo(),
                body));
        parties.addCell(new Phrase(invoice.contractId() + " " + invoice.poNumber(), body));
        document.add(parties);
        PdfPTable lines = new PdfPTable(new float[] {44, 10, 14, 16, 16});
        for (Line l : invoice.lines()) {
            lines.addCell(new Phrase(l.description(), body));
            lines.addCell(new Phrase(String.valueOf(l.quantity()), body));
            lines.addCell(new Phrase(String.valueOf(l.unitPrice()), body));
            lines.addCell(new Phrase(l.net().toPlainString(), body));
            lines.addCell(new Phrase(l.taxCategory() + " " + l.taxRate(), body));
        }
        lines.addCell(new Phrase("Net " + invoice.net().amount() + " tax " + invoice.tax().amount() + " gross " + invoice.gross().amount(),
                bold));
        lines.completeRow();
        document.add(lines);
        PdfPTable taxes = new PdfPTable(4);
        for (TaxGroup t : invoice.taxGroups()) {
            taxes.addCell(new Phrase(t.category() + " " + t.ratePct(), body));
            taxes.addCell(new Phrase(String.valueOf(t.note()), body));
            taxes.addCell(new Phrase(t.net().toPlainString(), body));
            taxes.addCell(new Phrase(t.tax().toPlainString(), body));
        }
        document.add(taxes);
        if (invoice.timeAnnex()) {
            document.newPage();
            PdfPTable annex = new PdfPTable(new float[] {13, 24, 9, 54});
            for (AnnexEntry e : invoice.annex()) {
                annex.addCell(new Phrase(String.valueOf(e.date()), body));
                annex.addCell(new Phrase(e.consultant(), body));
                annex.addCell(new Phrase(e.hours().toPlainString(), body));
                annex.addCell(new Phrase(e.description(), body));
            }
            document.add(annex);
        }
        document.close();
    }
}
