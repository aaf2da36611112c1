package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
 * SIGTERM to `billrun events publish` while an event is on its way to a webhook (a receiver on the loopback that answers
 * each event after a second): the packaged jar finishes that delivery and records it, says so in one line and exits 6;
 * the next publish delivers the rest, so the receiver gets every event exactly once (nothing delivered is sent again).
 */
class EventsSigtermFunctionalTests {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path work;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstEventArrived = new CountDownLatch(1);

    @Test
    void aPublishStoppedWithSigtermRecordsTheDeliveryInFlightExitsSixAndTheNextPublishDeliversTheRestOnce() throws Exception {
        Path firm = work.resolve("firm");
        new FirmGenerator().generate(new GenerationRequest(25, YearMonth.of(2026, 10), 18, firm));
        String url = TestDatabase.createDatabase("events_sigterm");
        String db = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN CREATE ROLE admin LOGIN SUPERUSER; END IF; END $$");
        }
        assertThat(BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres", "run", "--period", "2026-10", "--input", firm.toString(),
                "--until", "draft").exitCode()).isZero();
        assertThat(BillrunProcess.run(work, "--db-url", db, "--db-user", "admin", "approve", "--straight-through").exitCode()).isZero();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db, "postgres", ""));
        long events = jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single();
        assertThat(events).isGreaterThan(2);

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try {
                Matcher m = EVENT_ID.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (m.find()) {
                    received.add(m.group(1));
                }
                firstEventArrived.countDown();
                Thread.sleep(1_000);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        try {
            Map<String, String> webhook = Map.of("BILLRUN_EVENTS_SINKS_CRM_TYPE", "webhook", "BILLRUN_WEBHOOK_SECRET", "hook-secret",
                    "BILLRUN_EVENTS_SINKS_CRM_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            String[] publish = {"--db-url", db, "--db-user", "postgres", "events", "publish"};

            BillrunProcess victim = BillrunProcess.start(work, webhook, publish);
            assertThat(firstEventArrived.await(180, TimeUnit.SECONDS)).as("the publish delivered an event").isTrue();
            victim.terminate(); // while the receiver holds the first event's request
            BillrunProcess.Result stopped = victim.await();

            assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(ExitCodes.RUN_STOPPED);
            assertThat(stopped.stderr().lines().filter(l -> l.startsWith("billrun:")).toList()).containsExactly(
                    "billrun: events publish stopped on SIGTERM after the events being delivered; run it again to deliver the rest");
            assertThat(stopped.stderr()).doesNotContain("\tat ", "Exception", "Caused by", "ERROR", "hook-secret");
            long recorded = jdbc.sql("SELECT count(*) FROM event_delivery WHERE sink = 'crm' AND state = 'delivered'").query(Long.class).single();
            assertThat(recorded).as("every event the receiver got is recorded delivered").isEqualTo(received.size()).isPositive()
                    .isLessThan(events);

            BillrunProcess.Result resumed = BillrunProcess.run(work, webhook, publish);
            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        } finally {
            receiver.stop(0);
        }
        assertThat(received).as("every event delivered exactly once").hasSize((int) events).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE sink = 'crm' AND state = 'delivered'").query(Long.class).single())
                .isEqualTo(events);
    }
}
