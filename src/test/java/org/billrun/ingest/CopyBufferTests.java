package org.billrun.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyBufferTests {

    private static String written(CopyBuffer buffer) {
        return new String(buffer.bytes(), 0, buffer.length(), UTF_8);
    }

    @Test
    void writesNumbersAsLongToStringDoes() {
        long[] values = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 161_533, 999_999_999, 1_000_000_000,
            Integer.MAX_VALUE, Long.MAX_VALUE, -1, -42, Long.MIN_VALUE};
        CopyBuffer buffer = new CopyBuffer(1); // grows as it goes
        StringBuilder expected = new StringBuilder();
        for (long value : values) {
            buffer.number(value).tab();
            expected.append(value).append('\t');
        }
        assertThat(written(buffer)).isEqualTo(expected.toString());
    }

    @Test
    void escapesFreeTextForCopyAndEncodesItAsUtf8() {
        CopyBuffer buffer = new CopyBuffer(4);
        buffer.text("plain").tab().text("a\\b\tc\nd\re").tab().text("王芳 café").tab().nullValue().endRow();

        assertThat(written(buffer)).isEqualTo("plain\ta\\\\b\\tc\\nd\\re\t王芳 café\t\\N\n");
    }
}
