package org.billrun.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, built directly as UTF-8 bytes: tab between values, newline
 * after each row, {@code \N} for null, and backslash, tab, newline and carriage return escaped in
 * free text. Going through a String and a Reader instead cost a copy, an encoding pass, and a
 * widening to UTF-16 of the whole chunk whenever one value had a character beyond Latin-1.
 */
final class CopyBuffer {

    private byte[] bytes;
    private int length;

    CopyBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** A value known to be ASCII (ids, codes, dates, numbers, booleans: the field parser checked them). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies the low byte of each char: exact for ASCII
    CopyBuffer ascii(String value) {
        ensure(value.length());
        value.getBytes(0, value.length(), bytes, length);
        length += value.length();
        return this;
    }

    /** A line number: its decimal digits, written without a String in between. */
    CopyBuffer number(long value) {
        if (value < 0) {
            return ascii(Long.toString(value));
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /** Bytes as they are, such as a prefix that every row of a chunk starts with. */
    CopyBuffer raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** Free text: escaped for COPY, then encoded as UTF-8. */
    CopyBuffer text(String value) {
        if (isPlainAscii(value)) { // most text: no escaping, and its UTF-8 is its chars
            return ascii(value);
        }
        String escaped = value;
        if (value.indexOf('\\') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
        byte[] utf8 = escaped.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** One pass instead of four escape searches and an encoding pass with its own array. */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    CopyBuffer nullValue() {
        return ascii("\\N");
    }

    CopyBuffer tab() {
        return put((byte) '\t');
    }

    CopyBuffer endRow() {
        return put((byte) '\n');
    }

    boolean isEmpty() {
        return length == 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private CopyBuffer put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
