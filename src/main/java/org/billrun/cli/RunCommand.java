package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.billrun.draft.DraftPreview;
import org.billrun.draft.DraftQueries.Summary;
import org.billrun.infra.InputFileException;
import org.billrun.infra.InputPaths;
import org.billrun.infra.RootCause;
import org.billrun.infra.RunFailure;
import org.billrun.infra.RunParameters;
import org.billrun.infra.Stage;
import org.billrun.infra.Termination;
import org.billrun.infra.partition.PartitionSettings;
import org.billrun.ingest.DatabaseSource;
import org.billrun.report.ReportService;
import org.billrun.run.DatabaseInput;
import org.billrun.run.RunDefinition;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.springframework.batch.core.BatchStatus;
import org.billrun.draft.RebillDrafts;
import org.billrun.draft.port.Rebills;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run billing for a period: bring it up to date from its input folder or database.",
        "The input is a folder of exports (--input), or the database a run definition names (source.url and its queries; "
                + "see docs/input-formats.md).",
        "If the period's latest run did not finish (failed, stopped or killed), it is resumed where it stopped;",
        "otherwise a new run starts. Loading unchanged files or query results again adds nothing.",
        "",
        "--dry-run computes the drafts of the period's latest validated run (same",
        "scope) from the data as it is now, exceptions waived since included, and",
        "prints them with totals per currency. It does not ingest or validate again",
        "(--input, --until, --policy and --as-of are not used) and stores nothing:",
        "no run, no draft, no audit entry; it only reads, in a read-only transaction.",
        "Exit 0; exit 2 when the period has no validated run, or when records of",
        "the period were loaded since it validated them (validate them first)."})
class RunCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--period"}, paramLabel = "YYYY-MM", description = "Billing period: yyyy-MM, current or previous.")
    String period;

    @Option(names = {"-i", "--input"}, paramLabel = "DIR", description = "Folder of CSV exports (see docs/input-formats.md); wins over the run definition's input or database.")
    Path input;

    @Option(names = "--scope", description = "'all' (default) or a legal entity id of the input's entities (else exit 2). Scope keys the run and its drafts; ingest and validation cover every entity.")
    String scope;

    @Option(names = "--until", paramLabel = "STAGE", description = "Last stage to run: ingest, validate, draft or report (default: report, the last this version has).")
    String until;

    @Option(names = "--policy", paramLabel = "FILE", description = "The firm's policy file (default: the run definition's policy, else policy.properties in the input folder, else the documented defaults).")
    Path policy;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Count the missing-time report up to this date (default: yesterday, within the period).")
    LocalDate asOf;

    @Option(names = {"-d", "--definition"}, paramLabel = "FILE", description = "Run definition, e.g. jobs/month-end.properties; options given here win.")
    Path definitionFile;

    @Mixin
    FormatOption.TableOrJson output;

    @Option(names = "--workers", paramLabel = "WHERE", description = "Where the partitioned steps run: local (threads of this process, the default) "
            + "or remote (`billrun worker` processes sharing the database take them; see docs/scale-out.md).")
    PartitionSettings.Workers workers;

    @Option(names = "--rebill", description = "A run for the period's rebills: refused (exit 2) when no approved credit with --rebill waits in the "
            + "period (none, or its rebill was acted on); otherwise a run like any other, which drafts the reopened records again on "
            + "drafts of their own (docs/credits.md, \"Rebills\").")
    boolean rebill;

    @Option(names = "--dry-run", description = "Print the drafts the period's latest validated run would get now; store nothing (see above).")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (output.format == OutputFormat.CSV) {
            throw new UsageException("run prints its summary as table or json; for CSV use `billrun rejections --format csv`");
        }
        RunDefinition definition = definitionFile == null ? RunDefinition.NONE : RunDefinition.load(definitionFile);
        String periodText = either(period, definition.period(), null);
        if (periodText == null) {
            throw new UsageException("--period is required (or a run definition that names one)");
        }
        if (dryRun) {
            return dryRun(RunDefinition.resolvePeriod(periodText, Clock.systemDefaultZone()),
                    either(scope, definition.scope(), RunParameters.ALL_ENTITIES));
        }
        YearMonth runPeriod = RunDefinition.resolvePeriod(periodText, Clock.systemDefaultZone());
        String runScope = either(scope, definition.scope(), RunParameters.ALL_ENTITIES);
        Stage runUntil = Stage.parse(either(until, definition.until(), Stage.last().label()));
        Path runPolicy = policy != null ? policy : definition.policy() == null ? null : Path.of(definition.policy());
        RunRequest request;
        if (input == null && definition.readsDatabase()) {
            // checked here for a clear exit 2 before anything starts; registration reads the queries again on every attempt
            DatabaseSource source = DatabaseSource.from(definition.source(), definitionFile.toString());
            request = RunRequest.fromDatabase(runPeriod, runScope, new DatabaseInput(source.url(), definitionFile), runUntil,
                    definition.name(), runPolicy, asOf);
        } else {
            String inputText = input != null ? input.toString() : definition.input();
            if (inputText == null) {
                throw new UsageException("--input is required (or a run definition that names an input folder or a database)");
            }
            Path inputDir = Path.of(inputText);
            InputPaths.unusableFolder(inputDir).ifPresent(why -> {
                throw new InputFileException("input folder " + inputDir + " " + why);
            });
            request = new RunRequest(runPeriod, runScope, inputDir, runUntil, definition.name(), runPolicy, asOf);
        }

        // SIGTERM from here on stops the run through Spring Batch (exit 6) instead of ending the process
        Map<String, Object> placement = workers == null ? Map.of() : Map.of(PartitionSettings.WORKERS_PROPERTY, workers.name().toLowerCase(Locale.ROOT));
        try (Termination.Scope graceful = Termination.graceful(); AppContext app = root.open(true, placement)) {
            if (rebill) {
                requireWaitingRebills(app.bean(RebillDrafts.class).waiting(runPeriod), runPeriod, spec.commandLine().getOut());
            }
            RunOutcome outcome = app.bean(RunService.class).run(request);
            // a run that failed in its first step has no summary yet: the error line says it all
            app.bean(RunQueries.class).summary(outcome.runId(), 20).ifPresent(summary -> {
                PrintWriter out = spec.commandLine().getOut();
                RunSummaryPrinter.print(summary, outcome.resumed(), app.bean(ReportService.class).existingFolderOf(outcome.runId()), output.format(), out);
                out.flush();
            });
            return exitCode(outcome, spec.commandLine().getErr());
        }
    }

    /** A rebill run needs something to rebill; it names the credits it drafts again. */
    private static void requireWaitingRebills(List<Rebills.Reopened> waiting, YearMonth period, PrintWriter out) {
        if (waiting.isEmpty()) {
            throw new UsageException("nothing to rebill in " + period + ": no approved credit with --rebill of its invoices waits for a rebill"
                    + " (billrun credits shows them; a credit's rebill is drafted once, and is done once someone acted on its draft)");
        }
        out.printf("Rebills of %s: %s%n", period, String.join(", ", waiting.stream()
                .map(c -> c.reference() + " (" + c.records().size() + " record" + (c.records().size() == 1 ? "" : "s") + " of " + c.creditedDraftId() + ")")
                .toList()));
        out.flush();
    }

    private int dryRun(YearMonth period, String runScope) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            DraftPreview.Preview preview = app.bean(DraftPreview.class).preview(period, runScope)
                    .orElseThrow(() -> new UsageException("period " + period + " (scope " + runScope + ") has no validated run"
                            + " to draft; run it first: billrun run --period " + period + " --input DIR --until validate"));
            List<Summary> drafts = preview.drafts().stream().map(d -> Summary.of(preview.runId(), d)).toList();
            List<DraftListPrinter.CurrencyTotal> totals = DraftListPrinter.totals(drafts);
            if (output.format() == OutputFormat.JSON) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("dryRun", true);
                document.put("runId", preview.runId());
                document.put("period", period.toString());
                document.put("scope", runScope);
                document.put("drafts", drafts);
                document.put("totals", totals);
                document.put("notDrafted", preview.actedOn());
                out.println(JsonOutput.write(document));
            } else {
                out.printf("Dry run: the drafts of run %d (period %s, scope %s) as they would be drafted now. Nothing was stored.%n%n",
                        preview.runId(), period, runScope);
                DraftListPrinter.print(drafts, OutputFormat.TABLE, out);
                out.println();
                DraftListPrinter.printTotals(totals, out);
                if (!preview.actedOn().isEmpty()) {
                    out.printf("Not drafted again, someone acted on their draft: %s%n", String.join(", ", preview.actedOn()));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The command-line option, else the run definition's value, else the default. */
    private static String either(String option, String fromDefinition, String otherwise) {
        return option != null ? option : fromDefinition != null ? fromDefinition : otherwise;
    }

    private static int exitCode(RunOutcome outcome, PrintWriter err) {
        BatchStatus status = outcome.execution().getStatus();
        if (status == BatchStatus.COMPLETED) {
            return ExitCodes.OK;
        }
        if (status == BatchStatus.STOPPED) {
            err.println("billrun: run " + outcome.runId() + " stopped" + (Termination.requested() ? " on SIGTERM" : "")
                    + "; run the same command again to resume it");
            return ExitCodes.RUN_STOPPED;
        }
        Throwable cause = RunFailure.of(outcome.execution()).orElse(null);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InputFileException) {
                err.println("billrun: " + t.getMessage());
                return ExitCodes.INPUT;
            }
        }
        String lost = connectionLost(outcome.execution().getAllFailureExceptions());
        err.println("billrun: run " + outcome.runId() + " failed" + (lost != null ? ": the database connection was lost (" + lost + ")"
                : cause == null ? "" : ": " + RootCause.firstLine(cause)) + "; run the same command again to resume it");
        return ExitCodes.RUN_FAILED;
    }

    /**
     * The driver's message when a failure was the database connection ending (SQLSTATE class 08, or 57P01-57P03: the server
     * terminated the session or is shutting down), else null. Spring Batch's own exception for such a step quotes the whole
     * step execution, stack trace included; the user gets this one line instead.
     */
    private static String connectionLost(List<Throwable> failures) {
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                    return RootCause.firstLine(sql.getMessage());
                }
            }
        }
        return null;
    }
}
