package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.ApprovalService;
import org.billrun.assist.risk.RiskScore;
import org.billrun.assist.summary.ApproverSummary;
import org.billrun.disputes.DisputeRisk;
import org.billrun.draft.DraftQueries;
import org.billrun.validate.MilestoneEvidenceQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.draft.DraftQueries.Summary;
import org.billrun.run.RunQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The draft invoices a run wrote: the review queue, and one draft with everything behind its amounts.",
        subcommands = {ReviewCommand.ListDrafts.class, ReviewCommand.Show.class, ReviewDiffCommand.class})
class ReviewCommand {

    @ParentCommand
    BillrunCli root;

    enum Route {
        STRAIGHT_THROUGH, REVIEW, ALL
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List a run's live drafts: totals, route, who reviews them and why.",
                    "Drafts a later run of the period superseded are not listed (billrun diff",
                    "compares two runs). --format csv and json carry every reason in full."})
    static class ListDrafts implements Callable<Integer> {

        @ParentCommand
        ReviewCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        RunArgument runArgument;

        @Option(names = "--route", defaultValue = "all", paramLabel = "ROUTE", description = "straight_through, review or all (default).")
        Route route;

        @Option(names = "--reviewer", paramLabel = "ID|ROLE", description = "Drafts waiting for this reviewer: an id (E-103) or a role (project_manager, finance).")
        String reviewer;

        @Option(names = "--client", paramLabel = "ID", description = "Drafts billed to this client id.")
        String client;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                DraftQueries drafts = app.bean(DraftQueries.class);
                long run = runArgument.resolve(app.bean(RunQueries.class));
                List<Summary> rows = drafts.live(run, new DraftQueries.Filter(route == Route.ALL ? null : route.name(), reviewer, client));
                DraftListPrinter.print(rows, app.bean(DisputeRisk.class).scores(run), output.format(), out);
                if (output.format() == OutputFormat.TABLE) {
                    if (!rows.isEmpty()) {
                        out.println();
                        DraftListPrinter.printTotals(DraftListPrinter.totals(rows), out);
                    }
                    DraftQueries.Superseded superseded = drafts.superseded(run);
                    if (superseded.count() > 0) {
                        out.printf("%,d drafts of run %d were superseded by run %d (billrun review list %d)%n", superseded.count(), run,
                                superseded.byRunId(), superseded.byRunId());
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show one draft and how each of its amounts was found.",
                    "Header, lines with how each amount was found (rate row, FX, markup), tax by group, totals, cap or retainer, "
                            + "why it is routed and to whom, and per line how many records it bills and their value; "
                            + "--annex lists every record. --version N adds version N's approval: its state, amounts, who "
                            + "prepared it, the approvals it needs and the actions taken.",
                    "Exit 2 when there is no such draft or version."})
    static class Show implements Callable<Integer> {

        @ParentCommand
        ReviewCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DRAFT_ID", description = "The draft's id, e.g. 2026-10-NWGB-K-KESTREL-1 (billrun review list).")
        String draftId;

        @Option(names = "--run", paramLabel = "RUN", description = "The run whose draft to show (default: the run holding the live draft).")
        Long runId;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--version", paramLabel = "N", description = "Also show version N of the invoice's approval (1 is the draft).")
        Integer version;

        @Option(names = "--annex", description = "List every record each line bills: kind, key, file:line, date, hours, value, markup, basis.")
        boolean annex;

        @Option(names = "--format", defaultValue = "text", description = "text or json.")
        ShowFormat format;

        enum ShowFormat {
            TEXT, JSON
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                DraftQueries drafts = app.bean(DraftQueries.class);
                long run = runId != null ? runId : drafts.runOf(draftId)
                        .orElseThrow(() -> new UsageException("there is no draft " + draftId + " (billrun review list)"));
                Detail detail = drafts.find(run, draftId, annex)
                        .orElseThrow(() -> new UsageException("run " + run + " has no draft " + draftId));
                ApprovalService.Review review = version == null ? null : app.bean(ApprovalService.class).review(draftId, version);
                if (format == ShowFormat.JSON) {
                    out.println(JsonOutput.write(review == null ? detail : java.util.Map.of("draft", detail, "approval", review)));
                } else {
                    out.println(wrap(ApproverSummary.write(SummaryInputs.of(detail, drafts)), 110));
                    out.println();
                    DraftPrinter.print(detail, annex, out);
                    RiskScore risk = app.bean(DisputeRisk.class).scores(run).get(draftId);
                    if (risk != null) {
                        out.printf("Dispute risk    %s: %s%n", DraftListPrinter.score(risk), DraftListPrinter.factors(risk));
                    }
                    MilestoneEvidencePrinter.print(detail, app.bean(MilestoneEvidenceQueries.class), out);
                    if (review != null) {
                        ApprovalPrinter.print(review, out);
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** The paragraph broken at spaces into lines of at most {@code width} characters. */
        static String wrap(String text, int width) {
            StringBuilder wrapped = new StringBuilder();
            int lineLength = 0;
            for (String word : text.split(" ")) {
                if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                    wrapped.append('\n');
                    lineLength = 0;
                } else if (lineLength > 0) {
                    wrapped.append(' ');
                    lineLength++;
                }
                wrapped.append(word);
                lineLength += word.length();
            }
            return wrapped.toString();
        }
    }
}
