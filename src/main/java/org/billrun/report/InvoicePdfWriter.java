package org.billrun.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The run's draft invoices as PDFs, one per draft: {@code invoices/<draft_id>.pdf}. PDF only. The
 * drafts are read a batch at a time ({@link DraftInvoiceQueries#between}) and the batches written on
 * all cores ({@link ParallelWrites}), so only a few batches of invoices, annexes included, are in
 * memory however many drafts the run has.
 */
@Component
public class InvoicePdfWriter implements RunReportPart {

    /** Drafts read and written together: large enough that four set-based queries serve many PDFs. */
    static final int BATCH = 32;

    private final DraftInvoiceQueries drafts;
    private final int batch;

    @Autowired
    public InvoicePdfWriter(DraftInvoiceQueries drafts) {
        this(drafts, BATCH);
    }

    InvoicePdfWriter(DraftInvoiceQueries drafts, int batch) {
        this.drafts = drafts;
        this.batch = batch;
    }

    @Override
    public List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        if (!formats.contains(ReportFormat.PDF)) {
            return List.of();
        }
        List<String> ids = drafts.idsOfRun(runId);
        if (ids.isEmpty()) {
            return List.of();
        }
        Path folder = Files.createDirectories(dir.resolve("invoices"));
        FileNames.Unique names = new FileNames.Unique();
        Map<String, Path> files = new HashMap<>();
        ids.forEach(id -> files.put(id, folder.resolve(names.name(id) + ".pdf")));
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batch) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + batch)));
        }
        ParallelWrites.each(batches, slice -> {
            for (Invoice invoice : drafts.between(runId, slice.get(0), slice.get(slice.size() - 1))) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(files.get(invoice.draftId())), 1 << 16)) {
                    InvoicePdf.write(invoice, out);
                }
            }
            return folder;
        });
        return ids.stream().map(files::get).toList();
    }
}
