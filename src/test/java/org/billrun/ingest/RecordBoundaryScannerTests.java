package org.billrun.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordBoundaryScannerTests {

    private static List<Long> cutLines(String text, long rowsPerPart) {
        return cuts(text, rowsPerPart).stream().map(RecordBoundaryScanner.Cut::line).toList();
    }

    private static List<RecordBoundaryScanner.Cut> cuts(String text, long rowsPerPart) {
        RecordBoundaryScanner scanner = new RecordBoundaryScanner(rowsPerPart);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // feed in small pieces: state must carry across buffer boundaries (a \r\n split in two, say)
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7));
            scanner.feed(piece, piece.length);
        }
        return scanner.cuts();
    }

    private static Set<Long> recordStarts(String text) throws IOException {
        Set<Long> starts = new HashSet<>();
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            for (CsvRecord r; (r = reader.next()) != null; ) {
                starts.add(r.lineNo());
            }
        }
        return starts;
    }

    @Test
    void cutsOnlyWhereTheCsvReaderStartsARecord() throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("a,b,c\r\n");
        String[] shapes = {"x,y,z", "\"quoted, comma\",y,z", "\"two\nlines\",y,z", "\"he said \"\"hi\"\"\",y,z",
            "x,5\" screen,z", "\"crlf\r\ninside\",y,z", "\"ends with quote\"\"\",y,\"\"", "Zoë,王芳,\"Ω\nΩ\""};
        for (int i = 0; i < 5_000; i++) {
            text.append(shapes[random.nextInt(shapes.length)]).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        Set<Long> starts = recordStarts(text.toString());

        List<RecordBoundaryScanner.Cut> cuts = cuts(text.toString(), 100);

        assertThat(cuts).hasSizeGreaterThan(40).allSatisfy(cut -> assertThat(starts).contains(cut.line()));
    }

    @Test
    void givesTheByteOffsetWhereEachCutLineStarts() throws IOException {
        String text = "h1,h2\r\nZoë,\"two\r\nlines\"\r\nb,c\r\n王芳,d\re,f\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        for (RecordBoundaryScanner.Cut cut : cuts(text, 1)) {
            String rest = new String(bytes, (int) cut.offset(), bytes.length - (int) cut.offset(), StandardCharsets.UTF_8);
            try (CsvRecordReader fromCut = new CsvRecordReader(new ByteArrayInputStream(rest.getBytes(UTF_8)), cut.line() - 1);
                    CsvRecordReader whole = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
                CsvRecord expected;
                do {
                    expected = whole.next();
                } while (expected.lineNo() < cut.line());
                CsvRecord actual = fromCut.next();
                assertThat(actual.lineNo()).isEqualTo(expected.lineNo());
                assertThat(actual.fields()).containsExactly(expected.fields());
            }
        }
        assertThat(cutLines(text, 1)).containsExactly(2L, 4L, 5L, 6L);
    }

    @Test
    void doesNotCutAFileWithAQuoteThatIsNeverClosed() {
        StringBuilder text = new StringBuilder("h1,h2\n");
        for (int i = 0; i < 1_000; i++) {
            text.append(i == 10 ? "x,\"oops\n" : "x,y\n");
        }

        assertThat(cutLines(text.toString(), 100)).as("only the cut after the header").containsExactly(2L);
    }

    @Test
    void doesNotCutAfterTheLastLine() {
        assertThat(cutLines("h\na\nb\nc\nd\n", 2)).as("parts of two records: 2-3, 4-5").containsExactly(2L, 4L);
        assertThat(cutLines("h\na\nb\nc\n", 2)).containsExactly(2L, 4L);
        assertThat(cutLines("h\na\nb\n", 2)).as("no empty part after the last line").containsExactly(2L);
        assertThat(cutLines("h\n", 2)).isEmpty();
    }
}
