package org.billrun.erp.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.posting.port.OutgoingInvoice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's append-only journal, one line per invoice written: {@code journal.jsonl} (JSON lines, what
 * billrun reads back) and {@code journal.csv} (the same fields, for an ERP import). A line is appended with
 * one write and forced to disk; a line cut short by a crash has no line end, so the next append starts a
 * new line first and readers skip the fragment. The journal is read incrementally: only what was appended
 * since the last read.
 */
final class OutboxJournal {

    static final String JSONL = "journal.jsonl";
    static final String CSV = "journal.csv";
    static final List<String> COLUMNS = List.of("written_at", "entity_id", "reference", "document_id", "idempotency_key", "batch_ref",
            "version_no", "kind", "credited_reference", "client_id", "issue_date", "due_date", "currency", "net", "tax", "gross", "files",
            "ubl_sha256", "pdf_sha256");

    /** One journal line as billrun reads it back. */
    record Entry(String entityId, String reference, String documentId, String idempotencyKey, String currency, BigDecimal gross,
            String line) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Set<String> csvKeys = new HashSet<>();
    private long jsonRead;
    private long csvRead;

    OutboxJournal(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    synchronized Optional<Entry> byKey(String idempotencyKey) throws IOException {
        refresh();
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    synchronized List<Entry> entries() throws IOException {
        refresh();
        return List.copyOf(entries);
    }

    /** Appends the invoice's line to both files (the CSV only if it lacks the key: a crash may have come between the two). */
    synchronized String append(OutgoingInvoice invoice, String documentId, String files, String ublSha256, String pdfSha256)
            throws IOException {
        refresh();
        Map<String, String> row = new LinkedHashMap<>();
        List<String> values = List.of(clock.instant().toString(), invoice.entityId(), invoice.reference(), documentId,
                invoice.idempotencyKey(), text(invoice.batchReference()), Integer.toString(invoice.versionNo()), invoice.kind().name(),
                text(invoice.creditedReference()), invoice.customer().clientId(), text(invoice.issueDate()), text(invoice.dueDate()),
                invoice.currency(), plain(invoice.net()), plain(invoice.tax()), plain(invoice.gross()), files, ublSha256, pdfSha256);
        for (int i = 0; i < COLUMNS.size(); i++) {
            row.put(COLUMNS.get(i), values.get(i));
        }
        if (!csvKeys.contains(invoice.idempotencyKey())) {
            Path csv = dir.resolve(CSV);
            if (!Files.exists(csv) || Files.size(csv) == 0) {
                appendLine(csv, String.join(",", COLUMNS));
            }
            appendLine(csv, String.join(",", values.stream().map(OutboxJournal::csvField).toList()));
        }
        String line = JSON.writeValueAsString(row);
        appendLine(dir.resolve(JSONL), line);
        refresh();
        return line;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** One write of a whole line, forced to disk; a fragment a crash left at the end is closed off first. */
    private static void appendLine(Path file, String line) throws IOException {
        // the outbox lock is held: nobody else writes, so the end of the file is where this line goes
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            String prefix = "";
            long size = channel.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, size - 1);
                if (last.get(0) != '\n') {
                    prefix = "\n";
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
            long at = size;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(true);
        }
    }

    private void refresh() throws IOException {
        jsonRead = readNewLines(dir.resolve(JSONL), jsonRead, this::addJson);
        csvRead = readNewLines(dir.resolve(CSV), csvRead, this::addCsv);
    }

    private void addJson(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (RuntimeException e) {
            return; // a fragment cut short by a crash
        }
        if (node == null || !node.hasNonNull("idempotency_key")) {
            return;
        }
        String gross = node.path("gross").asString("");
        Entry entry = new Entry(node.path("entity_id").asString(), node.path("reference").asString(), node.path("document_id").asString(),
                node.path("idempotency_key").asString(), node.path("currency").asString(), gross.isEmpty() ? null : new BigDecimal(gross), line);
        if (byKey.putIfAbsent(entry.idempotencyKey(), entry) == null) {
            entries.add(entry);
        }
    }

    private void addCsv(String line) {
        // the key (no commas or quotes: entity/number/version) is the fifth column; a fragment or the header has none
        String[] fields = line.split(",", -1);
        if (fields.length >= 5 && !"idempotency_key".equals(fields[4])) {
            csvKeys.add(fields[4]);
        }
    }

    /** Reads the whole lines appended to {@code file} after byte {@code from}; returns where the next read starts. */
    private static long readNewLines(Path file, long from, java.util.function.Consumer<String> line) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= from) {
                return from;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                // read on
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    if (!text.isBlank()) {
                        line.accept(text);
                    }
                    start = i + 1;
                }
            }
            return from + start;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
