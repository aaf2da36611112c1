package org.billrun.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.billrun.report.DraftInvoices.Invoice;
import org.springframework.stereotype.Component;

/** The run's draft invoices as PDFs, one per draft: {@code invoices/<draft_id>.pdf}. PDF only. */
@Component
public class InvoicePdfWriter implements RunReportPart {

    private final DraftInvoices drafts;

    public InvoicePdfWriter(DraftInvoices drafts) {
        this.drafts = drafts;
    }

    @Override
    public List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        if (!formats.contains(ReportFormat.PDF)) {
            return List.of();
        }
        List<Invoice> invoices = drafts.ofRun(runId);
        if (invoices.isEmpty()) {
            return List.of();
        }
        Path folder = Files.createDirectories(dir.resolve("invoices"));
        try {
            return invoices.stream().map(invoice -> write(invoice, folder.resolve(FileNames.safe(invoice.draftId()) + ".pdf"))).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path write(Invoice invoice, Path file) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            InvoicePdf.write(invoice, out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
