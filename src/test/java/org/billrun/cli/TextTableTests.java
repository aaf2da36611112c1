package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables on a terminal line up by display width: a Chinese, Japanese or Korean character takes two columns. */
class TextTableTests {

    private static List<String> print(TextTable table) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        table.print(out);
        out.flush();
        return text.toString().lines().toList();
    }

    @Test
    void aMissingTimeTableWithCjkNamesLinesUpItsColumns() {
        TextTable table = new TextTable("consultant", "name", "entity", "missing h").numeric(3)
                .row("E-101", "山田 太郎", "JP01", "12.00")
                .row("E-102", "Anna Schmidt", "DE01", "3.50")
                .row("E-103", "김민준", "KR01", "120.25")
                .row("E-104", "王芳", "CN01", "8.00");

        assertThat(print(table)).containsExactly(
                "consultant  name          entity  missing h",
                "----------  ------------  ------  ---------",
                "E-101       山田 太郎     JP01        12.00",
                "E-102       Anna Schmidt  DE01         3.50",
                "E-103       김민준        KR01       120.25",
                "E-104       王芳          CN01         8.00");
    }

    @Test
    void aColumnAsWideAsItsWidestCjkCellIsMeasuredInDisplayColumns() {
        TextTable table = new TextTable("line", "basis").numeric(0)
                .row(1, "コンサルティング")
                .row(12, "time");

        assertThat(print(table)).containsExactly(
                "line  basis",
                "----  ----------------",
                "   1  コンサルティング",
                "  12  time");
    }

    @Test
    void displayWidthCountsWideCharactersTwiceAndCombiningMarksNotAtAll() {
        assertThat(DisplayWidth.of("Anna")).isEqualTo(4);
        assertThat(DisplayWidth.of("山田")).isEqualTo(4);
        assertThat(DisplayWidth.of("김민준")).isEqualTo(6);
        assertThat(DisplayWidth.of("ＡＢ")).as("fullwidth forms").isEqualTo(4);
        assertThat(DisplayWidth.of("Zoë")).isEqualTo(3);
        assertThat(DisplayWidth.of("Zoe\u0308")).as("e and a combining diaeresis").isEqualTo(3);
        assertThat(DisplayWidth.of("𠀋")).as("a CJK extension B ideograph, outside the BMP").isEqualTo(2);
    }
}
