package org.billrun.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalService;
import org.billrun.billing.PersonRole;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code billrun events publish} on the sample firm after approvals: the file sink holds one line per
 * event, and a re-publish after a crash repeats lines with the same ids only; the webhook against a real
 * HTTP server (the JDK's) signs every request, retries a 500 with growing waits, delivers each event once
 * more at most, and never lets an invoice's later event overtake one that failed.
 */
@BillrunIntegrationTest
class EventPublisherIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] SECRET = "test-webhook-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration NOW = Duration.ZERO;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    EventPublisher publisher;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    long runId;
    Version approved;
    Version rejected;
    HttpServer server;

    @BeforeEach
    void runApproveAndReject() throws Exception {
        EventTables.reset(jdbc);
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = outcome.runId();
        approvals.openReviews();
        List<Version> twoSteps = jdbc.sql("SELECT draft_id FROM invoice_version WHERE run_id = ? ORDER BY draft_id").param(runId)
                .query(String.class).list().stream().map(d -> queries.latest(d).orElseThrow())
                .filter(v -> queries.tasks(v.versionId()).stream().map(Task::role).toList()
                        .equals(List.of(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER)))
                .toList();
        approved = twoSteps.get(0);
        rejected = twoSteps.get(1);
        approvals.approve(approved.draftId(), Acting.as(queries.tasks(approved.versionId()).get(0).assignee()), null);
        approvals.approve(approved.draftId(), Acting.as("E-001"), null);
        approvals.reject(rejected.draftId(), Acting.as("E-001"), "wrong rate card");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single();
    }

    private List<JsonNode> lines(Path dir) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                assertThat(f.getFileName().toString()).matches("events-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
                for (String line : Files.readAllLines(f)) {
                    nodes.add(JSON.readTree(line));
                }
            }
        }
        return nodes;
    }

    private static List<String> typesOf(List<JsonNode> nodes, String draftId) {
        return nodes.stream().filter(n -> n.get("invoice").get("draft_id").asString().equals(draftId))
                .map(n -> n.get("type").asString() + "#" + n.get("sequence").asInt()).toList();
    }

    @Test
    void theFileSinkHoldsOneLinePerEventInOrderAndAPublishAgainAddsNothing() throws Exception {
        Path dir = temp.resolve("events");
        EventPublisher.Result result;
        try (FileSink sink = new FileSink("file", dir)) {
            result = publisher.publish(sink, NOW, NOW);
        }

        List<JsonNode> lines = lines(dir);
        assertThat(result.delivered()).isEqualTo(events()).isEqualTo(lines.size());
        assertThat(result.failedInvoices()).isZero();
        assertThat(result.undelivered()).isZero();
        assertThat(lines.stream().map(n -> n.get("event_id").asString()).distinct().count()).isEqualTo(lines.size());
        assertThat(typesOf(lines, approved.draftId())).containsExactly("created#1", "approved#2");
        assertThat(typesOf(lines, rejected.draftId())).containsExactly("created#1", "rejected#2");
        assertThat(lines.stream().filter(n -> n.get("type").asString().equals("rejected")).findFirst().orElseThrow()
                .get("data").get("reason").asString()).isEqualTo("wrong rate card");
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE sink = 'file' AND state = 'delivered' AND attempts = 1")
                .query(Long.class).single()).isEqualTo(events());

        try (FileSink sink = new FileSink("file", dir)) {
            assertThat(publisher.publish(sink, NOW, NOW).delivered()).isZero();
        }
        assertThat(lines(dir)).hasSameSizeAs(lines);
    }

    @Test
    void aCrashBeforeTheDeliveriesAreRecordedRepeatsEventsWithTheSameIdsAndLosesNone() throws Exception {
        Path dir = temp.resolve("events");
        try (FileSink lines = new FileSink("file", dir)) {
            EventSink crashing = new EventSink() {
                @Override
                public String name() {
                    return lines.name();
                }

                @Override
                public Attempt deliver(OutboxEvent event) {
                    return lines.deliver(event);
                }

                @Override
                public void flush() throws IOException {
                    throw new IOException("disk gone");
                }
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.publish(crashing, NOW, NOW)).hasMessageContaining("disk gone");
        }
        long written = lines(dir).size();
        assertThat(written).as("lines written before the crash").isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery").query(Long.class).single()).as("nothing recorded").isZero();

        try (FileSink sink = new FileSink("file", dir)) {
            assertThat(publisher.publish(sink, NOW, NOW).undelivered()).isZero();
        }
        List<JsonNode> lines = lines(dir);
        assertThat(lines.size()).isEqualTo(written + events());
        assertThat(lines.stream().map(n -> n.get("event_id").asString()).distinct().count()).as("deduped by id: every event, once")
                .isEqualTo(events());
    }

    /** One request the server received: its body, whether the signature checked out, and what it answered. */
    private record Received(String eventId, String body, boolean signed, int status) {}

    /** A webhook receiver that answers 500 to the requests {@code failing} picks, else 200. */
    private List<Received> serve(Predicate<String> failing) throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("X-Billrun-Signature");
            String eventId = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status = failing.test(eventId) ? 500 : 200;
            received.add(new Received(eventId, body, ("sha256=" + hmac(body)).equals(signature)
                    && JSON.readTree(body).get("event_id").asString().equals(eventId), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return received;
    }

    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookSink webhook(List<Duration> waits, int maxAttempts) {
        return new WebhookSink("crm", new WebhookSink.Settings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                Duration.ofSeconds(5), maxAttempts, Duration.ofMillis(100), Duration.ofMillis(300)), new WebhookSigner(SECRET), waits::add);
    }

    private String eventId(String draftId, String type) {
        return jdbc.sql("SELECT event_id::text FROM event_outbox WHERE draft_id = ? AND type = ?").params(draftId, type)
                .query(String.class).single();
    }

    @Test
    void theWebhookRetriesA500WithGrowingWaitsSignsEveryRequestAndKeepsTheOrder() throws Exception {
        String approval = eventId(approved.draftId(), "approved");
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Received> received = serve(id -> seen.merge(id, 1, Integer::sum) == 1 && id.equals(approval));
        List<Duration> waits = new ArrayList<>();

        EventPublisher.Result result = publisher.publish(webhook(waits, 5), NOW, NOW);

        assertThat(result.delivered()).isEqualTo(events());
        assertThat(result.failedInvoices()).isZero();
        assertThat(received).allMatch(Received::signed, "signed with the shared secret over the body");
        assertThat(received.stream().filter(r -> r.eventId().equals(approval)).map(Received::status)).containsExactly(500, 200);
        assertThat(received).as("every other event sent once").hasSize((int) events() + 1);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
        List<String> delivered = received.stream().filter(r -> r.status() == 200).map(r -> JSON.readTree(r.body()))
                .filter(n -> n.get("invoice").get("draft_id").asString().equals(approved.draftId()))
                .map(n -> n.get("type").asString()).toList();
        assertThat(delivered).containsExactly("created", "approved");
        assertThat(jdbc.sql("SELECT attempts FROM event_delivery d JOIN event_outbox o USING (event_no) WHERE sink = 'crm' AND o.event_id::text = ?")
                .param(approval).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anInvoiceWhoseEventFailsIsNotOvertakenAndCatchesUpInOrderLater() throws Exception {
        String created = eventId(approved.draftId(), "created");
        boolean[] down = {true};
        List<Received> received = serve(id -> down[0] && id.equals(created));
        List<Duration> waits = new ArrayList<>();

        EventPublisher.Result first = publisher.publish(webhook(waits, 4), Duration.ofMillis(1), Duration.ofMillis(1));

        assertThat(first.failedInvoices()).isEqualTo(1);
        assertThat(first.delivered()).isEqualTo(events() - 2);
        assertThat(first.undelivered()).isEqualTo(2);
        assertThat(first.errors()).singleElement().asString().contains(created, "HTTP 500");
        assertThat(waits).as("doubling, capped").containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
        assertThat(received.stream().filter(r -> r.eventId().equals(eventId(approved.draftId(), "approved")))).as("not overtaken").isEmpty();
        assertThat(jdbc.sql("SELECT concat_ws('|', d.state, d.attempts) FROM event_delivery d JOIN event_outbox o USING (event_no) WHERE o.event_id::text = ?")
                .param(created).query(String.class).single()).isEqualTo("failed|4");

        down[0] = false;
        Thread.sleep(5);
        EventPublisher.Result second = publisher.publish(webhook(waits, 4), Duration.ofMillis(1), Duration.ofMillis(1));

        assertThat(second.delivered()).isEqualTo(2);
        assertThat(second.undelivered()).isZero();
        assertThat(received.stream().filter(r -> r.status() == 200).map(r -> JSON.readTree(r.body()))
                .filter(n -> n.get("invoice").get("draft_id").asString().equals(approved.draftId())).map(n -> n.get("type").asString()))
                .containsExactly("created", "approved");
        assertThat(jdbc.sql("SELECT concat_ws('|', d.state, d.attempts) FROM event_delivery d JOIN event_outbox o USING (event_no) WHERE o.event_id::text = ?")
                .param(created).query(String.class).single()).isEqualTo("delivered|5");
    }

    @Test
    void twoPublishersAtOnceShareTheInvoicesAndDeliverNoEventTwice() throws Exception {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<EventPublisher.Result>> results = new ArrayList<>();
            for (Path dir : List.of(a, b)) {
                results.add(two.submit(() -> {
                    try (FileSink lines = new FileSink("file", dir)) {
                        EventSink slow = new EventSink() {
                            @Override
                            public String name() {
                                return lines.name();
                            }

                            @Override
                            public Attempt deliver(OutboxEvent event) {
                                try {
                                    Thread.sleep(5);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return lines.deliver(event);
                            }

                            @Override
                            public void flush() throws IOException {
                                lines.flush();
                            }
                        };
                        start.await();
                        return publisher.publish(slow, NOW, NOW);
                    }
                }));
            }
            start.countDown();
            int delivered = 0;
            for (var r : results) {
                delivered += r.get().delivered();
            }
            assertThat(delivered).isEqualTo(events());
        } finally {
            two.shutdownNow();
        }
        List<JsonNode> all = new ArrayList<>();
        for (Path dir : List.of(a, b)) {
            if (Files.isDirectory(dir)) {
                List<JsonNode> lines = lines(dir);
                all.addAll(lines);
                lines.stream().map(n -> n.get("invoice").get("draft_id").asString()).distinct().forEach(draft -> assertThat(
                        lines.stream().filter(n -> n.get("invoice").get("draft_id").asString().equals(draft)).map(n -> n.get("sequence").asInt()))
                        .as("in order").isSorted());
            }
        }
        assertThat(all).hasSize((int) events());
        assertThat(all.stream().map(n -> n.get("event_id").asString()).distinct().count()).as("no event twice").isEqualTo(events());
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE attempts = 1 AND state = 'delivered'").query(Long.class).single())
                .isEqualTo(events());
    }

    @Test
    void aSinkThatFailsInvoiceAfterInvoiceIsGivenUpForThisPublishAfterThree() throws Exception {
        List<Received> received = serve(id -> true);
        List<Duration> waits = new ArrayList<>();

        EventPublisher.Result result = publisher.publish(webhook(waits, 2), NOW, NOW);

        assertThat(result.stopped()).isTrue();
        assertThat(result.failedInvoices()).isEqualTo(EventPublisher.STOP_AFTER);
        assertThat(result.delivered()).isZero();
        assertThat(result.undelivered()).isEqualTo(events());
        assertThat(received).as("two attempts of each tried invoice's first event").hasSize(2 * EventPublisher.STOP_AFTER)
                .allMatch(r -> r.status() == 500 && JSON.readTree(r.body()).get("sequence").asInt() == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE sink = 'crm' AND state = 'failed' AND attempts = 2")
                .query(Long.class).single()).isEqualTo(EventPublisher.STOP_AFTER);
        assertThat(jdbc.sql("SELECT count(*) FROM event_stream WHERE sink = 'crm' AND next_attempt_at IS NOT NULL").query(Long.class).single())
                .as("only the invoices tried wait").isEqualTo(EventPublisher.STOP_AFTER);
    }
}
