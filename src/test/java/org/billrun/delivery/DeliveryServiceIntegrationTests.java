package org.billrun.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Stage;
import org.billrun.posting.PostService;
import org.billrun.run.RunRequest;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.run.RunService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Client delivery against a real SMTP server in the test JVM (GreenMail): the sample firm run, approved and
 * posted to the file outbox, then delivered: one mail per posted invoice whose client has a billing e-mail,
 * to that address, with the subject naming the final number in the entity's language, the PDF and UBL
 * attached byte for byte as the outbox holds them, the Message-ID in the delivery ledger; a second
 * `deliver` sends nothing.
 */
@BillrunIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class DeliveryServiceIntegrationTests {

    private static final Path OUTBOX = tempDir();
    /** The SMTP login's password, only in an owner-only file: the server refuses the mail without it. */
    private static final String SMTP_PASSWORD = "smtp-password-from-a-file-only";
    private static final Path PASSWORD_FILE = passwordFile();
    private static GreenMail smtp;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    DeliveryService delivery;

    @Autowired
    DeliveryQueries ledger;

    @Autowired
    JdbcClient jdbc;

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("billrun-delivery-outbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path passwordFile() {
        try {
            Path f = Files.createTempFile("billrun-smtp", ".secret");
            Files.writeString(f, SMTP_PASSWORD + "\n");
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized GreenMail smtp() {
        if (smtp == null) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                smtp = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                        .withConfiguration(GreenMailConfiguration.aConfig().withUser("billing", SMTP_PASSWORD));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            smtp.start();
        }
        return smtp;
    }

    @DynamicPropertySource
    static void postToTheOutboxAndMailThroughGreenMail(DynamicPropertyRegistry registry) {
        registry.add("billrun.erp.adapter", () -> "file");
        registry.add("billrun.erp.outbox-dir", OUTBOX::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp().getSmtp().getPort());
        registry.add("billrun.delivery.from", () -> "billing@northwind.example");
        registry.add("spring.mail.username", () -> "billing");
        registry.add("spring.mail.properties.mail.smtp.auth", () -> "true");
        registry.add("billrun.delivery.smtp-password-file", PASSWORD_FILE::toString);
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void eachPostedInvoiceIsMailedOnceToItsClientWithTheOutboxFilesAttachedAndARerunSendsNothing() throws Exception {
        new DatabaseState(jdbc).reset();
        smtp().purgeEmailFromAllMailboxes();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).failed()).isFalse();
        List<Map<String, Object>> expected = jdbc.sql("""
                SELECT p.final_number, p.entity_id, c.email, e.country FROM posting p
                JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                JOIN current_client c ON c.client_id = d.client_id JOIN current_entity e ON e.entity_id = p.entity_id
                WHERE p.state = 'posted' AND coalesce(c.email, '') <> '' ORDER BY p.final_number""").query().listOfRows();
        assertThat(expected).as("posted invoices of clients with a billing e-mail").hasSizeGreaterThan(1);

        DeliveryService.Report first = delivery.deliver(null);

        assertThat(first.failures()).isEmpty();
        assertThat(first.sent()).isEqualTo(expected.size());
        MimeMessage[] received = smtp().getReceivedMessages();
        assertThat(received).hasSize(expected.size());
        Map<String, MimeMessage> bySubjectNumber = new HashMap<>();
        for (MimeMessage m : received) {
            String subject = m.getSubject();
            expected.stream().map(r -> (String) r.get("final_number")).filter(subject::contains).forEach(n -> bySubjectNumber.put(n, m));
        }
        Map<String, DeliveryQueries.Delivery> ledgerByNumber = new HashMap<>();
        ledger.deliveries(null).forEach(d -> ledgerByNumber.put(d.finalNumber(), d));
        int withUbl = 0;
        for (Map<String, Object> row : expected) {
            String number = (String) row.get("final_number");
            MimeMessage mail = bySubjectNumber.get(number);
            assertThat(mail).as("a mail whose subject names %s", number).isNotNull();
            assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString)).containsExactly((String) row.get("email"));
            assertThat(mail.getSubject()).startsWith("DE".equals(row.get("country")) ? "Rechnung " : "FR".equals(row.get("country"))
                    ? "Facture " : "Invoice ");
            Path folder = OUTBOX.resolve(DeliveryService.safe((String) row.get("entity_id")));
            Map<String, byte[]> attachments = attachments(mail);
            String stem = DeliveryService.safe(number);
            List<String> outboxFiles;
            try (var files = Files.list(folder)) {
                outboxFiles = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(stem + ".")).toList();
            }
            assertThat(outboxFiles).as("the PDF, and the UBL where the invoice has one").contains(stem + ".pdf");
            withUbl += outboxFiles.contains(stem + ".xml") ? 1 : 0;
            assertThat(attachments.keySet()).containsExactlyInAnyOrderElementsOf(outboxFiles);
            for (String file : outboxFiles) {
                assertThat(attachments.get(file)).as(file).isEqualTo(Files.readAllBytes(folder.resolve(file)));
            }
            DeliveryQueries.Delivery d = ledgerByNumber.get(number);
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.messageId()).isNotBlank().isEqualTo(mail.getMessageID());
            assertThat(d.recipients()).isEqualTo(row.get("email"));
        }

        assertThat(withUbl).as("some mails carry an e-invoice").isPositive();

        DeliveryService.Report second = delivery.deliver(null);

        assertThat(second.sent()).isZero();
        assertThat(second.alreadyDelivered()).isEqualTo(expected.size());
        assertThat(smtp().getReceivedMessages()).as("no second mail").hasSize(expected.size());
        assertThat(ledger.deliveries(DeliveryStatus.SENT)).hasSize(expected.size());
    }

    @Test
    void aDeliveryTheServerDidNotTakeIsFailedAndSentOnceByTheNextDeliverWhileOneLeftSendingIsNeverSentAgain(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        new DatabaseState(jdbc).reset();
        smtp().purgeEmailFromAllMailboxes();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).failed()).isFalse();
        int port = smtp().getSmtp().getPort();
        smtp.stop();
        smtp = null;

        DeliveryService.Report down = delivery.deliver(null);

        assertThat(down.sent()).isZero();
        assertThat(down.failed()).isPositive();
        assertThat(ledger.deliveries(DeliveryStatus.FAILED)).hasSize(down.failed())
                .allSatisfy(d -> assertThat(d.lastError()).isNotBlank());
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("billing", SMTP_PASSWORD);
        String interrupted = ledger.deliveries(DeliveryStatus.FAILED).get(0).finalNumber();
        jdbc.sql("UPDATE delivery SET status = 'sending' WHERE final_number = ?").param(interrupted).update();

        DeliveryService.Report up = delivery.deliver(null);

        assertThat(up.sent()).isEqualTo(down.failed() - 1);
        assertThat(up.alreadyDelivered()).as("the one left sending").isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(down.failed() - 1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).noneMatch(subject -> subject.contains(interrupted));
        assertThat(ledger.deliveries(DeliveryStatus.SENT)).hasSize(down.failed() - 1).allMatch(d -> d.attempts() == 2);
        assertThat(delivery.deliver(null).sent()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(down.failed() - 1);
        assertThat(output.getAll()).as("the log lines and output of failed and retried deliveries").contains("delivery of")
                .doesNotContain(SMTP_PASSWORD);
        assertThat(jdbc.sql("SELECT string_agg(coalesce(last_error, ''), ' ') FROM delivery").query(String.class).single())
                .doesNotContain(SMTP_PASSWORD);
    }

    private static Map<String, byte[]> attachments(MimeMessage mail) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        Multipart multipart = (Multipart) mail.getContent();
        collect(multipart, files);
        return files;
    }

    private static void collect(Multipart multipart, Map<String, byte[]> files) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, files);
            } else if (part.getFileName() != null) {
                files.put(part.getFileName(), part.getInputStream().readAllBytes());
            }
        }
    }
}
