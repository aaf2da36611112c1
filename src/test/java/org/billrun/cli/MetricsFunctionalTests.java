package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of the tiny firm with both exports on: the node-exporter textfile and a push to a
 * Pushgateway, here a JDK HTTP server on the loopback that records what it is sent.
 */
class MetricsFunctionalTests {

    private record Push(String method, String path, String authorization, String body) {}

    @TempDir
    Path work;

    @Test
    void aRunWritesTheTextfileAndPushesTheSameMetricsToThePushgateway() throws Exception {
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
        // one entry not approved: TIME_UNAPPROVED holds it and the draft goes to review
        Path entries = input.resolve("time_entries.csv");
        Files.writeString(entries, Files.readString(entries).replaceFirst("(T-1,.*?),approved,", "$1,submitted,"));
        Path textfile = work.resolve("textfile/billrun.prom");
        Files.createDirectories(textfile.getParent());
        List<Push> pushes = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        BillrunProcess.Result run;
        try {
            run = BillrunProcess.run(work, Map.of(
                            "BILLRUN_METRICS_TEXTFILE_PATH", textfile.toString(),
                            "BILLRUN_METRICS_PUSHGATEWAY_URL", "http://ops:pushpass@127.0.0.1:" + gateway.getAddress().getPort() + "/gw",
                            "BILLRUN_METRICS_PUSHGATEWAY_JOB", "billrun-test"),
                    "--data-dir", work.resolve("pg").toString(), "run", "--period", "2026-10", "--input", input.toString());
        } finally {
            gateway.stop(0);
        }

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("pushpass");
        String exposition = Files.readString(textfile);
        try (var files = Files.list(textfile.getParent())) {
            assertThat(files.toList()).as("the textfile, and no temporary file left behind").containsExactly(textfile);
        }
        assertThat(value(exposition, "billrun_run_success")).isEqualTo(1);
        assertThat(value(exposition, "billrun_run_id")).isEqualTo(1);
        assertThat(value(exposition, "billrun_run_info{period=\"2026-10\",scope=\"all\",until=\"report\"}")).isEqualTo(1);
        assertThat(value(exposition, "billrun_run_duration_seconds")).isBetween(0.1, 300.0);
        assertThat(value(exposition, "billrun_run_last_success_timestamp_seconds"))
                .isBetween(System.currentTimeMillis() / 1e3 - 600, System.currentTimeMillis() / 1e3 + 1);
        assertThat(value(exposition, "billrun_source_rows_read{file=\"time_entries.csv\"}")).isEqualTo(5);
        assertThat(value(exposition, "billrun_source_rows_rejected{file=\"time_entries.csv\"}")).isEqualTo(2);
        assertThat(value(exposition, "billrun_records{kind=\"time_entry\",state=\"held\"}")).isEqualTo(1);
        assertThat(value(exposition, "billrun_records{kind=\"time_entry\",state=\"valid\"}")).isEqualTo(2);
        assertThat(value(exposition, "billrun_exceptions_raised{rule=\"TIME_UNAPPROVED\",severity=\"block\"}")).isEqualTo(1);
        assertThat(value(exposition, "billrun_exceptions_open{rule=\"TIME_UNAPPROVED\",severity=\"block\"}")).isEqualTo(1);
        assertThat(value(exposition, "billrun_drafts{currency=\"EUR\",route=\"review\"}")
                + value(exposition, "billrun_drafts{currency=\"EUR\",route=\"straight_through\"}")).isEqualTo(2);
        assertThat(value(exposition, "billrun_step_items_read{step=\"loadSourceFile\"}")).isPositive()
                .as("the partitioned step holds its workers' total").isEqualTo(value(exposition, "billrun_step_items_read{step=\"loadSources\"}"));
        assertThat(value(exposition, "billrun_step_items_written{step=\"validateTimeEntries\"}")).isEqualTo(3);
        assertThat(value(exposition, "billrun_step_duration_seconds{step=\"writeReports\"}")).isPositive();
        assertThat(exposition).contains("spring_batch_job_seconds_count{error=\"none\",spring_batch_job_name=\"billingRun\",spring_batch_job_status=\"COMPLETED\"} 1",
                "spring_batch_step_seconds_sum{", "spring_batch_step_name=\"draftInvoices\"");

        assertThat(pushes).hasSize(1);
        Push push = pushes.get(0);
        assertThat(push.method()).as("pushAdd: a failed run keeps the last success time").isEqualTo("POST");
        assertThat(push.path()).isEqualTo("/gw/metrics/job/billrun-test/scope/all/until/report");
        assertThat(push.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("ops:pushpass".getBytes()));
        assertThat(names(push.body())).isEqualTo(names(exposition));
        assertThat(push.body()).contains("billrun_exceptions_raised{rule=\"TIME_UNAPPROVED\",severity=\"block\"} 1");

        String documented = Files.readString(Path.of("docs/metrics.md"));
        for (String name : names(exposition)) {
            assertThat(documented).as("docs/metrics.md lists " + name).contains("`" + name + "`");
        }
    }

    /** The value of the one sample whose name and labels are {@code series}. */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(series + " in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static List<String> names(String exposition) {
        return exposition.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).sorted().distinct().toList();
    }
}
