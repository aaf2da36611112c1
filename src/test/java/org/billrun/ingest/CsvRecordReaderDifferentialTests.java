package org.billrun.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link CsvRecordReader} (bytes, with a fast path for plain lines) to the line-by-line reader
 * it replaced ({@link ReferenceCsvRecordReader}, decoding through a BufferedReader as
 * {@link SourceFiles#open} does): the same records with the same line numbers, fields and reasons,
 * and the same restart position after every record, for a corpus of bad input and for random bytes.
 */
class CsvRecordReaderDifferentialTests {

    /** One record as read plus the restart position after it. */
    private record Read(long lineNo, List<String> fields, String malformedReason, long linesConsumed) {}

    static Stream<String> corpus() {
        return Stream.of(
                "h1,h2\na,b\n",
                "h1,h2\r\na,b\r\nc,d\r\n",
                "h1,h2\ra,b\rc,d",
                "a,b\r\r\n\r\nc\n\n\n",
                "\uFEFFentity_id,name\nE1,One\n",
                "a,\"Workshop, day 1\",c\n",
                "a,\"multi\nline\",c\nd,e\n",
                "a,\"multi\r\nline\r\nthree\",c\r\nd,e\r\n",
                "a,\"he said \"\"hi\"\"\",c\n",
                "a,b\"c,d\n",
                "a,\"b\"c,d\n",
                "\"\",\"\"\"\",\n",
                "bad,\"never closed\nx,y\nz\n",
                "h\na\n\"open\nb\n",
                "h\n\"open",
                "   \n\t\n \u3000 \n\u00A0\na,b\n",
                "a,b,,\n,,,\n,\n",
                " a , b \n",
                "a\tb,c\td\n",
                "x\u007Fy,z\n",
                "x\u0001y,z\u001Fq\n",
                "caf\u00E9,\u738B\u82B3,\uD83D\uDE00\n",
                "=cmd|' /C calc'!A0,=HYPERLINK(\"http://x\")\n",
                "C:\\temp,\\N,a\\\\b\n",
                "\n\n\n",
                "",
                "\r",
                "\r\n",
                "last line without a break",
                "\"caf\u00E9, x\",b\n\"a\"\"b\",c\n\"x\" ,y\n\"x\"y,z\na,\"\",\"\"\n\" \",x\n",
                "\"\u3000\"\n\u3000\u3000\n \u3000 ,\n\u2028\n\u2028x\n\u0085\n\u001C\n",
                "\"\u738B\u82B3\",\"\"\"\u00E9\"\"\",\u00E9\"x\n",
                "a,\"b\"\n\"\"\n\"\"\"\"\n\",\"\n",
                "a," + "x".repeat(100_000) + ",b\n" + "c,d\n",
                "a,\"" + "y\n".repeat(60) + "\",b\nnext,row\n");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void readsTheCorpusAsTheLineReaderDid(String text) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        assertSameRecords(bytes);
    }

    @Test
    void readsInvalidUtf8AsTheDecodingReaderDid() throws IOException {
        byte[][] badSequences = {
            {(byte) 0xC3, (byte) 0x28}, {(byte) 0x80}, {(byte) 0xBF, (byte) 0xBF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xE0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
        String[] ends = {"\n", "\r", "\r\n", ",x\n", "\"\n", ""};
        for (byte[] bad : badSequences) {
            for (String end : ends) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes("h1,h2\nCaf".getBytes(UTF_8));
                out.writeBytes(bad);
                out.writeBytes(end.getBytes(UTF_8));
                out.writeBytes("\"q".getBytes(UTF_8));
                out.writeBytes(bad);
                out.writeBytes("\",\"".getBytes(UTF_8));
                out.writeBytes(bad);
                out.writeBytes("\"".getBytes(UTF_8));
                out.writeBytes("\nnext,row\n".getBytes(UTF_8));
                out.writeBytes(bad);
                assertSameRecords(out.toByteArray());
            }
        }
    }

    @Test
    void readsRandomBytesAsTheLineReaderDid() throws IOException {
        byte[][] alphabet = {
            "a".getBytes(UTF_8), "Z9".getBytes(UTF_8), ",".getBytes(UTF_8), ",".getBytes(UTF_8), "\"".getBytes(UTF_8),
            "\"\"".getBytes(UTF_8), "\n".getBytes(UTF_8), "\r".getBytes(UTF_8), "\r\n".getBytes(UTF_8), " ".getBytes(UTF_8),
            "\t".getBytes(UTF_8), "\u00E9".getBytes(UTF_8), "\u738B".getBytes(UTF_8), "\u3000".getBytes(UTF_8),
            {(byte) 0xC3}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {0}, "2026-10-05".getBytes(UTF_8),
            "\u2028".getBytes(UTF_8), "\u007F".getBytes(UTF_8), ",\"".getBytes(UTF_8), "\",".getBytes(UTF_8)};
        Random random = new Random(20261005);
        for (int round = 0; round < 3_000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int tokens = random.nextInt(round % 10 == 0 ? 3_000 : 120);
            for (int t = 0; t < tokens; t++) {
                out.writeBytes(alphabet[random.nextInt(alphabet.length)]);
            }
            assertSameRecords(out.toByteArray());
        }
    }

    @Test
    void aLongPlainFileAcrossManyBufferFillsReadsTheSame() throws IOException {
        StringBuilder text = new StringBuilder("entry_id,hours,description\r\n");
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            text.append("T-").append(i).append(',').append(random.nextInt(24)).append(',');
            switch (i % 7) {
                case 0 -> text.append("\"Workshop, day ").append(i).append('"');
                case 1 -> text.append("\"two\nlines\"");
                case 2 -> text.append("caf\u00E9");
                default -> text.append("plain text ").append("x".repeat(random.nextInt(300)));
            }
            text.append(i % 3 == 0 ? "\n" : "\r\n");
        }
        assertSameRecords(text.toString().getBytes(UTF_8));
    }

    /** Same records and positions: read whole, through small buffers and short reads, and after every possible restart point. */
    private static void assertSameRecords(byte[] bytes) throws IOException {
        List<Read> expected = readReference(bytes, 0);
        String shown = excerpt(bytes);
        assertThat(readNew(new ByteArrayInputStream(bytes), 0, 1 << 16)).as("whole: %s", shown).isEqualTo(expected);
        assertThat(readNew(new TrickleInputStream(bytes, new Random(bytes.length)), 0, 3)).as("trickled: %s", shown).isEqualTo(expected);
        // a restart skips the lines consumed before the last committed record and goes on from there
        for (int k = 0; k < expected.size(); k += Math.max(1, expected.size() / 5)) {
            long skip = expected.get(k).linesConsumed();
            assertThat(readNew(new ByteArrayInputStream(bytes), skip, 5)).as("after %d lines: %s", skip, shown)
                    .isEqualTo(readReference(bytes, skip));
        }
    }

    private static List<Read> readReference(byte[] bytes, long skip) throws IOException {
        var decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (ReferenceCsvRecordReader reader = new ReferenceCsvRecordReader(
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder), 1 << 16))) {
            if (skip > 0) {
                reader.skipLines(skip);
            }
            List<Read> reads = new ArrayList<>();
            for (CsvRecord r; (r = reader.next()) != null; ) {
                reads.add(new Read(r.lineNo(), Arrays.asList(r.fields()), r.malformedReason(), reader.linesConsumed()));
            }
            return reads;
        }
    }

    private static List<Read> readNew(InputStream in, long skip, int bufferSize) throws IOException {
        try (CsvRecordReader reader = new CsvRecordReader(in, 0, bufferSize)) {
            if (skip > 0) {
                reader.skipLines(skip);
            }
            List<Read> reads = new ArrayList<>();
            for (CsvRecord r; (r = reader.next()) != null; ) {
                reads.add(new Read(r.lineNo(), Arrays.asList(r.fields()), r.malformedReason(), reader.linesConsumed()));
            }
            return reads;
        }
    }

    private static String excerpt(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), UTF_8);
        return text.replace("\r", "\\r").replace("\n", "\\n") + (bytes.length > 200 ? "…(" + bytes.length + " bytes)" : "");
    }

    /** Returns a few bytes per read, as a slow pipe might. */
    private static final class TrickleInputStream extends InputStream {

        private final byte[] bytes;
        private final Random random;
        private int position;

        TrickleInputStream(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
