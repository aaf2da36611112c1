package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The scale-out examples in jobs/scale-out parse (YAML, systemd INI), run the image of this version and
 * name commands and options that billrun has: picocli parses their arguments as billrun would.
 */
class DeploymentExamplesTests {

    private static final Path DIR = Path.of("jobs/scale-out");

    @Test
    void theKubernetesManagerJobRunsTheMonthEndWithRemoteWorkersFromTheImageOfThisVersion() throws Exception {
        Map<String, Object> job = yaml("kubernetes-manager-job.yaml");
        assertThat(job).containsEntry("kind", "Job").containsEntry("apiVersion", "batch/v1");
        Map<String, Object> container = onlyContainer(at(job, "spec", "template", "spec"));

        assertThat(container.get("image")).isEqualTo("registry.example.com/billrun:" + releaseVersion());
        CommandLine.ParseResult run = parse(strings(container.get("args")));
        assertThat(run.subcommand().commandSpec().name()).isEqualTo("run");
        assertThat((Object) run.subcommand().matchedOptionValue("--workers", null)).hasToString("REMOTE");
        assertThat(passwordFromSecret(container)).isTrue();
        assertThat(at(container, "resources", "requests")).containsKeys("cpu", "memory");
    }

    @Test
    void theKubernetesWorkerDeploymentRunsWorkersWithRequestsAndThePasswordFromASecret() throws Exception {
        Map<String, Object> deployment = yaml("kubernetes-workers-deployment.yaml");
        assertThat(deployment).containsEntry("kind", "Deployment").containsEntry("apiVersion", "apps/v1");
        Map<String, Object> pod = at(deployment, "spec", "template", "spec");
        Map<String, Object> container = onlyContainer(pod);

        assertThat(container.get("image")).isEqualTo("registry.example.com/billrun:" + releaseVersion());
        CommandLine.ParseResult worker = parse(strings(container.get("args")));
        assertThat(worker.subcommand().commandSpec().name()).isEqualTo("worker");
        assertThat((Integer) worker.subcommand().matchedOptionValue("--concurrency", 0)).isPositive();
        assertThat(passwordFromSecret(container)).isTrue();
        assertThat(at(container, "resources", "requests")).containsKeys("cpu", "memory");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).as("time to finish running partitions").isGreaterThan(30);
        assertThat(Files.readString(DIR.resolve("kubernetes-workers-deployment.yaml"))).contains("max_connections");
    }

    @Test
    void theSystemdWorkerUnitStartsTheWorkerCommandInBothItsVariants() throws Exception {
        Map<String, Map<String, String>> unit = ini("billrun-worker.service");
        assertThat(unit).containsKeys("Unit", "Service");
        Map<String, String> service = unit.get("Service");
        assertThat(service).containsEntry("KillMode", "mixed").containsKey("TimeoutStopSec");

        String embedded = service.get("ExecStart");
        assertThat(embedded).startsWith("/opt/billrun/scripts/billrun ");
        assertThat(Path.of("scripts/billrun")).isExecutable();
        assertThat(parse(arguments(embedded)).subcommand().commandSpec().name()).isEqualTo("worker");

        String external = commentedExecStart(Files.readString(DIR.resolve("billrun-worker.service")));
        CommandLine.ParseResult parsed = parse(arguments(external.replace("${CREDENTIALS_DIRECTORY}", "/run/credentials")));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("worker");
        assertThat(parsed.hasMatchedOption("--db-url")).isTrue();
    }

    private static CommandLine.ParseResult parse(List<String> args) {
        return BillrunCli.commandLine().parseArgs(args.toArray(String[]::new));
    }

    /** The billrun arguments of an ExecStart line: the words after the script. */
    private static List<String> arguments(String execStart) {
        List<String> words = List.of(execStart.trim().split("\\s+"));
        return words.subList(1, words.size());
    }

    /** The commented-out ExecStart of the unit, its continuation lines joined. */
    private static String commentedExecStart(String text) {
        Matcher m = Pattern.compile("(?m)^# ExecStart=((?:.*\\\\\\n)*.*)$").matcher(text);
        assertThat(m.find()).as("a commented ExecStart for an external database").isTrue();
        return m.group(1).replaceAll("\\\\\\n#", " ");
    }

    @SuppressWarnings("unchecked")
    private static boolean passwordFromSecret(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.get("env")).stream()
                .anyMatch(e -> "BILLRUN_DB_PASSWORD".equals(e.get("name")) && at(e, "valueFrom", "secretKeyRef").containsKey("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyContainer(Map<String, Object> podSpec) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec.get("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            assertThat(current).as(String.join(".", path)).containsKey(key);
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return new ArrayList<>((List<String>) list);
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(DIR.resolve(file)));
    }

    /** systemd's INI: [Section] headers, Key=Value lines, # comments, backslash continuations. */
    private static Map<String, Map<String, String>> ini(String file) throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String text = Files.readString(DIR.resolve(file)).replaceAll("\\\\\\n", " ");
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                assertThat(line).endsWith("]");
                current = new LinkedHashMap<>();
                sections.put(line.substring(1, line.length() - 1), current);
            } else {
                assertThat(current).as("a key before any section: " + line).isNotNull();
                assertThat(line).as("Key=Value").contains("=");
                current.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return sections;
    }

    private static String releaseVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>billrun</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1).replace("-SNAPSHOT", "");
    }
}
