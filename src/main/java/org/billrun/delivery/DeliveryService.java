package org.billrun.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingQueries.Posted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * {@code billrun deliver}: each posted invoice version to its client by e-mail (clients.csv {@code email},
 * one or more addresses separated by ";" or ","), with the final PDF and the UBL e-invoice (where the invoice has
 * one: both parties with a Peppol id) of the file outbox attached, through SMTP ({@code spring.mail.*}; the password from {@code SPRING_MAIL_PASSWORD}, never an
 * argument). Once per invoice version: the delivery ledger is claimed before the mail goes out, and a
 * sent (or possibly sent) one is never sent again. A client without an e-mail address gets the outbox files
 * only (for a Peppol access point), as before.
 */
@Service
public class DeliveryService {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    /** What one `deliver` did. */
    public record Report(int sent, int failed, int withoutEmail, int alreadyDelivered, List<String> failures) {}

    private final PostingQueries postings;
    private final InvoicingParties parties;
    private final DeliveryQueries ledger;
    private final ObjectProvider<JavaMailSender> mail;
    private final Path outbox;
    private final String from;
    private final Path passwordFile;

    DeliveryService(PostingQueries postings, InvoicingParties parties, DeliveryQueries ledger, ObjectProvider<JavaMailSender> mail,
            @Value("${billrun.erp.outbox-dir:${BILLRUN_OUTBOX_DIR:${user.home}/.billrun/outbox}}") Path outbox,
            @Value("${billrun.delivery.from:}") String from,
            @Value("${billrun.delivery.smtp-password-file:${BILLRUN_DELIVERY_SMTP_PASSWORD_FILE:}}") String passwordFile) {
        this.postings = postings;
        this.parties = parties;
        this.ledger = ledger;
        this.mail = mail;
        this.outbox = outbox;
        this.from = from;
        this.passwordFile = passwordFile == null || passwordFile.isBlank() ? null : Path.of(passwordFile);
    }

    /** Delivers the posted invoices of {@code entityId} (null: every entity) not yet delivered. */
    public Report deliver(String entityId) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("e-mail delivery needs an SMTP server: set spring.mail.host (SPRING_MAIL_HOST)");
        }
        if (from.isBlank()) {
            throw new IllegalStateException("e-mail delivery needs a sender address: set billrun.delivery.from (BILLRUN_DELIVERY_FROM)");
        }
        Optional<String> password = SmtpPassword.read(passwordFile, System.getProperty("spring.mail.password"));
        if (password.isPresent() && sender instanceof org.springframework.mail.javamail.JavaMailSenderImpl smtp) {
            smtp.setPassword(password.get());
        }
        int sent = 0;
        int failed = 0;
        int withoutEmail = 0;
        int already = 0;
        List<String> failures = new ArrayList<>();
        for (Posted posted : postings.posted(entityId)) {
            Optional<String> email = parties.billingEmail(posted.runId(), posted.clientId());
            if (email.isEmpty()) {
                withoutEmail++;
                continue;
            }
            Optional<Long> claimed = ledger.claim(posted.postingId(), posted.entityId(), posted.finalNumber(), posted.versionNo(),
                    email.get());
            if (claimed.isEmpty()) {
                already++;
                continue;
            }
            try {
                String messageId = send(sender, posted, email.get());
                ledger.sent(claimed.get(), messageId);
                sent++;
            } catch (MessagingException | IOException | RuntimeException e) { // MailException, a missing outbox file
                String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                ledger.failed(claimed.get(), message);
                failures.add(posted.finalNumber() + ": " + message);
                log.warn("delivery of {} to its client failed: {}", posted.finalNumber(), message);
                failed++;
            }
        }
        return new Report(sent, failed, withoutEmail, already, failures);
    }

    private String send(JavaMailSender sender, Posted posted, String recipients) throws MessagingException, IOException {
        Seller seller = parties.seller(posted.runId(), posted.entityId()).orElseThrow(
                () -> new IllegalStateException("entity " + posted.entityId() + " is not in the master data"));
        Path folder = outbox.resolve(safe(posted.entityId()));
        String stem = safe(posted.finalNumber());
        byte[] pdf = Files.readAllBytes(folder.resolve(stem + ".pdf"));
        // a client or entity without a Peppol participant id gets no e-invoice (posting/document): the PDF only
        Path ublFile = folder.resolve(stem + ".xml");
        byte[] ubl = Files.exists(ublFile) ? Files.readAllBytes(ublFile) : null;
        InvoiceMail text = InvoiceMail.of(seller.country(), seller.name(), posted.finalNumber());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress(from, seller.name(), "UTF-8"));
        helper.setTo(Arrays.stream(recipients.split("[;,]")).map(String::strip).filter(a -> !a.isEmpty()).toArray(String[]::new));
        helper.setSubject(text.subject());
        helper.setText(text.text());
        helper.addAttachment(stem + ".pdf", new ByteArrayResource(pdf), "application/pdf");
        if (ubl != null) {
            helper.addAttachment(stem + ".xml", new ByteArrayResource(ubl), "application/xml");
        }
        // byte for byte as the outbox holds them: a text type sent as 7bit would get CRLF line ends
        MimeMultipart parts = helper.getRootMimeMultipart();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                parts.getBodyPart(i).setHeader("Content-Transfer-Encoding", "base64");
            }
        }
        sender.send(message);
        return message.getMessageID();
    }

    /** The file outbox's file name rule (org.billrun.erp.file): anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }
}
