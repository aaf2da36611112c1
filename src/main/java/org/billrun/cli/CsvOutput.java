package org.billrun.cli;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.billrun.report.SpreadsheetSafe;

/**
 * CSV on stdout for the listing commands: a header line, then one line per row (LF line ends). Every
 * cell is made spreadsheet-safe: a rejected row's value or a person's reason can start with "=".
 */
final class CsvOutput {

    private CsvOutput() {}

    static <T> void print(PrintWriter out, String[] header, List<T> rows, Function<T, String[]> cells) throws IOException {
        ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build();
        csv.writeNext(header, false);
        for (T row : rows) {
            String[] values = cells.apply(row);
            for (int i = 0; i < values.length; i++) {
                values[i] = SpreadsheetSafe.cell(values[i]);
            }
            csv.writeNext(values, false);
        }
        csv.flush();
    }
}
