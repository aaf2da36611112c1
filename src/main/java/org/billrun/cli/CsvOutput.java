package org.billrun.cli;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** CSV on stdout for the listing commands: a header line, then one line per row (LF line ends). */
final class CsvOutput {

    private CsvOutput() {}

    static <T> void print(PrintWriter out, String[] header, List<T> rows, Function<T, String[]> cells) throws IOException {
        ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build();
        csv.writeNext(header, false);
        for (T row : rows) {
            csv.writeNext(cells.apply(row), false);
        }
        csv.flush();
    }
}
