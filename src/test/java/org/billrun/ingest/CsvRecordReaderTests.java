package org.billrun.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTests {

    private static List<CsvRecord> readAll(String text) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            for (CsvRecord r; (r = reader.next()) != null; ) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void numbersEachRecordByThePhysicalLineItStartsOn() throws IOException {
        List<CsvRecord> records = readAll("h1,h2\na,b\n\"multi\nline\",c\nd,e\n");

        assertThat(records).extracting(CsvRecord::lineNo).containsExactly(1L, 2L, 3L, 5L);
        assertThat(records.get(2).fields()).containsExactly("multi\nline", "c");
    }

    @Test
    void skipsBlankLinesWithoutTurningThemIntoRecords() throws IOException {
        List<CsvRecord> records = readAll("h\n\n   \na\n\n");

        assertThat(records).extracting(CsvRecord::lineNo).containsExactly(1L, 4L);
    }

    @Test
    void readsCrlfLineEndingsLikeLf() throws IOException {
        List<CsvRecord> records = readAll("h1,h2\r\na,\"x\r\ny\"\r\nb,c\r\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("a", "x\ny");
        assertThat(records.get(2).lineNo()).isEqualTo(4);
    }

    @Test
    void keepsCommasAndDoubledQuotesInsideQuotedFieldsAndBackslashesAsTheyAre() throws IOException {
        List<CsvRecord> records = readAll("\"Workshop, day 1\",\"he said \"\"hi\"\"\",C:\\temp\n");

        assertThat(records.get(0).fields()).containsExactly("Workshop, day 1", "he said \"hi\"", "C:\\temp");
    }

    @Test
    void anUnclosedQuoteRejectsOnlyItsOwnLineAndReadingResumesOnTheNextLine() throws IOException {
        StringBuilder text = new StringBuilder("h1,h2\nbad,\"never closed\n");
        for (int i = 0; i < 100; i++) {
            text.append("row").append(i).append(",ok\n");
        }
        List<CsvRecord> records = readAll(text.toString());

        assertThat(records.get(1).isMalformed()).isTrue();
        assertThat(records.get(1).lineNo()).isEqualTo(2);
        assertThat(records.get(1).malformedReason()).contains("never closed");
        assertThat(records).hasSize(102);
        assertThat(records.get(2).fields()).containsExactly("row0", "ok");
        assertThat(records.get(2).lineNo()).isEqualTo(3);
        assertThat(records.get(101).lineNo()).isEqualTo(102);
    }

    @Test
    void anUnclosedQuoteOnTheLastLineIsMalformedAndNothingIsLost() throws IOException {
        List<CsvRecord> records = readAll("h\na\n\"open\nb\n");

        assertThat(records).extracting(CsvRecord::lineNo).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(2).isMalformed()).isTrue();
        assertThat(records.get(3).fields()).containsExactly("b");
    }

    @Test
    void resumesAfterTheLastConsumedLineWhenRestarted() throws IOException {
        String text = "h\na\n\"multi\nline\"\nb\nc\n";
        long consumed;
        try (CsvRecordReader first = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            first.next();
            first.next();
            first.next();
            consumed = first.linesConsumed();
        }
        assertThat(consumed).isEqualTo(4);

        try (CsvRecordReader restarted = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            restarted.next();
            restarted.skipLines(consumed);
            CsvRecord next = restarted.next();
            assertThat(next.lineNo()).isEqualTo(5);
            assertThat(next.fields()).containsExactly("b");
        }
    }
}
