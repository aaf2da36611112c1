package org.billrun.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default sink: one JSON line per event, appended to {@code events-YYYY-MM-DD.jsonl} in its folder,
 * the day being the event's (UTC). Lines are synced to disk ({@link #flush()}) before the publisher records
 * them delivered; after a crash between the two, the next publish writes them again with the same
 * event id, and readers dedupe by it.
 */
public final class FileSink implements EventSink {

    private final String name;
    private final Path dir;
    private final Map<Path, FileChannel> open = new LinkedHashMap<>();

    public FileSink(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /** The file of one day's events. */
    public static String fileName(java.time.LocalDate day) {
        return "events-" + day + ".jsonl";
    }

    @Override
    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Attempt deliver(OutboxEvent event) {
        Path file = dir.resolve(fileName(event.createdAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
        try {
            FileChannel channel = open.get(file);
            if (channel == null) {
                Files.createDirectories(dir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                open.put(file, channel);
            }
            ByteBuffer line = ByteBuffer.wrap((event.payload() + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            return Attempt.ok(1);
        } catch (IOException e) {
            return Attempt.failed(1, "cannot write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void flush() throws IOException {
        for (FileChannel channel : open.values()) {
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
