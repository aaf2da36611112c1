package org.billrun.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.masterdata.InvoicingParties.DeliveryContact;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingQueries.FinalDocuments;
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
 * {@code billrun deliver}: each posted invoice version to its client the way its master data asks
 * (clients.csv {@code delivery_channel}, see {@link ChannelChoice}): by e-mail to its {@code email} (one or more
 * addresses separated by ";" or ","), with the final PDF and the UBL e-invoice attached, through SMTP
 * ({@code spring.mail.*}; the password from an owner-only file or {@code SPRING_MAIL_PASSWORD}, never an
 * argument); and/or by Peppol, the UBL written to the access point's outbox folder. The documents are the ones
 * the post job stored for the posting, whichever ERP adapter posted it. Once per invoice version and channel:
 * the delivery ledger is claimed before the mail goes out or the file is written, and a sent (or possibly
 * sent) one is never sent again.
 */
@Service
public class DeliveryService {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    /** What one `deliver` did. */
    public record Report(int sent, int toPeppol, int failed, int withoutEmail, int alreadyDelivered, List<String> failures) {}

    /** One posted invoice and the deliveries its client's master data asks for. */
    private record Work(Posted posted, List<ChannelChoice.Planned> planned) {}

    private final PostingQueries postings;
    private final InvoicingParties parties;
    private final DeliveryQueries ledger;
    private final ObjectProvider<JavaMailSender> mail;
    private final Path outbox;
    private final Path peppolOutbox;
    private final String from;
    private final Path passwordFile;

    DeliveryService(PostingQueries postings, InvoicingParties parties, DeliveryQueries ledger, ObjectProvider<JavaMailSender> mail,
            @Value("${billrun.erp.outbox-dir:${BILLRUN_OUTBOX_DIR:${user.home}/.billrun/outbox}}") Path outbox,
            @Value("${billrun.delivery.peppol-outbox-dir:${BILLRUN_PEPPOL_OUTBOX_DIR:}}") String peppolOutbox,
            @Value("${billrun.delivery.from:}") String from,
            @Value("${billrun.delivery.smtp-password-file:${BILLRUN_DELIVERY_SMTP_PASSWORD_FILE:}}") String passwordFile) {
        this.postings = postings;
        this.parties = parties;
        this.ledger = ledger;
        this.mail = mail;
        this.outbox = outbox;
        this.peppolOutbox = peppolOutbox == null || peppolOutbox.isBlank() ? outbox.resolve("peppol") : Path.of(peppolOutbox);
        this.from = from;
        this.passwordFile = passwordFile == null || passwordFile.isBlank() ? null : Path.of(passwordFile);
    }

    /** The Peppol access point's outbox folder: {@code billrun.delivery.peppol-outbox-dir}, else {@code peppol} in the file outbox. */
    public Path peppolOutbox() {
        return peppolOutbox;
    }

    /** Delivers the posted invoices of {@code entityId} (null: every entity) not yet delivered. */
    public Report deliver(String entityId) {
        List<Work> work = new ArrayList<>();
        for (Posted posted : postings.posted(entityId)) {
            DeliveryContact contact = parties.deliveryContact(posted.runId(), posted.clientId())
                    .orElse(new DeliveryContact(null, null, null));
            work.add(new Work(posted, ChannelChoice.plan(contact.deliveryChannel(), contact.email(), contact.peppolId())));
        }
        boolean mails = work.stream().flatMap(w -> w.planned().stream()).anyMatch(p -> p.channel() == DeliveryChannel.EMAIL && p.possible());
        JavaMailSender sender = mails ? mailSender() : null; // refused before anything is claimed: no row is left 'sending'
        int sent = 0;
        int toPeppol = 0;
        int failed = 0;
        int withoutEmail = 0;
        int already = 0;
        List<String> failures = new ArrayList<>();
        for (Work w : work) {
            Posted posted = w.posted();
            if (w.planned().isEmpty()) {
                withoutEmail++;
                continue;
            }
            Optional<FinalDocuments> documents = Optional.empty();
            for (ChannelChoice.Planned planned : w.planned()) {
                Optional<Long> claimed = ledger.claim(posted.postingId(), posted.entityId(), posted.finalNumber(), posted.versionNo(),
                        planned.channel(), planned.recipients());
                if (claimed.isEmpty()) {
                    already++;
                    continue;
                }
                try {
                    if (!planned.possible()) {
                        throw new IllegalStateException(planned.problem());
                    }
                    if (documents.isEmpty()) {
                        documents = Optional.of(documents(posted));
                    }
                    if (planned.channel() == DeliveryChannel.EMAIL) {
                        ledger.sent(claimed.get(), send(sender, posted, planned.recipients(), documents.get()));
                        sent++;
                    } else {
                        writeForPeppol(posted, documents.get());
                        ledger.sent(claimed.get(), null);
                        toPeppol++;
                    }
                } catch (MessagingException | IOException | RuntimeException e) { // MailException, missing documents, a channel without recipient
                    String message = e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
                    ledger.failed(claimed.get(), message);
                    failures.add(posted.finalNumber() + " (" + planned.channel().label() + "): " + message);
                    log.warn("delivery of {} to its client by {} failed: {}", posted.finalNumber(), planned.channel().label(), message);
                    failed++;
                }
            }
        }
        return new Report(sent, toPeppol, failed, withoutEmail, already, failures);
    }

    private JavaMailSender mailSender() {
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
        return sender;
    }

    /**
     * The final PDF and UBL the post job stored for the posting, whatever the adapter; for a posting sent before
     * they were stored (V38), the file outbox's files ({@code <outbox>/<entity>/<final number>.pdf} and {@code .xml}).
     */
    private FinalDocuments documents(Posted posted) throws IOException {
        Optional<FinalDocuments> stored = postings.documents(posted.postingId());
        if (stored.isPresent()) {
            if (stored.get().pdf() == null) {
                throw new IllegalStateException("the post job stored no PDF for " + posted.finalNumber());
            }
            return stored.get();
        }
        Path folder = outbox.resolve(safe(posted.entityId()));
        String stem = safe(posted.finalNumber());
        Path pdf = folder.resolve(stem + ".pdf");
        if (!Files.exists(pdf)) {
            throw new IllegalStateException("no stored documents for " + posted.finalNumber() + " (posted before billrun kept them)"
                    + " and no " + pdf + " in the file outbox");
        }
        Path ubl = folder.resolve(stem + ".xml");
        return new FinalDocuments(Files.readAllBytes(pdf), Files.exists(ubl) ? Files.readAllBytes(ubl) : null);
    }

    private String send(JavaMailSender sender, Posted posted, String recipients, FinalDocuments documents) throws MessagingException, IOException {
        Seller seller = parties.seller(posted.runId(), posted.entityId()).orElseThrow(
                () -> new IllegalStateException("entity " + posted.entityId() + " is not in the master data"));
        String stem = safe(posted.finalNumber());
        InvoiceMail text = InvoiceMail.of(seller.country(), seller.name(), posted.finalNumber());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress(from, seller.name(), "UTF-8"));
        helper.setTo(Arrays.stream(recipients.split("[;,]")).map(String::strip).filter(a -> !a.isEmpty()).toArray(String[]::new));
        helper.setSubject(text.subject());
        helper.setText(text.text());
        helper.addAttachment(stem + ".pdf", new ByteArrayResource(documents.pdf()), "application/pdf");
        // a client or entity without a Peppol participant id gets no e-invoice (posting/document): the PDF only
        if (documents.ublXml() != null) {
            helper.addAttachment(stem + ".xml", new ByteArrayResource(documents.ublXml()), "application/xml");
        }
        // byte for byte as stored: a text type sent as 7bit would get CRLF line ends
        MimeMultipart parts = helper.getRootMimeMultipart();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                parts.getBodyPart(i).setHeader("Content-Transfer-Encoding", "base64");
            }
        }
        sender.send(message);
        return message.getMessageID();
    }

    /**
     * The UBL to {@code <peppol outbox>/<entity>/<final number>.xml}, written to a temporary file beside it, forced
     * to disk and renamed into place, so that the access point never picks up half a file.
     */
    private void writeForPeppol(Posted posted, FinalDocuments documents) throws IOException {
        if (documents.ublXml() == null) {
            throw new IllegalStateException("no UBL e-invoice to send by Peppol: the entity or the client had no peppol_id when "
                    + posted.finalNumber() + " was posted (docs/e-invoices.md)");
        }
        Path folder = peppolOutbox.resolve(safe(posted.entityId()));
        Files.createDirectories(folder);
        Path target = folder.resolve(safe(posted.finalNumber()) + ".xml");
        Path temp = folder.resolve("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(documents.ublXml());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file outbox's file name rule (org.billrun.erp.file): anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }
}
