package org.billrun.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsExportTests {

    @TempDir
    Path dir;

    @Test
    void theTextfileIsReplacedWholeAndNoTemporaryFileIsLeft() throws Exception {
        Path target = dir.resolve("billrun.prom");
        Files.writeString(target, "# old content\nold_metric 1\n");

        RunMetricsExport.writeTextfile(target, "billrun_run_success 1.0\n");

        assertThat(target).hasContent("billrun_run_success 1.0");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void aTextfileInAFolderThatDoesNotExistFailsWithoutCreatingIt() {
        Path target = dir.resolve("missing/billrun.prom");

        assertThatThrownBy(() -> RunMetricsExport.writeTextfile(target, "x 1\n")).isInstanceOf(java.io.IOException.class);
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void thePushgatewayUrlGivesSchemeAddressPrefixAndCredentialsButMessagesNeverShowTheCredentials() {
        Pushgateway gateway = Pushgateway.of(new MetricsProperties.Pushgateway(
                URI.create("https://ops:s%40cret@push.example:9443/prefix/"), "billrun"));

        assertThat(gateway.scheme()).isEqualTo(Scheme.HTTPS);
        assertThat(gateway.address()).isEqualTo("push.example:9443/prefix");
        assertThat(gateway.user()).isEqualTo("ops");
        assertThat(gateway.password()).isEqualTo("s@cret");
        assertThat(gateway.where()).isEqualTo("https://push.example:9443/prefix");
        assertThat(gateway.toString()).doesNotContain("s@cret", "s%40cret", "ops:");
    }

    @Test
    void aPushgatewayUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> Pushgateway.of(new MetricsProperties.Pushgateway(URI.create("ftp://host:21"), "billrun")))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> Pushgateway.of(new MetricsProperties.Pushgateway(URI.create("pushgateway:9091"), "billrun")))
                .hasMessageContaining("http://host:port");
    }

    @Test
    void postPushesAddingToItsCommandsGroupAndEscalateReplacesItsGroupWhole() throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        try {
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            registry.gauge("billrun.post.success", 1);
            RunMetricsExport export = new RunMetricsExport(registry, new MetricsProperties(new MetricsProperties.Pushgateway(
                    URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), "billrun"),
                    new MetricsProperties.Textfile(dir.resolve("billrun.prom"))));

            export.export("post", false);
            export.export("escalate", true);
        } finally {
            gateway.stop(0);
        }

        assertThat(requests).containsExactly("POST /metrics/job/billrun/command/post", "PUT /metrics/job/billrun/command/escalate");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).as("beside the run's, which stays untouched")
                    .containsExactly("billrun-escalate.prom", "billrun-post.prom");
        }
        assertThat(RunMetricsExport.commandTextfile(Path.of("/var/lib/node_exporter/textfile/billrun.prom"), "post"))
                .isEqualTo(Path.of("/var/lib/node_exporter/textfile/billrun-post.prom"));
    }
}
