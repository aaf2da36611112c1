package org.billrun.delivery;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounce as a mail server reports it: a delivery status notification (RFC 3464), a {@code multipart/report;
 * report-type=delivery-status} mail with a {@code message/delivery-status} part (one field block for the
 * message, one per recipient: Final-Recipient, Action, Status, Diagnostic-Code) and the returned message or its
 * headers ({@code message/rfc822}, {@code text/rfc822-headers}). Read with Jakarta Mail; plain Java.
 *
 * @param key what identifies this notification when it is read again: its own Message-ID, else the SHA-256 of its bytes
 * @param originalMessageId the Message-ID of the mail it reports on: the returned headers' Message-ID, else an
 *     Original-Message-ID field, else the notification's In-Reply-To or last References entry (Exchange sets them); null when none
 * @param recipients one entry per recipient the notification reports on
 */
record DeliveryStatusNotification(String key, String originalMessageId, List<RecipientStatus> recipients) {

    /** One recipient's fate: RFC 3464's Final-Recipient (without its address type), Action, Status and Diagnostic-Code. */
    record RecipientStatus(String recipient, String action, String status, String diagnostic) {

        boolean failed() {
            return "failed".equalsIgnoreCase(action);
        }
    }

    /** A mail that is not a delivery status notification, or one that cannot be read: the message says which. */
    static final class NotADsnException extends Exception {
        NotADsnException(String message) {
            super(message);
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");

    /** True when at least one recipient failed for good: a bounce (a delayed or delivered report is none). */
    boolean bounce() {
        return recipients.stream().anyMatch(RecipientStatus::failed);
    }

    /** The action that sums it up: failed when one recipient failed, else the first recipient's (delayed, delivered, relayed). */
    String action() {
        if (bounce()) {
            return "failed";
        }
        return recipients.isEmpty() ? "unknown" : recipients.get(0).action().toLowerCase(Locale.ROOT);
    }

    /** What finance reads: per failed recipient its address, status code and the reporting server's diagnostic. */
    String diagnostic() {
        List<String> parts = new ArrayList<>();
        for (RecipientStatus r : recipients) {
            if (r.failed() || !bounce()) {
                parts.add(r.action().toLowerCase(Locale.ROOT) + " for " + (r.recipient() == null ? "an unnamed recipient" : r.recipient())
                        + (r.status() == null ? "" : " (" + r.status() + ")") + (r.diagnostic() == null ? "" : ": " + r.diagnostic()));
            }
        }
        return String.join("; ", parts);
    }

    /** Reads one .eml file's bytes. */
    static DeliveryStatusNotification parse(byte[] eml) throws NotADsnException {
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
            ContentType type = new ContentType(mail.getContentType());
            if (!type.match("multipart/report") || !"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
                throw new NotADsnException("not a delivery status notification: its type is " + type.getBaseType().toLowerCase(Locale.ROOT)
                        + (type.getParameter("report-type") == null ? "" : "; report-type=" + type.getParameter("report-type"))
                        + ", not multipart/report; report-type=delivery-status");
            }
            Multipart parts = (Multipart) mail.getContent();
            List<RecipientStatus> recipients = null;
            String originalFromStatus = null;
            String returnedMessageId = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                    List<InternetHeaders> blocks = fieldBlocks(part.getInputStream());
                    if (blocks.isEmpty()) {
                        throw new NotADsnException("its message/delivery-status part is empty");
                    }
                    originalFromStatus = firstMessageId(blocks.get(0).getHeader("Original-Message-ID", null));
                    recipients = new ArrayList<>();
                    for (InternetHeaders block : blocks.subList(1, blocks.size())) {
                        String action = block.getHeader("Action", null);
                        if (action != null) {
                            recipients.add(new RecipientStatus(address(block.getHeader("Final-Recipient", null)), action.strip(),
                                    clean(block.getHeader("Status", null)), clean(block.getHeader("Diagnostic-Code", null))));
                        }
                    }
                } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers") || part.isMimeType("message/global")
                        || part.isMimeType("message/global-headers")) {
                    try (InputStream in = part.getInputStream()) {
                        returnedMessageId = firstMessageId(new InternetHeaders(in).getHeader("Message-ID", null));
                    }
                }
            }
            if (recipients == null) {
                throw new NotADsnException("it has no message/delivery-status part");
            }
            if (recipients.isEmpty()) {
                throw new NotADsnException("its message/delivery-status part names no recipient with an Action");
            }
            String original = returnedMessageId != null ? returnedMessageId
                    : originalFromStatus != null ? originalFromStatus
                    : firstMessageId(mail.getHeader("Original-Message-ID", null)) != null ? firstMessageId(mail.getHeader("Original-Message-ID", null))
                    : firstMessageId(mail.getHeader("In-Reply-To", null)) != null ? firstMessageId(mail.getHeader("In-Reply-To", null))
                    : lastMessageId(mail.getHeader("References", " "));
            String own = firstMessageId(mail.getHeader("Message-ID", null));
            return new DeliveryStatusNotification(own != null ? own : "sha256:" + sha256(eml), original, List.copyOf(recipients));
        } catch (MessagingException | IOException | ClassCastException e) {
            throw new NotADsnException("cannot be read as a mail: " + e.getMessage());
        }
    }

    /** The field blocks of a message/delivery-status body: the per-message one first, then one per recipient. */
    private static List<InternetHeaders> fieldBlocks(InputStream body) throws IOException, MessagingException {
        String text;
        try (body) {
            text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : BLANK_LINE.split(text.strip())) {
            if (!block.isBlank()) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        return blocks;
    }

    /** "rfc822; ap@acme.example" to "ap@acme.example". */
    private static String address(String field) {
        String value = clean(field);
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return semicolon < 0 ? value : value.substring(semicolon + 1).strip();
    }

    /** A field's value unfolded onto one line, null when empty. */
    private static String clean(String field) {
        if (field == null) {
            return null;
        }
        String value = field.replaceAll("\\s*\\r?\\n\\s*", " ").strip();
        return value.isEmpty() ? null : value;
    }

    private static String firstMessageId(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(field);
        return m.find() ? m.group() : null;
    }

    private static String lastMessageId(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(field);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
