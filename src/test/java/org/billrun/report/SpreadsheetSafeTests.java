package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetSafeTests {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsKeptAsText() {
        assertThat(SpreadsheetSafe.cell("=HYPERLINK(\"https://wiki.example\",\"Architecture notes\")"))
                .isEqualTo("'=HYPERLINK(\"https://wiki.example\",\"Architecture notes\")");
        assertThat(SpreadsheetSafe.cell("+1 555 0100")).isEqualTo("'+1 555 0100");
        assertThat(SpreadsheetSafe.cell("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(SpreadsheetSafe.cell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(SpreadsheetSafe.cell("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(SpreadsheetSafe.cell("\r\n=1")).isEqualTo("'\r\n=1");
    }

    @Test
    void numbersStayNumbersEvenWhenNegative() {
        assertThat(SpreadsheetSafe.cell("-12.50")).isEqualTo("-12.50");
        assertThat(SpreadsheetSafe.cell("+3")).isEqualTo("+3");
        assertThat(SpreadsheetSafe.cell("1234.5")).isEqualTo("1234.5");
    }

    @Test
    void ordinaryTextAndEmptyCellsAreUntouched() {
        assertThat(SpreadsheetSafe.cell("Workshop, day 1")).isEqualTo("Workshop, day 1");
        assertThat(SpreadsheetSafe.cell("王芳")).isEqualTo("王芳");
        assertThat(SpreadsheetSafe.cell("")).isEmpty();
        assertThat(SpreadsheetSafe.cell(null)).isNull();
    }
}
