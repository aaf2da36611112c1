package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a person sees on a command line billrun cannot parse: the error and the one-line usage, not the whole help. */
class CliUsageTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = BillrunCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aBadEnumValueIsTheErrorAndTheOneLineUsageWithExitCode2() {
        int code = execute("exceptions", "--format", "xml");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly(
                "billrun: Invalid value for option '--format': expected one of [TABLE, JSON, CSV] (case-insensitive) but was 'xml'",
                "Usage: billrun exceptions [OPTIONS] [COMMAND]",
                "Try 'billrun exceptions --help' for more information.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingRequiredOptionOfASubcommandNamesItAndTheSubcommandsUsage() {
        int code = execute("exceptions", "waive", "17");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("billrun: Missing required option: '--reason=<reason>'");
        assertThat(lines.get(1)).isEqualTo("Usage: billrun exceptions waive [OPTIONS] ID");
    }

    @Test
    void theCommandsThatPrintOneResultShareTheirFormatOptionAndRefuseCsvBeforeOpeningTheDatabase() {
        for (String[] args : List.of(new String[] {"diff", "1", "2"}, new String[] {"review", "diff", "2026-10-X", "1", "2"},
                new String[] {"purge", "--before", "2026-01-01"})) {
            boolean review = args[0].equals("review");
            String command = review ? "review diff" : args[0];
            CommandLine cli = BillrunCli.commandLine().getSubcommands().get(args[0]);
            assertThat((review ? cli.getSubcommands().get("diff") : cli).getUsageMessage()).as(command)
                    .contains("--format=FORMAT", "table or json.");
            err.getBuffer().setLength(0);

            int code = execute(concat(args, "--format", "csv"));

            assertThat(code).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(command).startsWith("billrun: " + (review ? "diff" : command) + " prints table or json");
        }
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aMistypedOptionStillGetsItsSuggestion() {
        int code = execute("run", "--perod", "2026-10");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown options: '--perod', '2026-10'", "Possible solutions: --period",
                "Usage: billrun run [OPTIONS]").doesNotContain("--data-dir");
    }

    @Test
    void everyCommandsOneLineSummaryIsAWholeSentence() {
        List<String> summaries = new ArrayList<>();
        collectSummaries(BillrunCli.commandLine(), summaries);

        assertThat(summaries).hasSizeGreaterThan(15).allSatisfy(summary -> assertThat(summary).as("the summary that --help of the parent lists")
                .matches("billrun[a-z -]*: [A-Z`].*[.!?]\\)?"));
    }

    /** What picocli lists for each subcommand: the first line of its header, else of its description. */
    private static void collectSummaries(CommandLine command, List<String> summaries) {
        for (CommandLine sub : command.getSubcommands().values()) {
            var usage = sub.getCommandSpec().usageMessage();
            String[] text = usage.header().length > 0 ? usage.header() : usage.description();
            String first = text.length == 0 ? "" : String.format(text[0]).lines().findFirst().orElse("");
            summaries.add(sub.getCommandSpec().qualifiedName() + ": " + first);
            collectSummaries(sub, summaries);
        }
    }

    @Test
    void generateListsNoDatabaseOrReportsOptionsWhileTheCommandsThatOpenTheDatabaseStillDo() {
        CommandLine cli = BillrunCli.commandLine();

        String generate = cli.getSubcommands().get("generate").getUsageMessage();
        String run = cli.getSubcommands().get("run").getUsageMessage();

        assertThat(generate).contains("--consultants", "--seed", "--out", "--debug").doesNotContain("--db-", "--data-dir", "--reports-dir");
        assertThat(run).contains("--db-url", "--db-password-file", "--data-dir", "--reports-dir");
        assertThat(execute("generate", "--db-url", "jdbc:postgresql://x/y", "--consultants", "5", "-p", "2026-10", "--out", "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("billrun: Unknown options: '--db-url'");
    }

    @Test
    void kpisShowsTheCreditsOrTheDisputesTableNotBothAndSaysSoBeforeOpeningTheDatabase() {
        int code = execute("kpis", "--credits", "--disputes");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("billrun: --credits and --disputes each show a table of their own: give one of them");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void generateRefusesADisputeHistoryShorterThanAYearBeforeWritingAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path firm = dir.resolve("firm");

        int code = execute("generate", "--consultants", "5", "-p", "2026-10", "--out", firm.toString(), "--dispute-history", "6");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("billrun: dispute history must be between 12 and 120 months, got 6");
        assertThat(firm).doesNotExist();
    }
}
