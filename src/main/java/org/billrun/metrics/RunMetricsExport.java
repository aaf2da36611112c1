package org.billrun.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.billrun.infra.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a run's metrics to Prometheus the two ways batch jobs do: a push to a Pushgateway and a
 * node-exporter textfile. Either may be off; neither failing changes the run's outcome or exit code,
 * it is logged as a warning.
 */
final class RunMetricsExport {

    private static final Logger log = LoggerFactory.getLogger(RunMetricsExport.class);

    private final PrometheusMeterRegistry registry;
    private final MetricsProperties properties;

    RunMetricsExport(PrometheusMeterRegistry registry, MetricsProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    void export(RunParameters run) {
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("scope", run.scope());
        grouping.put("until", run.until().label());
        export(properties.textfile().path(), grouping, false);
    }

    /**
     * The metrics of a command other than run ({@code post}, {@code escalate}): to the textfile {@code billrun-post.prom}
     * beside the run's (a textfile per command: the collector reads each whole, and a command must not overwrite the run's
     * metrics), and to the Pushgateway group {@code command=<command>}. {@code replaceGroup}: a PUT, which drops what the
     * group held before (for snapshots whose series come and go); else a POST, as the run's.
     */
    void export(String command, boolean replaceGroup) {
        Path textfile = properties.textfile().path();
        export(textfile == null ? null : commandTextfile(textfile, command), Map.of("command", command), replaceGroup);
    }

    /** {@code /var/lib/node_exporter/textfile/billrun.prom} and post: {@code .../billrun-post.prom}. */
    static Path commandTextfile(Path runTextfile, String command) {
        String name = runTextfile.getFileName().toString();
        String stem = name.endsWith(".prom") ? name.substring(0, name.length() - ".prom".length()) : name;
        return runTextfile.resolveSibling(stem + "-" + command + ".prom");
    }

    private void export(Path textfile, Map<String, String> grouping, boolean replaceGroup) {
        if (textfile != null) {
            try {
                writeTextfile(textfile, registry.scrape());
                log.info("Metrics written to {}", textfile);
            } catch (IOException e) {
                log.warn("Metrics: cannot write the textfile {}: {}", textfile, e.getMessage());
            }
        }
        if (properties.pushgateway().url() != null) {
            Pushgateway gateway;
            try {
                gateway = Pushgateway.of(properties.pushgateway());
            } catch (IllegalArgumentException e) {
                log.warn("Metrics: not pushed: {}", e.getMessage());
                return;
            }
            try {
                gateway.push(registry.getPrometheusRegistry(), grouping, replaceGroup);
                log.info("Metrics pushed to the Pushgateway at {}", gateway.where());
            } catch (IOException | RuntimeException e) {
                log.warn("Metrics: cannot push to the Pushgateway at {}: {}", gateway.where(), e.getMessage());
            }
        }
    }

    /**
     * node-exporter may read the folder at any moment: write a hidden file beside the target (its
     * collector reads only *.prom) and rename it into place, so it never sees half a file.
     */
    static void writeTextfile(Path target, String exposition) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        Files.writeString(temp, exposition, StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
