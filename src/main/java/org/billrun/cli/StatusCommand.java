package org.billrun.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.posting.PostingQueries;
import org.billrun.report.ReportService;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "List runs and each entity's postings, or show one run's summary (sources, counts, steps, rejections).")
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
                if (format != OutputFormat.JSON) {
                    printPostings(out, app.bean(PostingQueries.class).byEntity());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Posting per entity (docs/posting.md, "Status"): approved, posted, waiting, failing, latency and failure rate. */
    private static void printPostings(PrintWriter out, List<PostingQueries.EntityStatus> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println("Postings per entity (billrun postings for each one):");
        TextTable table = new TextTable("entity", "approved", "posted", "waiting", "failing", "latency median", "latency p90",
                "failure rate").numeric(1, 2, 3, 4, 5, 6, 7);
        rows.forEach(r -> table.row(r.entityId(), r.approved(), r.posted(), r.waiting(), r.failing(), duration(r.latencyMedian()),
                duration(r.latencyP90()), r.failureRatePct().toPlainString() + " %"));
        table.print(out);
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long seconds = d.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
