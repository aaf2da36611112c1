package org.billrun.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.billrun.infra.InputFileException;

/** Reading input files the same way everywhere: UTF-8, bad bytes replaced so that the row, not the file, is rejected. */
public final class SourceFiles {

    private SourceFiles() {}

    public static BufferedReader open(Path file) throws IOException {
        return open(file, 0);
    }

    /** Opens the file at a byte offset (the start of a line). */
    public static BufferedReader open(Path file, long offset) throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(offset);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /** The raw bytes of the file from a byte offset (the start of a line), for {@link CsvRecordReader}. */
    static InputStream openBytes(Path file, long offset) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /**
     * The header line's column names.
     *
     * @throws InputFileException when the file has no readable header line
     */
    static String[] readHeader(SourceKind kind, Path file) throws IOException {
        try (CsvRecordReader records = new CsvRecordReader(openBytes(file, 0))) {
            CsvRecord header = records.next();
            if (header == null || header.isMalformed()) {
                throw new InputFileException(kind.fileName() + ": the first line must be the header naming the columns");
            }
            return header.fields();
        }
    }

    /**
     * SHA-256, size, a line count (an estimate of the rows, for progress) and the lines where the
     * file may be cut into parts of about {@code rowsPerPart} records.
     */
    public record Fingerprint(String sha256, long sizeBytes, long lines, List<RecordBoundaryScanner.Cut> cuts) {}

    /**
     * Fingerprints of every file. The checksum and the boundary scan of a file are separate tasks,
     * queued largest file first on one thread per core, so that the biggest file's two passes run
     * side by side (a parallel stream would split the list in halves and put both on one thread).
     */
    static Map<SourceKind, Fingerprint> fingerprints(Map<SourceKind, Path> files, long rowsPerPart) {
        Map<SourceKind, String> checksums = new ConcurrentHashMap<>();
        Map<SourceKind, RecordBoundaryScanner> scans = new ConcurrentHashMap<>();
        List<Runnable> tasks = new ArrayList<>();
        files.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<SourceKind, Path> e) -> e.getValue().toFile().length()).reversed())
                .forEach(e -> {
                    tasks.add(() -> checksums.put(e.getKey(), sha256(e.getValue())));
                    tasks.add(() -> scans.put(e.getKey(), scan(e.getValue(), rowsPerPart)));
                });
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> running = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> task : running) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the input files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<SourceKind, Fingerprint> prints = new EnumMap<>(SourceKind.class);
        files.keySet().forEach(kind -> {
            RecordBoundaryScanner scan = scans.get(kind);
            prints.put(kind, new Fingerprint(checksums.get(kind), scan.bytes(), scan.lines(), scan.cuts()));
        });
        return prints;
    }

    static String sha256(Path file) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        readBytes(file, sha::update);
        return HexFormat.of().formatHex(sha.digest());
    }

    static RecordBoundaryScanner scan(Path file, long rowsPerPart) {
        RecordBoundaryScanner scanner = new RecordBoundaryScanner(rowsPerPart);
        readBytes(file, (buffer, offset, length) -> scanner.feed(buffer, length));
        return scanner;
    }

    private interface BytesConsumer {
        void accept(byte[] buffer, int offset, int length);
    }

    private static void readBytes(Path file, BytesConsumer consumer) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                consumer.accept(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
