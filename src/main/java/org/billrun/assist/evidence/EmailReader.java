package org.billrun.assist.evidence;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.billrun.assist.evidence.EvidenceDocument.Passage;

/**
 * Reads an e-mail (.eml, RFC 5322 / MIME) with Jakarta Mail: sender, Date header, subject,
 * Message-ID, and the body's text. Multipart messages are walked: of alternatives the plain text is
 * read (the HTML when there is none), attachments are skipped except a forwarded message
 * (message/rfc822), whose text is older and counts as quoted. Jakarta Mail decodes quoted-printable
 * and base64 and the part's charset; a charset Java does not know is read as windows-1252.
 */
final class EmailReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    private EmailReader() {}

    static EvidenceDocument read(String file, InputStream in) throws IOException {
        try {
            MimeMessage message = new MimeMessage(SESSION, in);
            InternetAddress from = sender(message);
            List<Passage> passages = new ArrayList<>();
            collect(message, false, passages);
            return new EvidenceDocument(file, EvidenceDocument.Kind.EMAIL, from == null ? null : from.getAddress(),
                    from == null ? null : from.getPersonal(), date(message), message.getSubject(), message.getMessageID(), passages);
        } catch (MessagingException e) {
            throw new IOException(file + ": not a readable e-mail (" + e.getMessage() + ")", e);
        }
    }

    private static InternetAddress sender(MimeMessage message) throws MessagingException {
        var addresses = message.getFrom();
        return addresses != null && addresses.length > 0 && addresses[0] instanceof InternetAddress a ? a : null;
    }

    /** The Date header's calendar date where the sender was (its own offset), not converted to this machine's zone. */
    private static LocalDate date(MimeMessage message) throws MessagingException {
        String header = message.getHeader("Date", null);
        if (header != null) {
            String cleaned = header.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
            try {
                return OffsetDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
            } catch (DateTimeParseException e) {
                // an unusual layout: fall back to Jakarta Mail's lenient parser, in UTC
            }
        }
        var sent = message.getSentDate();
        return sent == null ? null : sent.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static void collect(Part part, boolean quoted, List<Passage> passages) throws MessagingException, IOException {
        if (part.isMimeType("multipart/alternative")) {
            Multipart alternatives = (Multipart) part.getContent();
            BodyPart chosen = null;
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart candidate = alternatives.getBodyPart(i);
                if (chosen == null || candidate.isMimeType("text/plain") && !chosen.isMimeType("text/plain")) {
                    chosen = candidate;
                }
            }
            if (chosen != null) {
                collect(chosen, quoted, passages);
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                collect(parts.getBodyPart(i), quoted, passages);
            }
        } else if (part.isMimeType("message/rfc822")) {
            collect((Part) part.getContent(), true, passages);
        } else if (isAttachment(part)) {
            return;
        } else if (part.isMimeType("text/plain")) {
            add(passages, QuotedText.split(text(part)), quoted);
        } else if (part.isMimeType("text/html")) {
            add(passages, HtmlText.passages(text(part)), quoted);
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    private static void add(List<Passage> passages, List<Passage> found, boolean quoted) {
        for (Passage p : found) {
            passages.add(quoted ? new Passage(p.text(), true) : p);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // the part names a charset Java does not know: read its bytes as windows-1252, the usual culprit
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charsetOf(part));
        }
    }

    private static Charset charsetOf(Part part) throws MessagingException {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
