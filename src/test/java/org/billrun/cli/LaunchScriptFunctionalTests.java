package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/billrun as a user starts billrun from a checkout: the first command after a build records the class data
 * archive in a training run of its own, which must not reach for the user's database or metrics gateway, and later
 * commands start from that archive.
 */
class LaunchScriptFunctionalTests {

    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:9/nowhere";

    @TempDir
    Path dir;

    @Test
    void theFirstCommandAfterABuildRecordsTheClassArchiveInATrainingRunOfItsOwnAndLaterCommandsStartFromIt() throws Exception {
        Path jar = dir.resolve("billrun.jar");
        Files.copy(Path.of("target/billrun.jar"), jar);
        Path classLog = dir.resolve("classes.log");
        // Settings of the user's that would send the training run elsewhere, were it to read them: it would then fail,
        // and leave no archive. The class log tells where the second command's classes came from.
        Map<String, String> usersSettings = Map.of("SPRING_DATASOURCE_URL", NOWHERE, "BILLRUN_METRICS_PUSHGATEWAY_URL", "http://127.0.0.1:9/",
                "BILLRUN_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dspring.datasource.url=" + NOWHERE);

        Result first = script(jar, usersSettings, "--version");
        Result second = script(jar, Map.of("BILLRUN_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=" + classLog), "--version");

        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout().strip()).matches("billrun \\S+");
        assertThat(first.stderr()).contains("billrun: recording the classes billrun loads").doesNotContain("no class data archive");
        assertThat(jar.resolveSibling("billrun.jar.cds").resolve("mapped")).exists();
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).isEmpty();
        assertThat(Files.readString(classLog)).containsPattern("org\\.billrun\\.cli\\.\\S+ source: shared objects file \\(top\\)");
    }

    /** JDK 17.0.15 crashed running a firm from the archive with a flight recording started at launch (README, "JVM options"). */
    @Test
    void aCommandStartedWithAFlightRecordingRunsThePackagedJarNotTheArchive() throws Exception {
        Path jar = dir.resolve("billrun.jar");
        Files.copy(Path.of("target/billrun.jar"), jar);
        Path classLog = dir.resolve("classes.log");

        Result recorded = script(jar, Map.of("BILLRUN_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:StartFlightRecording:filename="
                + dir.resolve("run.jfr") + " -Xlog:class+load=info:file=" + classLog), "--version");

        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        assertThat(recorded.stdout()).containsPattern("(?m)^billrun \\S+$"); // JFR prints its own start on stdout
        assertThat(Files.readString(classLog)).contains("org.billrun.cli.").doesNotContain("shared objects file (top)");
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result script(Path jar, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of("scripts/billrun").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("BILLRUN_JAR", jar.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/billrun " + String.join(" ", args) + " did not finish within 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
