package org.billrun.cli;

import java.io.PrintWriter;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;

@Command(name = "rejections", mixinStandardHelpOptions = true, description = {"List the input rows a run rejected: file, line, column, value and reason.",
        "A row of a database source is named by its record id (key), else by its row number in billrun's read order."})
class RejectionsCommand extends RunRowsCommand {

    @Override
    void print(AppContext app, long run, OutputFormat format, PrintWriter out) throws Exception {
        var rejections = app.bean(RunQueries.class).rejections(run, Integer.MAX_VALUE);
        format.print(out, rejections, new String[] {"file", "line", "column", "value", "reason", "key"},
                r -> new String[] {r.file(), Long.toString(r.line()), r.column(), r.value(), r.reason(), r.key()}, () -> {
                    TextTable table = new TextTable("file", "where", "column", "value", "reason");
                    rejections.forEach(r -> table.row(r.file(), r.where(), r.column(), r.value(), r.reason()));
                    table.print(out);
                    out.printf("%,d rejected rows in run %d%n", rejections.size(), run);
                });
    }
}
