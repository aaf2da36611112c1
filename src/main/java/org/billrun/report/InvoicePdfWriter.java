package org.billrun.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.springframework.stereotype.Component;

/** The run's draft invoices as PDFs, one per draft: {@code invoices/<draft_id>.pdf}. PDF only. */
@Component
public class InvoicePdfWriter implements RunReportPart {

    private final DraftInvoiceQueries drafts;

    public InvoicePdfWriter(DraftInvoiceQueries drafts) {
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
        FileNames.Unique names = new FileNames.Unique();
        record Job(Invoice invoice, Path file) {}
        List<Job> jobs = invoices.stream().map(i -> new Job(i, folder.resolve(names.name(i.draftId()) + ".pdf"))).toList();
        return ParallelWrites.each(jobs, job -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(job.file()), 1 << 16)) {
                InvoicePdf.write(job.invoice(), out);
            }
            return job.file();
        });
    }
}
