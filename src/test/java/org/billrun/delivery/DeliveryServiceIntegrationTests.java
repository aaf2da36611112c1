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
import org.billrun.posting.PostingQueries;
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
    BounceService bounces;

    @Autowired
    PostingQueries postingQueries;

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

    /** The sample firm run, approved and posted to the file outbox. */
    private void postTheSampleFirm() throws Exception {
        new DatabaseState(jdbc).reset();
        smtp().purgeEmailFromAllMailboxes();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).failed()).isFalse();
    }

    /** A posted invoice and its client's delivery master data. */
    private record PostedTo(long postingId, String finalNumber, String entityId, String clientId, String email, String peppolId) {}

    private List<PostedTo> postedInvoices() {
        return jdbc.sql("""
                SELECT p.posting_id, p.final_number, p.entity_id, d.client_id, nullif(c.email, ''), nullif(c.peppol_id, '') FROM posting p
                JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id JOIN current_client c ON c.client_id = d.client_id
                WHERE p.state = 'posted' AND p.credit_id IS NULL ORDER BY p.final_number""")
                .query((rs, i) -> new PostedTo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    private PostingQueries.FinalDocuments stored(long postingId) {
        return postingQueries.documents(postingId).orElseThrow(() -> new AssertionError("no documents stored for posting " + postingId));
    }

    @Test
    void eachClientGetsItsInvoiceByTheChannelItsMasterDataAsksFromTheStoredDocumentsWithoutTheOutboxFilesAndOnlyOnce() throws Exception {
        postTheSampleFirm();
        List<PostedTo> posted = postedInvoices();
        // the documents the post job stored are the ones the file adapter wrote
        for (PostedTo p : posted) {
            Path folder = OUTBOX.resolve(DeliveryService.safe(p.entityId()));
            String stem = DeliveryService.safe(p.finalNumber());
            assertThat(stored(p.postingId()).pdf()).as(p.finalNumber() + ".pdf").isEqualTo(Files.readAllBytes(folder.resolve(stem + ".pdf")));
            Path xml = folder.resolve(stem + ".xml");
            assertThat(stored(p.postingId()).ublXml()).as(p.finalNumber() + ".xml").isEqualTo(Files.exists(xml) ? Files.readAllBytes(xml) : null);
        }
        String peppolOnly = posted.stream().filter(p -> p.peppolId() != null && p.email() != null).map(PostedTo::clientId).findFirst().orElseThrow();
        String both = posted.stream().filter(p -> p.peppolId() != null && p.email() != null && !p.clientId().equals(peppolOnly))
                .map(PostedTo::clientId).findFirst().orElseThrow();
        String bothWithoutPeppolId = posted.stream().filter(p -> p.peppolId() == null && p.email() != null).map(PostedTo::clientId)
                .findFirst().orElseThrow();
        jdbc.sql("UPDATE client SET delivery_channel = 'peppol' WHERE client_id = ?").param(peppolOnly).update();
        jdbc.sql("UPDATE client SET delivery_channel = 'both' WHERE client_id IN (?, ?)").params(both, bothWithoutPeppolId).update();
        // as with the REST or Tryton adapter: no outbox files (moved aside; the adapter's journal, which knows them, stays)
        Path aside = Files.createTempDirectory("billrun-delivery-aside");
        List<String> entityFolders = posted.stream().map(p -> DeliveryService.safe(p.entityId())).distinct().toList();
        for (String folder : entityFolders) {
            Files.move(OUTBOX.resolve(folder), aside.resolve(folder));
        }
        try {
            deliverByChannel(posted, peppolOnly, both, bothWithoutPeppolId);
        } finally {
            for (String folder : entityFolders) {
                Files.move(aside.resolve(folder), OUTBOX.resolve(folder));
            }
        }
    }

    private void deliverByChannel(List<PostedTo> posted, String peppolOnly, String both, String bothWithoutPeppolId) throws Exception {
        assertThat(OUTBOX.resolve(DeliveryService.safe(posted.get(0).entityId()))).doesNotExist();
        List<PostedTo> mailed = posted.stream().filter(p -> p.email() != null && !p.clientId().equals(peppolOnly)).toList();
        List<PostedTo> toPeppol = posted.stream().filter(p -> p.clientId().equals(peppolOnly) || p.clientId().equals(both)).toList();
        List<PostedTo> noPeppolId = posted.stream().filter(p -> p.clientId().equals(bothWithoutPeppolId)).toList();

        DeliveryService.Report first = delivery.deliver(null);

        assertThat(first.sent()).isEqualTo(mailed.size());
        assertThat(first.toPeppol()).isEqualTo(toPeppol.size());
        assertThat(first.failed()).as("'both' for a client without a Peppol id").isEqualTo(noPeppolId.size());
        assertThat(first.failures()).allSatisfy(f -> assertThat(f).contains("(peppol)").contains("no peppol_id"));
        MimeMessage[] received = smtp().getReceivedMessages();
        assertThat(received).hasSize(mailed.size());
        for (PostedTo p : mailed) {
            MimeMessage mail = Arrays.stream(received).filter(m -> subject(m).contains(p.finalNumber())).findFirst().orElseThrow();
            Map<String, byte[]> attachments = attachments(mail);
            String stem = DeliveryService.safe(p.finalNumber());
            assertThat(attachments.get(stem + ".pdf")).as(stem + ".pdf").isEqualTo(stored(p.postingId()).pdf());
            assertThat(attachments.get(stem + ".xml")).as(stem + ".xml").isEqualTo(stored(p.postingId()).ublXml());
        }
        Path peppolDir = delivery.peppolOutbox();
        assertThat(peppolDir).isEqualTo(OUTBOX.resolve("peppol"));
        for (PostedTo p : toPeppol) {
            Path file = peppolDir.resolve(DeliveryService.safe(p.entityId())).resolve(DeliveryService.safe(p.finalNumber()) + ".xml");
            assertThat(file).as("the UBL for the access point").exists();
            assertThat(Files.readAllBytes(file)).isEqualTo(stored(p.postingId()).ublXml());
        }
        Map<String, List<DeliveryQueries.Delivery>> ledgerByNumber = ledger.deliveries(null).stream()
                .collect(java.util.stream.Collectors.groupingBy(DeliveryQueries.Delivery::finalNumber));
        for (PostedTo p : toPeppol) {
            assertThat(ledgerByNumber.get(p.finalNumber())).filteredOn(d -> d.channel().equals("peppol")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                        assertThat(d.recipients()).isEqualTo(p.peppolId());
                    });
        }
        for (PostedTo p : noPeppolId) {
            assertThat(ledgerByNumber.get(p.finalNumber())).extracting(DeliveryQueries.Delivery::channel, DeliveryQueries.Delivery::status)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("email", DeliveryStatus.SENT),
                            org.assertj.core.groups.Tuple.tuple("peppol", DeliveryStatus.FAILED));
        }
        // the access point picked a file up: the next deliver does not write it again, nor mail anyone again
        PostedTo pickedUp = toPeppol.get(0);
        Files.delete(peppolDir.resolve(DeliveryService.safe(pickedUp.entityId())).resolve(DeliveryService.safe(pickedUp.finalNumber()) + ".xml"));

        DeliveryService.Report second = delivery.deliver(null);

        assertThat(second.sent()).isZero();
        assertThat(second.toPeppol()).isZero();
        assertThat(second.failed()).as("still no Peppol id").isEqualTo(noPeppolId.size());
        assertThat(smtp().getReceivedMessages()).hasSize(mailed.size());
        assertThat(peppolDir.resolve(DeliveryService.safe(pickedUp.entityId())).resolve(DeliveryService.safe(pickedUp.finalNumber()) + ".xml"))
                .doesNotExist();
    }

    @Test
    void bouncesAreMatchedToTheirMailsByMessageIdMarkedBouncedOnceAndTheUnmatchedOnesAreKept(@org.junit.jupiter.api.io.TempDir Path mailbox)
            throws Exception {
        postTheSampleFirm();
        delivery.deliver(null);
        List<DeliveryQueries.Delivery> sent = ledger.deliveries(DeliveryStatus.SENT);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(3);
        DeliveryQueries.Delivery postfixBounced = sent.get(0);
        DeliveryQueries.Delivery exchangeBounced = sent.get(1);
        Files.writeString(mailbox.resolve("1-postfix.eml"), DeliveryStatusNotificationTests.sample(DeliveryStatusNotificationTests.POSTFIX)
                .replace("<1796619728.7.1796619728000@billrun-host>", postfixBounced.messageId()));
        Files.writeString(mailbox.resolve("2-exchange.eml"), DeliveryStatusNotificationTests.sample(DeliveryStatusNotificationTests.EXCHANGE)
                .replace("<1796619729.9.1796619729000@billrun-host>", exchangeBounced.messageId()));
        Files.writeString(mailbox.resolve("3-unmatched.eml"), DeliveryStatusNotificationTests.sample(DeliveryStatusNotificationTests.POSTFIX)
                .replace("<20261207050211.4F1A2B3C4D@mail.northwind.example>", "<another-dsn@mail.northwind.example>"));
        Files.writeString(mailbox.resolve("4-not-a-bounce.eml"), "From: a@b.example\r\nSubject: out of office\r\n\r\nback Monday\r\n");
        Files.writeString(mailbox.resolve("notes.txt"), "not a mail");

        List<BounceService.Outcome> read = bounces.read(List.of(mailbox));

        assertThat(read).extracting(o -> o.file().getFileName().toString(), BounceService.Outcome::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1-postfix.eml", BounceService.Result.BOUNCED),
                org.assertj.core.groups.Tuple.tuple("2-exchange.eml", BounceService.Result.BOUNCED),
                org.assertj.core.groups.Tuple.tuple("3-unmatched.eml", BounceService.Result.UNMATCHED),
                org.assertj.core.groups.Tuple.tuple("4-not-a-bounce.eml", BounceService.Result.UNREADABLE));
        assertThat(read.get(0).finalNumber()).isEqualTo(postfixBounced.finalNumber());
        List<DeliveryQueries.Delivery> bounced = ledger.deliveries(DeliveryStatus.BOUNCED);
        assertThat(bounced).extracting(DeliveryQueries.Delivery::finalNumber)
                .containsExactlyInAnyOrder(postfixBounced.finalNumber(), exchangeBounced.finalNumber());
        assertThat(bounced).allSatisfy(d -> assertThat(d.bouncedAt()).isNotNull());
        Map<String, String> diagnostics = new HashMap<>();
        bounced.forEach(d -> diagnostics.put(d.finalNumber(), d.bounceDiagnostic()));
        assertThat(diagnostics.get(postfixBounced.finalNumber())).contains("(5.1.1)").contains("User unknown in virtual mailbox table");
        assertThat(diagnostics.get(exchangeBounced.finalNumber())).contains("(5.1.10)").contains("RESOLVER.ADR.RecipientNotFound");
        assertThat(ledger.bounces(true)).singleElement().satisfies(b -> {
            assertThat(b.source()).endsWith("3-unmatched.eml");
            assertThat(b.originalMessageId()).isEqualTo("<1796619728.7.1796619728000@billrun-host>");
            assertThat(b.deliveryId()).isNull();
        });

        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'delivery_bounced' ORDER BY audit_id").query(String.class).list())
                .as("each bounce audited").hasSize(2)
                .anySatisfy(d -> assertThat(d).contains(postfixBounced.finalNumber()).contains(postfixBounced.messageId()).contains("5.1.1"));

        List<BounceService.Outcome> again = bounces.read(List.of(mailbox.resolve("1-postfix.eml"), mailbox.resolve("2-exchange.eml"),
                mailbox.resolve("3-unmatched.eml")));

        assertThat(again).extracting(BounceService.Outcome::result).containsOnly(BounceService.Result.ALREADY_READ);
        assertThat(ledger.deliveries(DeliveryStatus.BOUNCED)).extracting(DeliveryQueries.Delivery::bounceDiagnostic)
                .containsExactlyInAnyOrderElementsOf(diagnostics.values());
        assertThat(ledger.bounces(false)).hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'delivery_bounced'").query(Integer.class).single()).isEqualTo(2);
        int mails = smtp().getReceivedMessages().length;
        assertThat(delivery.deliver(null).sent()).as("a bounced mail is not sent again on its own").isZero();
        assertThat(smtp().getReceivedMessages()).hasSize(mails);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
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
