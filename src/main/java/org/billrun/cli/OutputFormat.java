package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** How results are printed on stdout. */
enum OutputFormat {
    TABLE, JSON, CSV;

    /** Prints {@code rows} as one JSON document, as CSV under {@code header}, or as the command's {@code table}. */
    <T> void print(PrintWriter out, List<T> rows, String[] header, Function<T, String[]> cells, Runnable table) throws IOException {
        switch (this) {
            case JSON -> out.println(JsonOutput.write(rows));
            case CSV -> CsvOutput.print(out, header, rows, cells);
            case TABLE -> table.run();
        }
    }
}
