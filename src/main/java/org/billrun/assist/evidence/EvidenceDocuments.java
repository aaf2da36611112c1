package org.billrun.assist.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.billrun.assist.evidence.EvidenceDocument.Passage;

/**
 * Reads a folder of evidence documents: e-mails (.eml) and plain-text documents (.txt, UTF-8), in
 * file name order. A file that cannot be read is not skipped silently: it is listed with the reason.
 */
public final class EvidenceDocuments {

    /** What was read, and each file that could not be, as "file: reason". */
    public record Read(List<EvidenceDocument> documents, List<String> problems) {}

    private static final Pattern DATE_LINE = Pattern.compile("^\\s*(date|dated|datum)\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private EvidenceDocuments() {}

    public static Read readFolder(Path folder) throws IOException {
        List<EvidenceDocument> documents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".eml") && !lower.endsWith(".txt")) {
                problems.add(name + ": not read (only .eml e-mails and .txt documents are)");
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                documents.add(lower.endsWith(".eml") ? EmailReader.read(name, in) : text(name, in.readAllBytes()));
            } catch (IOException e) {
                problems.add(e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage());
            }
        }
        return new Read(documents, problems);
    }

    public static EvidenceDocument email(String name, InputStream in) throws IOException {
        return EmailReader.read(name, in);
    }

    /** A plain-text document (UTF-8): its date is the first "Date:" line that holds one. */
    public static EvidenceDocument text(String name, byte[] bytes) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(name + ": not UTF-8 text (save the document as UTF-8)", e);
        }
        LocalDate date = null;
        Matcher m = DATE_LINE.matcher(text);
        while (date == null && m.find()) {
            date = DateFinder.find(m.group(2), null).orElse(null);
        }
        return new EvidenceDocument(name, EvidenceDocument.Kind.TEXT, null, null, date, null, null,
                List.of(new Passage(text.replace("\r\n", "\n").strip(), false)));
    }
}
