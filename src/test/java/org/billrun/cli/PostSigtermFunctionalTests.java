package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * SIGTERM to `billrun post` while an invoice is on its way to the ERP (a REST ERP on the loopback that answers each
 * invoice after a second and a half): the packaged jar waits for that answer and records it, stops the post job through
 * Spring Batch, says so in one line and exits 6; nothing is left sending, and the next post resumes the open batch and
 * sends the rest, so the ERP receives every invoice exactly once. Both posts, and an escalate, write their metrics
 * (docs/metrics.md) to their textfiles.
 */
class PostSigtermFunctionalTests {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path work;

    /** References in the order the ERP received them, and the document each got. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final CountDownLatch firstInvoiceArrived = new CountDownLatch(1);

    @Test
    void aPostStoppedWithSigtermRecordsTheInvoiceInFlightExitsSixAndTheNextPostSendsTheRestOnce() throws Exception {
        Path firm = work.resolve("firm");
        new FirmGenerator().generate(new GenerationRequest(25, YearMonth.of(2026, 10), 18, firm));
        String url = TestDatabase.createDatabase("post_sigterm");
        String db = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        createRoleAdmin();
        BillrunProcess.Result run = BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres", "run", "--period", "2026-10",
                "--input", firm.toString(), "--until", "draft");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        BillrunProcess.Result approved = BillrunProcess.run(work, "--db-url", db, "--db-user", "admin", "approve", "--straight-through");
        assertThat(approved.exitCode()).as(approved.stderr()).isZero();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db, "postgres", ""));
        long invoices = jdbc.sql("SELECT count(*) FROM posting").query(Long.class).single();
        assertThat(invoices).isGreaterThan(2);

        HttpServer erp = slowErp();
        try {
            Path textfile = work.resolve("textfile/billrun.prom");
            java.nio.file.Files.createDirectories(textfile.getParent());
            Map<String, String> rest = Map.of("BILLRUN_ERP_ADAPTER", "rest", "BILLRUN_ERP_TOKEN", "erp-token",
                    "BILLRUN_ERP_REST_BASE_URL", "http://127.0.0.1:" + erp.getAddress().getPort() + "/",
                    "BILLRUN_METRICS_TEXTFILE_PATH", textfile.toString());
            Path postMetrics = textfile.resolveSibling("billrun-post.prom");
            String[] post = {"--db-url", db, "--db-user", "postgres", "post"};

            BillrunProcess victim = BillrunProcess.start(work, rest, post);
            assertThat(firstInvoiceArrived.await(180, TimeUnit.SECONDS)).as("the post sent an invoice").isTrue();
            victim.terminate(); // while the ERP holds the first invoice's request
            BillrunProcess.Result stopped = victim.await();

            assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(ExitCodes.RUN_STOPPED);
            assertThat(stopped.stderr().lines().filter(l -> l.startsWith("billrun:")).toList()).containsExactly(
                    "billrun: post stopped on SIGTERM after the invoice being sent; run billrun post again to resume");
            assertThat(stopped.stderr()).doesNotContain("\tat ", "Exception", "Caused by", "ERROR", "erp-token");
            assertThat(received).as("nothing sent after SIGTERM").hasSize(1);
            String inFlight = received.get(0);
            assertThat(state(jdbc, inFlight)).as("the invoice in flight was finished and recorded").isEqualTo("posted");
            assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE state = 'sending'").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE state = 'pending'").query(Long.class).single()).isEqualTo(invoices - 1);
            assertThat(jdbc.sql("SELECT count(*) FROM posting_batch WHERE state = 'open'").query(Long.class).single())
                    .as("the stopped batch stays open for the next post").isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").query(Long.class).single())
                    .as("the post lock was released").isZero();
            String afterStop = java.nio.file.Files.readString(postMetrics);
            assertThat(afterStop).as("a stopped post exports its metrics too").contains("billrun_post_success 0.0")
                    .doesNotContain("billrun_post_last_success_timestamp_seconds");
            assertThat(sumOf(afterStop, "billrun_postings{", "state=\"posted\"")).isEqualTo(1);

            BillrunProcess.Result resumed = BillrunProcess.run(work, rest, post);

            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            assertThat(resumed.stdout()).contains("(resumed)");
            String afterResume = java.nio.file.Files.readString(postMetrics);
            assertThat(afterResume).contains("billrun_post_success 1.0", "billrun_post_last_success_timestamp_seconds",
                    "spring_batch_job_name=\"post\"");
            assertThat(sumOf(afterResume, "billrun_postings{", "state=\"posted\"")).isEqualTo(invoices);
            assertThat(sumOf(afterResume, "billrun_posting_latency_seconds_count{", "")).as("what the resumed post posted")
                    .isEqualTo(invoices - 1);

            BillrunProcess.Result escalate = BillrunProcess.run(work, rest, "--db-url", db, "--db-user", "postgres", "escalate");
            assertThat(escalate.exitCode()).as(escalate.stderr()).isZero();
            assertThat(java.nio.file.Files.readString(textfile.resolveSibling("billrun-escalate.prom")))
                    .contains("billrun_escalate_end_timestamp_seconds", "billrun_approvals_escalated");
            assertThat(textfile).as("post and escalate leave the run's textfile alone").doesNotExist();
        } finally {
            erp.stop(0);
        }
        assertThat(received).as("every invoice reached the ERP exactly once").hasSize((int) invoices).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE state = 'posted'").query(Long.class).single()).isEqualTo(invoices);
        assertThat(jdbc.sql("SELECT count(*) FROM posting_batch WHERE state = 'open'").query(Long.class).single()).isZero();
    }

    /** A REST ERP (docs/erp-rest.md) that takes 1.5 s to answer each invoice, idempotent by reference. */
    private HttpServer slowErp() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/invoices", exchange -> {
            try {
                if (exchange.getRequestMethod().equals("POST")) {
                    Matcher m = REFERENCE.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    if (!m.find()) {
                        answer(exchange, 422, "{\"message\": \"no reference\"}");
                        return;
                    }
                    String reference = m.group(1);
                    received.add(reference);
                    firstInvoiceArrived.countDown();
                    Thread.sleep(1_500);
                    String id = documents.computeIfAbsent(reference, r -> "ERP-" + documents.size());
                    answer(exchange, 201, "{\"documentId\": \"" + id + "\", \"status\": \"booked\"}");
                } else {
                    String query = exchange.getRequestURI().getQuery();
                    String reference = query == null ? null : Pattern.compile("reference=([^&]+)").matcher(query).results()
                            .map(r -> r.group(1)).findFirst().orElse(null);
                    String id = reference == null ? null : documents.get(reference);
                    answer(exchange, 200, id == null ? "{\"documents\": []}" : "{\"documents\": [{\"documentId\": \"" + id
                            + "\", \"reference\": \"" + reference + "\", \"status\": \"booked\"}]}");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The sum of the samples of a metric ({@code prefix} up to its labels) whose labels contain {@code label}. */
    private static double sumOf(String exposition, String prefix, String label) {
        return exposition.lines().filter(l -> l.startsWith(prefix) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String state(JdbcClient jdbc, String finalNumber) {
        return jdbc.sql("SELECT state FROM posting WHERE final_number = ?").param(finalNumber).query(String.class).single();
    }

    /** approve --straight-through acts as the generated firm's administrator, a database login of that name. */
    private static void createRoleAdmin() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN CREATE ROLE admin LOGIN SUPERUSER; END IF; END $$");
        }
    }
}
