package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rejections", mixinStandardHelpOptions = true, description = "List the input rows a run rejected: file, line, column, value and reason.")
class RejectionsCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    RunArgument runArgument;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            RunQueries queries = app.bean(RunQueries.class);
            long run = runArgument.resolve(queries);
            var rejections = queries.rejections(run, Integer.MAX_VALUE);
            switch (output.format()) {
                case JSON -> out.println(JsonOutput.write(rejections));
                case CSV -> CsvOutput.print(out, new String[] {"file", "line", "column", "value", "reason"}, rejections,
                        r -> new String[] {r.file(), Long.toString(r.line()), r.column(), r.value(), r.reason()});
                case TABLE -> {
                    TextTable table = new TextTable("file", "line", "column", "value", "reason").numeric(1);
                    rejections.forEach(r -> table.row(r.file(), r.line(), r.column(), r.value(), r.reason()));
                    table.print(out);
                    out.printf("%,d rejected rows in run %d%n", rejections.size(), run);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
