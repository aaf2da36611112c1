package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.billrun.approval.ActionRefusedException;
import org.billrun.infra.RefusedException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which exit code an error that reaches the command line gets, and the exit codes' help. */
class ExitCodeTests {

    private final StringWriter err = new StringWriter();

    private int exitCodeOf(Exception e) {
        CommandLine cli = new CommandLine(new BillrunCli());
        cli.setErr(new PrintWriter(err));
        return BillrunCli.handle(e, cli, null);
    }

    @Test
    void anIllegalArgumentExceptionFromInsideTheEngineIsAnInternalErrorWithItsMessage() {
        assertThat(exitCodeOf(new IllegalArgumentException("net line 1 has more than 2 decimals"))).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("billrun: internal error: net line 1 has more than 2 decimals")
                .contains("run again with --debug");
    }

    @Test
    void aUsageErrorTheCliFindsIsBadUsage() {
        assertThat(exitCodeOf(new UsageException("--period is required"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("billrun: --period is required" + System.lineSeparator());
    }

    @Test
    void aRequestTheEngineRefusesIsBadUsage() {
        assertThat(exitCodeOf(new RefusedException("there is no exception 42"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("billrun: there is no exception 42" + System.lineSeparator());
    }

    @Test
    void anApprovalActionAControlRefusesIsExitNine() {
        assertThat(exitCodeOf(new ActionRefusedException("E-009 prepared or adjusted 2026-10-NWDE-K-ACME-1 and may not approve it")))
                .isEqualTo(ExitCodes.REFUSED).isEqualTo(9);
        assertThat(err.toString()).isEqualTo("billrun: E-009 prepared or adjusted 2026-10-NWDE-K-ACME-1 and may not approve it"
                + System.lineSeparator());
    }

    @Test
    void theHelpListsEveryExitCodeOnceInOrder() throws IllegalAccessException {
        int[] codes = Arrays.stream(ExitCodes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .mapToInt(ExitCodeTests::value).sorted().toArray();
        String[] help = ExitCodes.help();

        assertThat(help).hasSameSizeAs(codes);
        for (int i = 0; i < codes.length; i++) {
            assertThat(help[i]).startsWith("  " + codes[i] + "  ");
        }
        String usage = BillrunCli.commandLine().getUsageMessage().replaceAll("\\s+", " ");
        assertThat(usage).contains("Exit codes: " + String.join(" ", help).replaceAll("\\s+", " ").strip());
    }

    @Test
    void exitTenIsExplainedForDeliverAndBouncesAsWellAsPostInTheHelpTheCommandsAndTheReadme() throws java.io.IOException {
        String ten = Arrays.stream(ExitCodes.help()).filter(line -> line.startsWith("  10  ")).findFirst().orElseThrow();
        assertThat(ten).contains("post:").contains("deliver:").contains("deliveries bounces:");

        String deliverHelp = BillrunCli.commandLine().getSubcommands().get("deliver").getUsageMessage().replaceAll("\\s+", " ");
        assertThat(deliverHelp).contains("10 a delivery failed");
        String bouncesHelp = BillrunCli.commandLine().getSubcommands().get("deliveries").getSubcommands().get("bounces")
                .getUsageMessage().replaceAll("\\s+", " ");
        assertThat(bouncesHelp).contains("10 a notification matched no delivery or could not be read");

        String readmeRow = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| 10 |")).findFirst().orElseThrow();
        assertThat(readmeRow).contains("`post`").contains("`deliver`: a delivery of the call failed")
                .contains("`deliveries bounces`: a notification matched no delivery or could not be read");
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
