package org.billrun.assist.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.billrun.assist.evidence.EvidenceDocument.Passage;

/**
 * Separates what the author of a plain-text message wrote from older text it quotes or forwards:
 * lines starting with "&gt;", and everything after a reply or forward header ("On ... wrote:",
 * "Am ... schrieb ...:", "Le ... a écrit :", "-----Original Message-----", "---------- Forwarded
 * message ---------", an Outlook "From:/Sent:" block, ...). The signature after "-- " is dropped.
 */
final class QuotedText {

    private static final Pattern REPLY_HEADER = Pattern.compile(
            "^\\s*(on\\b.*\\bwrote:|am\\b.*\\bschrieb\\b.*:|le\\b.*\\ba écrit\\s*:|op\\b.*\\bschreef\\b.*:"
                    + "|-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|oorspronkelijk bericht)\\s*-{2,}"
                    + "|-{2,}\\s*(forwarded message|weitergeleitete nachricht|message transféré|doorgestuurd bericht)\\s*-{2,}"
                    + "|begin forwarded message:|anfang der weitergeleiteten nachricht:)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*(from|von|de|van):\\s+\\S.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_NEXT = Pattern.compile("^\\s*(sent|gesendet|envoyé|verzonden|date|datum|to|an|à|aan|subject|betreff|objet|onderwerp):.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private QuotedText() {}

    static List<Passage> split(String text) {
        List<Passage> passages = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean restQuoted = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!restQuoted && line.equals("-- ")) {
                break;
            }
            if (!restQuoted && (REPLY_HEADER.matcher(line).matches() || outlookHeader(lines, i))) {
                restQuoted = true;
            }
            boolean lineQuoted = restQuoted || line.startsWith(">");
            if (lineQuoted != quoted && !current.isEmpty()) {
                passages.add(new Passage(current.toString().strip(), quoted));
                current.setLength(0);
            }
            quoted = lineQuoted;
            current.append(line.startsWith(">") ? line.replaceFirst("^(>\\s?)+", "") : line).append('\n');
        }
        if (!current.toString().isBlank()) {
            passages.add(new Passage(current.toString().strip(), quoted));
        }
        passages.removeIf(p -> p.text().isBlank());
        return passages;
    }

    /** "From: X" followed within the next three lines by "Sent:", "Date:", "To:" or "Subject:". */
    private static boolean outlookHeader(String[] lines, int i) {
        if (!HEADER_FROM.matcher(lines[i]).matches()) {
            return false;
        }
        for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
            if (HEADER_NEXT.matcher(lines[j]).matches()) {
                return true;
            }
        }
        return false;
    }
}
