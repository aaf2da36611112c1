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
}
