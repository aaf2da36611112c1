package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** COPY's text format: tab between columns, newline after a row, \N for null, and backslash escapes in text. */
class CopyRowsTests {

    @Test
    void plainTextIsWrittenAsItIsWhateverItsScript() {
        CopyRows rows = new CopyRows(1);

        rows.add("K-ACME-1").add("王芳 (consultant) · Zoë").add(null).add(new BigDecimal("1E+3")).add(7).add(true).endRow();

        assertThat(rows.toString()).isEqualTo("K-ACME-1\t王芳 (consultant) · Zoë\t\\N\t1000\t7\ttrue\n");
    }

    @Test
    void backslashTabAndLineBreaksInTextAreEscapedSoTheyCannotSplitAColumnOrARow() {
        CopyRows rows = new CopyRows(1);

        rows.add("a\\b").add("tab\there").add("two\nlines\r\n").add("王\t芳").endRow();

        assertThat(rows.toString()).isEqualTo("a\\\\b\ttab\\there\ttwo\\nlines\\r\\n\t王\\t芳\n");
    }
}
