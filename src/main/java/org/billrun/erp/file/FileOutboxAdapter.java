package org.billrun.erp.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default ERP adapter (docs/posting.md, "The file outbox"): per invoice its UBL XML and its PDF in the
 * outbox folder, {@code <outbox>/<entity>/<final number>.xml} and {@code .pdf}, each written to a temporary
 * file and renamed into place; and one line per posted invoice appended to the journal, {@code journal.csv}
 * and {@code journal.jsonl}, which an ERP import job or a Peppol access point reads. A send whose
 * idempotency key the journal already has writes nothing and answers with the same document id; lookup and
 * documents read the journal. One process at a time writes (a lock on {@code .lock} in the folder).
 */
@Component
@ConditionalOnProperty(name = "billrun.erp.adapter", havingValue = "file", matchIfMissing = true)
public class FileOutboxAdapter implements ErpAdapter {

    /** Spring property naming the outbox folder (the CLI sets it from --outbox, $BILLRUN_OUTBOX_DIR or next to --data-dir). */
    public static final String DIR_PROPERTY = "billrun.erp.outbox-dir";

    private final Path dir;
    private final OutboxJournal journal;

    @Autowired
    public FileOutboxAdapter(@Value("${" + DIR_PROPERTY + ":${BILLRUN_OUTBOX_DIR:${user.home}/.billrun/outbox}}") Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.journal = new OutboxJournal(this.dir, clock);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public synchronized ErpAnswer send(OutgoingInvoice invoice) {
        String requestDigest = digest(invoice.ublXml(), invoice.pdf());
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                var known = journal.byKey(invoice.idempotencyKey());
                if (known.isPresent()) {
                    return ErpAnswer.posted(known.get().documentId(), "already in the outbox", requestDigest,
                            digest(known.get().line().getBytes(StandardCharsets.UTF_8)));
                }
                Path folder = dir.resolve(safe(invoice.entityId()));
                Files.createDirectories(folder);
                String stem = safe(invoice.reference());
                if (invoice.ublXml() != null) {
                    writeAtomically(folder.resolve(stem + ".xml"), invoice.ublXml());
                }
                if (invoice.pdf() != null) {
                    writeAtomically(folder.resolve(stem + ".pdf"), invoice.pdf());
                }
                String documentId = invoice.entityId() + "/" + invoice.reference() + "/" + invoice.versionNo();
                String line = journal.append(invoice, documentId, dir.relativize(folder.resolve(stem)).toString(),
                        digest(invoice.ublXml()), digest(invoice.pdf()));
                return ErpAnswer.posted(documentId, "written", requestDigest, digest(line.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException | UncheckedIOException e) {
            // the files may be half there; the journal line is not: a retry looks up first and writes again
            return ErpAnswer.failed(ErpAnswer.Outcome.UNKNOWN, "cannot write to the outbox " + dir + ": " + e.getMessage(), requestDigest,
                    null);
        }
    }

    @Override
    public List<ErpDocument> lookup(String entityId, String reference) {
        return documents(entityId).stream().filter(d -> d.reference().equals(reference)).toList();
    }

    @Override
    public List<ErpDocument> documents(String entityId) {
        try {
            return journal.entries().stream().filter(e -> e.entityId().equals(entityId))
                    .map(e -> new ErpDocument(e.entityId(), e.reference(), e.documentId(), "written", e.currency(), e.gross())).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ErpUnavailableException("cannot read the outbox journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file beside the target, forces it to disk and renames it into place. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file name part: letters, digits, dot, dash and underscore; anything else becomes an underscore. */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    static String digest(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                if (part != null) {
                    sha.update(part);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
