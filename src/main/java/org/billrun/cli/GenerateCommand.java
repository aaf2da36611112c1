package org.billrun.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {"Write a synthetic firm's input files (same formats as a real export).",
        "Deterministic: the same options give byte-identical files. Needs no database."})
class GenerateCommand implements Callable<Integer> {

    /** The global options about the database and the reports, which generate (it opens neither) does not take. */
    private static final Set<String> UNUSED_GLOBAL_OPTIONS = Set.of("--db-url", "--db-user", "--db-password", "--db-password-file",
            "--db-ssl-mode", "--db-ssl-root-cert", "--data-dir", "--reports-dir");

    /** Takes the inherited options generate does not use out of its --help and its command line. */
    static void dropUnusedGlobalOptions(CommandSpec generate) {
        for (OptionSpec option : List.copyOf(generate.options())) {
            if (option.inherited() && UNUSED_GLOBAL_OPTIONS.contains(option.longestName())) {
                generate.remove(option);
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--consultants", required = true, paramLabel = "N", description = "Number of consultants (clients and projects scale with it).")
    int consultants;

    @Option(names = {"-p", "--period"}, required = true, paramLabel = "YYYY-MM", description = "Period of the time and expense data.")
    YearMonth period;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--dispute-history", paramLabel = "MONTHS", defaultValue = "0", description = "Also write dispute_history.csv:"
            + " MONTHS (12 to 120) before the period of every client contract's invoices with disputes, credits, write-downs and days"
            + " to pay, driven by client traits; then train the dispute risk score on all but the last 6 months and print its AUC and"
            + " precision at the policy's threshold on those (docs/assistance.md). Default: none.")
    int disputeHistoryMonths;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        GenerationRequest request;
        try {
            request = new GenerationRequest(consultants, period, seed, out, disputeHistoryMonths);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        var summary = new FirmGenerator().generate(request);
        var table = new TextTable("file", "rows").numeric(1);
        summary.rowsPerFile().forEach(table::row);
        var writer = spec.commandLine().getOut();
        table.print(writer);
        writer.printf("Policy (approval limits for drafts): %s%n", summary.outDir().relativize(summary.policyFile()));
        if (summary.disputeRisk() != null) {
            writer.println("Dispute risk score on the dispute history (trained on the earlier months, judged on the last "
                    + FirmGenerator.HELD_OUT_MONTHS + "):");
            summary.disputeRisk().describe().forEach(line -> writer.println("  " + line));
        }
        writer.printf("Wrote %s in %.1f s%n", summary.outDir(), (System.nanoTime() - start) / 1e9);
        writer.flush();
        return ExitCodes.OK;
    }
}
