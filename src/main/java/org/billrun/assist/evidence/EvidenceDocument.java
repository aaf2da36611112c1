package org.billrun.assist.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * A document read for acceptance evidence: an e-mail (.eml) or a plain-text document such as a
 * statement of work. {@code file} is the name it is quoted by; {@code from} the sender's address
 * (e-mail only); {@code date} the e-mail's Date header in the sender's own offset, or the date a
 * plain-text document gives on a "Date:" line; either may be null. The text comes as passages:
 * what the author wrote now, and text quoted from older messages or forwarded, which never counts
 * as new acceptance.
 */
public record EvidenceDocument(String file, Kind kind, String from, String fromName, LocalDate date, String subject,
        String messageId, List<Passage> passages) {

    public enum Kind { EMAIL, TEXT }

    /** A run of text; {@code quoted} when it is older text quoted in a reply or forwarded. */
    public record Passage(String text, boolean quoted) {}

    public EvidenceDocument {
        passages = List.copyOf(passages);
    }

    /** Every word of the document, headers and quotes included: to tell which contract it concerns. */
    public String allText() {
        StringBuilder all = new StringBuilder();
        for (String part : new String[] {from, fromName, subject, messageId}) {
            if (part != null) {
                all.append(part).append('\n');
            }
        }
        passages.forEach(p -> all.append(p.text()).append('\n'));
        return all.toString();
    }
}
