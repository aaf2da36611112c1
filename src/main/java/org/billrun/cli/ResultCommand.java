package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works out one result in the database and prints it: with --format json as one document, else as
 * text for a person. It owns the --format option (table or json), opening and closing the application, and the exit
 * code (0; an exception maps to its code in {@link BillrunCli}); a subclass says how to open the application (its
 * parent command holds the global options), what the result is, and how it reads as text.
 */
abstract class ResultCommand<T> implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption.TableOrJson output;

    /** The application, opened with the global options of the command's root. */
    abstract AppContext open();

    abstract T result(AppContext app) throws Exception;

    abstract void printText(T result, PrintWriter out);

    @Override
    public final Integer call() throws Exception {
        OutputFormat format = output.format();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = open()) {
            T result = result(app);
            if (format == OutputFormat.JSON) {
                out.println(JsonOutput.write(result));
            } else {
                printText(result, out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
