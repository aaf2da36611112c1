package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A malformed date or number on the command line is explained in billrun's words, never with a Java class name. */
class OptionConvertersTests {

    private static final Set<Class<?>> CONVERTED = Set.of(LocalDate.class, YearMonth.class, Integer.class, int.class, Long.class,
            long.class, BigDecimal.class);

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = BillrunCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aMonthThirteenInAsOfIsNotACalendarDate() {
        int code = execute("run", "--period", "2026-10", "--input", "x", "--as-of", "2026-13-01");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().findFirst()).contains("billrun: Invalid value for option '--as-of': "
                + "'2026-13-01' is not a calendar date (yyyy-MM-dd, month 01-12, a day the month has)");
    }

    @Test
    void aDateInAnotherShapeSaysWhichShapeIsExpected() {
        execute("run", "--period", "2026-10", "--input", "x", "--as-of", "31.10.2026");

        assertThat(err.toString()).startsWith("billrun: Invalid value for option '--as-of': expected a date as yyyy-MM-dd such as "
                + "2026-10-31, got '31.10.2026'");
    }

    @Test
    void aWordWhereANumberIsExpectedSaysAWholeNumber() {
        execute("generate", "--consultants", "many", "--period", "2026-10", "--seed", "1", "--out", "x");

        assertThat(err.toString()).startsWith("billrun: Invalid value for option '--consultants': expected a whole number such as 12,"
                + " got 'many'");
    }

    @Test
    void everyDateAndNumberOptionOfEveryCommandExplainsABadValueWithoutJavaNames() {
        List<String> checked = new ArrayList<>();
        collect(BillrunCli.commandLine(), new ArrayList<>(), checked);

        assertThat(checked).as("options checked").hasSizeGreaterThan(8);
        assertThat(checked).allSatisfy(message -> assertThat(message)
                .doesNotContain("java.", "class ", "Exception", " an int", " a long")
                .containsAnyOf("expected a date", "expected a whole number", "expected an amount", "expected a month"));
    }

    private void collect(CommandLine command, List<String> path, List<String> messages) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (CONVERTED.contains(option.type())) {
                messages.add(badValue(path, option));
            }
        }
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(sub.getKey());
            collect(sub.getValue(), deeper, messages);
        }
    }

    private String badValue(List<String> path, ArgSpec option) {
        StringWriter errors = new StringWriter();
        CommandLine cli = BillrunCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(errors));
        List<String> args = new ArrayList<>(path);
        args.add(((OptionSpec) option).longestName());
        args.add("2026-1x-3!");
        int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
        return String.join(" ", args) + " -> " + errors.toString().lines().findFirst().orElse("");
    }
}
