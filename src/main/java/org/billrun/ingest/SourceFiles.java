package org.billrun.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Opening input files the same way everywhere: UTF-8, bad bytes replaced so that the row, not the file, is rejected. */
public final class SourceFiles {

    private SourceFiles() {}

    public static BufferedReader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }

    /** SHA-256, size and a line count (an estimate of the rows, for progress) in one streaming pass. */
    public record Fingerprint(String sha256, long sizeBytes, long lines) {}

    public static Fingerprint fingerprint(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        long newlines = 0;
        int last = '\n';
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        newlines++;
                    }
                }
                last = buffer[n - 1];
            }
        }
        long lines = newlines + (size > 0 && last != '\n' ? 1 : 0);
        return new Fingerprint(HexFormat.of().formatHex(sha.digest()), size, lines);
    }
}
