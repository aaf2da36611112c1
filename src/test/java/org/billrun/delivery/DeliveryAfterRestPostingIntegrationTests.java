package org.billrun.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Stage;
import org.billrun.posting.PostService;
import org.billrun.posting.PostingQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery after the REST adapter posted the invoices (WireMock playing the ERP): no file outbox is written, and
 * the mails still carry the final PDF and UBL, byte for byte the documents the post job sent to the ERP.
 */
@BillrunIntegrationTest
class DeliveryAfterRestPostingIntegrationTests {

    private static final Path OUTBOX = tempDir("billrun-rest-delivery-outbox");
    private static final WireMockServer ERP = erp();
    private static final GreenMail SMTP = smtp();

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    DeliveryService delivery;

    @Autowired
    PostingQueries postings;

    @Autowired
    JdbcClient jdbc;

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WireMockServer erp() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"documentId\": \"INV-{{randomValue length=10 type='ALPHANUMERIC'}}\", \"status\": \"booked\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"documents\": []}")));
        return server;
    }

    private static GreenMail smtp() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000); // the shared test machine can be slow to start a thread
        GreenMail server = new GreenMail(setup);
        server.start();
        return server;
    }

    private static Path tokenFile() {
        try {
            Path file = Files.createTempFile("billrun-erp", ".token");
            Files.writeString(file, "rest-token-for-the-delivery-test\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void postThroughRestAndMailThroughGreenMail(DynamicPropertyRegistry registry) {
        registry.add("billrun.erp.adapter", () -> "rest");
        registry.add("billrun.erp.rest.base-url", () -> "http://127.0.0.1:" + ERP.port() + "/api/v1/");
        registry.add("billrun.erp.rest.token-file", () -> tokenFile().toString());
        registry.add("billrun.erp.outbox-dir", OUTBOX::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("billrun.delivery.from", () -> "billing@northwind.example");
    }

    @AfterAll
    static void stopServers() {
        ERP.stop();
        SMTP.stop();
    }

    @Test
    void invoicesPostedThroughTheRestAdapterAreMailedWithTheDocumentsTheErpGot() throws Exception {
        new DatabaseState(jdbc).reset();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).failed()).isFalse();
        assertThat(post.adapterName()).isEqualTo("rest");
        List<Map<String, Object>> posted = jdbc.sql("""
                SELECT p.posting_id, p.final_number FROM posting p JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                JOIN current_client c ON c.client_id = d.client_id WHERE p.state = 'posted' AND coalesce(c.email, '') <> ''
                ORDER BY p.final_number""").query().listOfRows();
        assertThat(posted).isNotEmpty();
        assertThat(ERP.findAll(postRequestedFor(urlPathEqualTo("/api/v1/invoices")))).as("sent to the ERP").isNotEmpty();
        try (var files = Files.list(OUTBOX)) {
            assertThat(files.toList()).as("the REST adapter writes no outbox files").isEmpty();
        }

        DeliveryService.Report report = delivery.deliver(null);

        assertThat(report.failures()).isEmpty();
        assertThat(report.sent()).isEqualTo(posted.size());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(posted.size());
        for (Map<String, Object> row : posted) {
            String number = (String) row.get("final_number");
            PostingQueries.FinalDocuments sentToTheErp = postings.documents(((Number) row.get("posting_id")).longValue()).orElseThrow();
            MimeMessage mail = null;
            for (MimeMessage m : received) {
                if (m.getSubject().contains(number)) {
                    mail = m;
                }
            }
            assertThat(mail).as("the mail of " + number).isNotNull();
            Map<String, byte[]> attachments = new HashMap<>();
            Multipart parts = (Multipart) mail.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.getFileName() != null) {
                    attachments.put(part.getFileName(), part.getInputStream().readAllBytes());
                }
            }
            String stem = DeliveryService.safe(number);
            assertThat(attachments.get(stem + ".pdf")).as(stem + ".pdf").isEqualTo(sentToTheErp.pdf());
            assertThat(attachments.get(stem + ".xml")).as(stem + ".xml").isEqualTo(sentToTheErp.ublXml());
            assertThat(new String(sentToTheErp.pdf(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
        assertThat(delivery.deliver(null).sent()).as("once").isZero();
    }
}
