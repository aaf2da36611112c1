package org.billrun.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of the rows a query returned, in read order: what a file's SHA-256 is to a file. It is
 * a chain, state = SHA-256(state || row), so that its whole state is 32 bytes a restartable step can
 * save with each chunk and carry on from after a crash. Each row is its values in the input kind's
 * column order, a value written as a marker byte (0 for none, 1 for a value) then its length and its
 * UTF-8 bytes, so that no two different rows encode alike. Plain Java.
 */
final class ContentDigest {

    /** The state before any row: the digest of a query that returned nothing. */
    static final String EMPTY = "0".repeat(64);

    private final MessageDigest sha;
    private byte[] state;
    private ByteBuffer row = ByteBuffer.allocate(1 << 12);

    ContentDigest() {
        this(EMPTY);
    }

    /** Carries on from a state saved by {@link #state()}. */
    ContentDigest(String savedState) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        state = HexFormat.of().parseHex(savedState);
        if (state.length != 32) {
            throw new IllegalArgumentException("not a content digest state: " + savedState);
        }
    }

    /** Adds one row: its values in the kind's column order, null where the row has none. */
    void add(String[] values) {
        row.clear();
        for (String value : values) {
            if (value == null) {
                ensure(1);
                row.put((byte) 0);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                ensure(5 + utf8.length);
                row.put((byte) 1).putInt(utf8.length).put(utf8);
            }
        }
        sha.update(state);
        sha.update(row.array(), 0, row.position());
        state = sha.digest();
    }

    /** The digest of the rows so far, as 64 hex digits. */
    String state() {
        return HexFormat.of().formatHex(state);
    }

    private void ensure(int more) {
        if (row.remaining() < more) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(row.capacity() * 2, row.position() + more));
            row.flip();
            larger.put(row);
            row = larger;
        }
    }
}
