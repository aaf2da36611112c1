package org.billrun.posting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A fault-injecting ERP for the exactly-once trial (ExactlyOnceFunctionalTests), in test code only: its
 * documents live in a file that outlives the post processes the trial kills, and, unlike a real adapter, it
 * is NOT idempotent per key: every send it accepts is a new document, so a second send by billrun would show
 * as a duplicate. Per send, from a seeded random: 15 % unreachable (nothing created), 10 % accepted but the
 * answer lost (a time-out after the ERP took it), 10 % slow (up to 300 ms more than the 20 ms every accepted
 * send takes); per lookup 5 % unreachable.
 */
@Component
@ConditionalOnProperty(name = "billrun.erp.adapter", havingValue = "flaky")
class FlakyErp implements ErpAdapter {

    private final Path file;
    private final Random random;

    FlakyErp(@Value("${billrun.test.erp-file}") Path file, @Value("${billrun.test.fault-seed:1}") long seed) {
        this.file = file;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public synchronized ErpAnswer send(OutgoingInvoice invoice) {
        double dice = random.nextDouble();
        if (dice < 0.15) {
            return ErpAnswer.failed(ErpAnswer.Outcome.RETRYABLE, "503 service unavailable", "req", null);
        }
        String id = "FLAKY-" + UUID.randomUUID();
        sleep(20); // every answer takes a while, so that kills land between send and record too
        append(invoice.entityId() + "|" + invoice.reference() + "|" + id);
        if (dice < 0.25) {
            return ErpAnswer.failed(ErpAnswer.Outcome.UNKNOWN, "read timed out after the ERP accepted it", "req", null);
        }
        if (dice < 0.35) {
            sleep(random.nextInt(300));
        }
        return ErpAnswer.posted(id, "posted", "req", "resp");
    }

    @Override
    public synchronized List<ErpDocument> lookup(String entityId, String reference) {
        if (random.nextDouble() < 0.05) {
            throw new ErpUnavailableException("connection refused", null);
        }
        return documents(entityId).stream().filter(d -> d.reference().equals(reference)).toList();
    }

    @Override
    public List<ErpDocument> documents(String entityId) {
        return all(file).stream().filter(d -> d.entityId().equals(entityId)).toList();
    }

    /** Every whole document line of the ERP's file (a line a kill cut short is no document). */
    static List<ErpDocument> all(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String content = Files.readString(file);
            int end = content.lastIndexOf('\n');
            return content.substring(0, end + 1).lines().map(l -> l.split("\\|")).filter(f -> f.length == 3 && f[2].length() == 42)
                    .map(f -> new ErpDocument(f[0], f[1], f[2], "posted", null, null)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(String line) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long size = channel.size();
            String prefix = "";
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, size - 1);
                prefix = last.get(0) == '\n' ? "" : "\n";
            }
            ByteBuffer buffer = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
            long at = size;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
