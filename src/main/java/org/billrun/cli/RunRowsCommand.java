package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that prints rows of one run (the RUN argument, default the latest) as a table, CSV or JSON. */
abstract class RunRowsCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    RunArgument runArgument;

    @Mixin
    FormatOption.Any output;

    /** Prints the rows of run {@code run} in {@code format}. */
    abstract void print(AppContext app, long run, OutputFormat format, PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            print(app, runArgument.resolve(app.bean(RunQueries.class)), output.format(), out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
