package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The progress line on a real pseudo-terminal: the jar runs under script(1), which gives it a terminal as
 * a person's shell would, with stdout redirected to a file as in {@code billrun run --format json > summary.json}.
 */
class ProgressFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DRAWN = Pattern.compile("\ringest: ([\\d,]+) / ~([\\d,]+) rows");

    @TempDir
    Path work;

    private record OnTerminal(String terminal, String stdout) {}

    /** Runs billrun under script(1): stdin, stdout and stderr a pty, then stdout sent to a file by the shell. */
    private OnTerminal runOnATerminal(String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) from util-linux is needed for a pseudo-terminal");
        List<String> command = new ArrayList<>(List.of(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx512m", "-jar", quote(Path.of(System.getProperty("billrun.jar", "target/billrun.jar")).toAbsolutePath().toString())));
        for (String arg : args) {
            command.add(quote(arg));
        }
        Path stdout = work.resolve("stdout.json");
        Path typescript = work.resolve("typescript");
        command.add("> " + quote(stdout.toString()));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", String.join(" ", command), typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().remove("BILLRUN_DATA_DIR");
        builder.environment().put("BILLRUN_REPORTS_DIR", work.resolve("reports").toString());
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("billrun finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(typescript, StandardCharsets.UTF_8)).isZero();
        return new OnTerminal(Files.readString(typescript, StandardCharsets.UTF_8), Files.readString(stdout, StandardCharsets.UTF_8));
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Test
    void aRunWatchedOnATerminalRedrawsItsProgressThereWhileStdoutGoesToAFile() throws Exception {
        Path input = TestFirms.tinyWithTimeEntries(work.resolve("firm"), 80_000, 1_000);

        OnTerminal run = runOnATerminal("--data-dir", work.resolve("pg").toString(), "run", "--period", "2026-10",
                "--input", input.toString(), "--until", "ingest", "--format", "json");

        Matcher drawn = DRAWN.matcher(run.terminal());
        List<Long> counts = new ArrayList<>();
        while (drawn.find()) {
            counts.add(Long.parseLong(drawn.group(1).replace(",", "")));
        }
        assertThat(counts).as("progress redrawn on the terminal:%n%s", run.terminal()).hasSizeGreaterThan(1).isSorted();
        assertThat(counts.get(counts.size() - 1)).as("the last line counts every row read").isGreaterThanOrEqualTo(80_000);
        assertThat(run.terminal()).as("stdout went to the file, not the terminal").doesNotContain("\"status\"");
        assertThat(JSON.readTree(run.stdout()).at("/run/status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void withJsonLogsTheTerminalGetsJsonLinesOnlyAndNoRedrawnLine() throws Exception {
        Path input = TestFirms.tinyWithTimeEntries(work.resolve("firm"), 80_000, 1_000);

        OnTerminal run = runOnATerminal("--data-dir", work.resolve("pg").toString(), "--log-format", "json", "run", "--period", "2026-10",
                "--input", input.toString(), "--until", "ingest", "--format", "json");

        assertThat(run.terminal()).contains("\"step\":\"registerSources\"").doesNotContain("\ringest: ");
        for (String line : run.terminal().split("\r?\n")) {
            if (!line.isBlank() && !line.startsWith("Script ")) {
                assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
            }
        }
    }
}
