package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvOutputTests {

    @Test
    void aRejectedValueThatLooksLikeAFormulaIsWrittenAsTextWhileANegativeAmountStaysANumber() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);

        List<String[]> rows = List.<String[]>of(new String[] {"1044", "=HYPERLINK(\"x\")", "-12.50"});
        CsvOutput.print(out, new String[] {"line", "value", "amount"}, rows, row -> row.clone());

        assertThat(text.toString()).isEqualTo("line,value,amount\n1044,\"'=HYPERLINK(\"\"x\"\")\",-12.50\n");
    }

    @Test
    void exceptionAmountsAreAtTheirCurrencysMinorUnit() {
        assertThat(ExceptionsCommand.atMinorUnit(new java.math.BigDecimal("111092.0846"), "USD")).isEqualTo("111092.08");
        assertThat(ExceptionsCommand.atMinorUnit(new java.math.BigDecimal("230"), "EUR")).isEqualTo("230.00");
        assertThat(ExceptionsCommand.atMinorUnit(new java.math.BigDecimal("1500.5"), "JPY")).isEqualTo("1501");
        assertThat(ExceptionsCommand.atMinorUnit(new java.math.BigDecimal("-12.345"), "GBP")).isEqualTo("-12.35");
        assertThat(ExceptionsCommand.atMinorUnit(null, "EUR")).isEmpty();
    }
}
