package org.billrun.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.billrun.infra.partition.ClientKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The run's draft invoices as PDFs, one per draft: {@code invoices/<draft_id>.pdf}. PDF only. The
 * drafts are read a batch at a time ({@link DraftInvoiceQueries#between}) and the batches written on
 * all cores ({@link ParallelWrites}), so only a few batches of invoices, annexes included, are in
 * memory however many drafts the run has. A run's own report stage writes them in partitions of the
 * run's clients instead ({@link #writeClients}), which remote workers can take too.
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
        Path folder = Files.createDirectories(dir.resolve(FOLDER));
        Map<String, Path> files = files(folder, ids);
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

    /**
     * Written by the run's report stage: nothing, its invoice PDFs are written before, in partitions of
     * the run's clients ({@link #writeClients}, the step {@code writeInvoices}).
     */
    @Override
    public List<Path> writeInReportStage(long runId, Path dir, Set<ReportFormat> formats) {
        return List.of();
    }

    /**
     * The PDFs of the run's drafts of {@code clients} into {@code dir/invoices}, under the names
     * {@link #write} gives them (unique among all the run's drafts, whichever partition writes them). Each
     * is written under a temporary name and renamed into place, so a reader never sees half a file and a
     * partition killed while writing leaves the previous files intact; its next attempt writes them all again.
     * One file at a time: partitions run side by side on all cores.
     */
    public List<Path> writeClients(long runId, Path dir, Set<ClientKey> clients) throws IOException {
        List<String> ids = drafts.idsOfRun(runId, clients);
        if (ids.isEmpty()) {
            return List.of();
        }
        Path folder = Files.createDirectories(dir.resolve(FOLDER));
        Map<String, Path> files = files(folder, drafts.idsOfRun(runId));
        List<Path> written = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += batch) {
            for (Invoice invoice : drafts.withIds(runId, ids.subList(from, Math.min(ids.size(), from + batch)))) {
                Path file = files.get(invoice.draftId());
                Path partial = folder.resolve("." + file.getFileName() + ".partial");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    InvoicePdf.write(invoice, out);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(file);
            }
        }
        return written;
    }

    /** The subfolder of the invoice PDFs. */
    static final String FOLDER = "invoices";

    /** The file of each of the run's drafts ({@code ids}, all of them, in draft id order): its safe id, made unique in that order. */
    private static Map<String, Path> files(Path folder, List<String> ids) {
        FileNames.Unique names = new FileNames.Unique();
        Map<String, Path> files = new HashMap<>();
        ids.forEach(id -> files.put(id, folder.resolve(names.name(id) + ".pdf")));
        return files;
    }
}
