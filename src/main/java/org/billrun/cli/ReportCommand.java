package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.billrun.report.ReportFormat;
import org.billrun.report.ReportService;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Write a run's reports again: the run report for auditors (PDF, JSON, CSV) and the run's other reports.",
        "A run writes them itself at its end, into <reports root>/run-<id> (see --reports-dir).",
        "Prints the files it wrote, one per line."})
class ReportCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    RunArgument runArgument;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "pdf, json or csv; repeat the option or separate with commas (default: all three).")
    List<ReportFormat> formats;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write into (default: the run's reports folder, <reports root>/run-<id>).")
    Path out;

    @Override
    public Integer call() {
        Set<ReportFormat> asked = formats == null || formats.isEmpty() ? EnumSet.allOf(ReportFormat.class) : EnumSet.copyOf(formats);
        PrintWriter stdout = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            RunQueries queries = app.bean(RunQueries.class);
            long run = runArgument.resolve(queries);
            if (queries.summary(run, 0).isEmpty()) {
                throw new UsageException("there is no run " + run);
            }
            ReportService reports = app.bean(ReportService.class);
            Path dir = out != null ? out : reports.folderOf(run);
            try {
                reports.write(run, dir, asked).forEach(file -> stdout.println(file));
            } catch (IOException e) {
                throw new UsageException("cannot write the reports of run " + run + " to " + dir + ": "
                        + (e instanceof AccessDeniedException ? "permission denied on " + e.getMessage() : e.getMessage()), e);
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
