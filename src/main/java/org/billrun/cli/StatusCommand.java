package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.billrun.report.ReportService;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "List runs, or show one run's summary (sources, counts, steps, rejections).")
class StatusCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "Run id; without it, every run is listed.")
    Long runId;

    @Option(names = {"-p", "--period"}, paramLabel = "YYYY-MM", description = "Only runs of this period.")
    String period;

    @Mixin
    FormatOption.TableOrJson output;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            RunQueries queries = app.bean(RunQueries.class);
            if (runId != null) {
                var summary = queries.summary(runId, 20)
                        .orElseThrow(() -> new UsageException("there is no run " + runId));
                RunSummaryPrinter.print(summary, false, app.bean(ReportService.class).existingFolderOf(runId), format, out);
            } else {
                var runs = queries.list(period);
                if (format == OutputFormat.JSON) {
                    out.println(JsonOutput.write(runs));
                } else if (runs.isEmpty()) {
                    out.println("No runs yet" + (period == null ? "" : " for " + period) + ".");
                } else {
                    TextTable table = new TextTable("run", "period", "scope", "#", "status", "started", "ended", "rows read", "rejected")
                            .numeric(0, 3, 7, 8);
                    runs.forEach(r -> table.row(r.runId(), r.period(), r.scope(), r.runNumber(), r.status(),
                            Times.format(r.started()), Times.format(r.ended()),
                            r.rowsRead(), r.rowsRejected()));
                    table.print(out);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
