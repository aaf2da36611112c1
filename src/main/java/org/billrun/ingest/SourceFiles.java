package org.billrun.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Opening input files the same way everywhere: UTF-8, bad bytes replaced so that the row, not the file, is rejected. */
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

    /**
     * SHA-256, size, a line count (an estimate of the rows, for progress) and the lines where the
     * file may be cut into parts of about {@code rowsPerPart} records.
     */
    public record Fingerprint(String sha256, long sizeBytes, long lines, List<RecordBoundaryScanner.Cut> cuts) {}

    public static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads the file once through a {@link RecordBoundaryScanner}. */
    static RecordBoundaryScanner scan(Path file, long rowsPerPart) throws IOException {
        RecordBoundaryScanner scanner = new RecordBoundaryScanner(rowsPerPart);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                scanner.feed(buffer, n);
            }
        }
        return scanner;
    }
}
