package org.billrun.events.inbound;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file of payment confirmations and dispute notices (docs/events.md, "Importing payments and dispute
 * notices"): CSV (comma or semicolon, a header naming the columns in any order) or JSON (an array of objects,
 * or an object whose "events" is one). A byte-order mark, blank lines and surrounding spaces are ignored;
 * a row repeated with the same key and content is counted once; a row that cannot be read becomes a
 * problem with its place, never a crash.
 */
final class InboundFile {

    /** Column names and the names other systems use for them. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("kind", "kind"), Map.entry("type", "kind"),
            Map.entry("id", "id"), Map.entry("row_id", "id"), Map.entry("event_id", "id"), Map.entry("payment_id", "id"),
            Map.entry("invoice", "invoice"), Map.entry("invoice_number", "invoice"), Map.entry("final_number", "invoice"),
            Map.entry("amount", "amount"), Map.entry("currency", "currency"),
            Map.entry("date", "date"), Map.entry("paid_on", "date"), Map.entry("received_on", "date"),
            Map.entry("reference", "reference"), Map.entry("reason", "reason"));

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** What was read: the rows to match, the rows that could not be read, and the duplicates dropped. */
    record Parsed(String fileName, String sha256, int rowsRead, List<InboundRow> rows, List<Problem> problems, int duplicates) {}

    /** A row that is not a payment or dispute billrun can act on. */
    record Problem(InboundRow row, InboundRule rule, String message) {}

    private InboundFile() {}

    static Parsed read(Path file, String source) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return parse(file.getFileName().toString(), sha256(bytes), text, source);
    }

    static Parsed parse(String fileName, String sha256, String text, String source) throws IOException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String start = body.stripLeading();
        List<InboundRow> raw = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (start.startsWith("[") || start.startsWith("{")) {
            readJson(body, fileName, sha256, source, raw, problems);
        } else {
            readCsv(body, fileName, sha256, source, raw, problems);
        }
        Map<String, InboundRow> byKey = new LinkedHashMap<>();
        Map<String, Integer> sameContent = new java.util.HashMap<>();
        int duplicates = 0;
        for (InboundRow read : raw) {
            // rows without an id are known by their content and its occurrence in the file: two equal payments on one day stay
            // two, and a re-export with another row changed or added keeps every other row's key
            InboundRow row = read.id() != null ? read
                    : read.withImportKey(read.importKey() + ":" + sameContent.merge(read.importKey(), 1, Integer::sum));
            InboundRow first = byKey.putIfAbsent(row.importKey(), row);
            if (first == null) {
                continue;
            }
            if (first.sameContentAs(row)) {
                duplicates++;
            } else {
                problems.add(new Problem(row, InboundRule.CONFLICTING_DUPLICATE, "%s repeats id %s of %s with other content; the first was kept"
                        .formatted(row.where(), row.id(), first.where())));
            }
        }
        return new Parsed(fileName, sha256, raw.size() + problems.stream().filter(p -> p.rule() == InboundRule.BAD_ROW).toList().size(),
                List.copyOf(byKey.values()), problems, duplicates);
    }

    private static void readCsv(String body, String fileName, String sha256, String source, List<InboundRow> rows, List<Problem> problems)
            throws IOException {
        String firstLine = body.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char separator = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
        try (CSVReader csv = new CSVReaderBuilder(new StringReader(body)).withCSVParser(new CSVParserBuilder().withSeparator(separator).build())
                .build()) {
            String[] header = null;
            long lineNo = 0;
            String[] cells;
            while (true) {
                try {
                    cells = csv.readNext();
                } catch (CsvException e) {
                    long at = csv.getLinesRead();
                    problems.add(new Problem(placeholder(fileName, sha256, (int) at), InboundRule.BAD_ROW, "line %d: %s".formatted(at, e.getMessage())));
                    lineNo = at;
                    continue;
                }
                if (cells == null) {
                    break;
                }
                long end = csv.getLinesRead();
                int line = (int) (lineNo + 1);
                lineNo = end;
                if (cells.length == 0 || cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    String name = ALIASES.get(header[i].strip().toLowerCase(Locale.ROOT).replace(' ', '_'));
                    if (name != null) {
                        fields.putIfAbsent(name, blankToNull(cells[i]));
                    }
                }
                rows.add(row(fields, "line " + line, line, fileName, sha256, source));
            }
        }
    }

    private static void readJson(String body, String fileName, String sha256, String source, List<InboundRow> rows, List<Problem> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            problems.add(new Problem(placeholder(fileName, sha256, 1), InboundRule.BAD_ROW,
                    "the file is not JSON: " + e.getOriginalMessage()));
            return;
        }
        JsonNode records = root.isObject() ? root.path("events") : root;
        if (!records.isArray()) {
            problems.add(new Problem(placeholder(fileName, sha256, 1), InboundRule.BAD_ROW,
                    "expected an array of objects, or an object with an \"events\" array"));
            return;
        }
        int index = 0;
        for (JsonNode record : records) {
            index++;
            if (!record.isObject()) {
                problems.add(new Problem(placeholder(fileName, sha256, index), InboundRule.BAD_ROW, "record %d is not an object".formatted(index)));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : record.properties()) {
                String name = ALIASES.get(e.getKey().strip().toLowerCase(Locale.ROOT));
                JsonNode v = e.getValue();
                if (name != null && !v.isNull()) {
                    fields.putIfAbsent(name, blankToNull(v.isNumber() ? v.decimalValue().toPlainString() : v.asString()));
                }
            }
            rows.add(row(fields, "record " + index, index, fileName, sha256, source));
        }
    }

    private static InboundRow row(Map<String, String> f, String where, int line, String fileName, String sha256, String source) {
        String id = f.get("id");
        String kind = f.get("kind");
        String kindLabel = kind == null ? "" : InboundKind.named(kind).map(InboundKind::label).orElse(kind);
        String currency = f.get("currency") == null ? null : f.get("currency").toUpperCase(Locale.ROOT);
        String key = id != null ? source + ":" + kindLabel + ":" + id
                : contentKey(source, kindLabel, f.get("invoice"), f.get("amount"), currency, f.get("date"), f.get("reference"), f.get("reason"));
        return new InboundRow(key, where, line, kind, id, f.get("invoice"), f.get("amount"), currency, f.get("date"), f.get("reference"),
                f.get("reason"));
    }

    /**
     * The key of a row without an id, before its occurrence in the file is added: the SHA-256 of what the row says (source,
     * kind, invoice number, amount as written without its spaces, currency, date, payer's reference, reason), so the same
     * row in another export of the file has the same key wherever it stands.
     */
    static String contentKey(String source, String kind, String invoice, String amount, String currency, String date, String reference,
            String reason) {
        StringBuilder content = new StringBuilder();
        for (String field : new String[] {source, kind, invoice == null ? null : invoice.toUpperCase(Locale.ROOT),
                amount == null ? null : amount.replaceAll("\\s", ""), currency, date, reference, reason}) {
            // each field with its length first: no two different rows give the same text
            String value = field == null ? "" : field;
            content.append(value.length()).append(':').append(value).append('|');
        }
        return source + ":content:" + sha256(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static InboundRow placeholder(String fileName, String sha256, int line) {
        return new InboundRow("sha256:" + sha256 + ":" + line, "line " + line, line, null, null, null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
