package org.billrun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a chain of billrun commands (run, approve, post, events publish) left behind, normalised so that a chain that was
 * killed and restarted compares equal to one that never stopped: every domain table's rows without surrogate ids and
 * timestamps (sorted), the posting outcome per invoice instead of the ledger's attempts, the file outbox's journal and
 * documents, the events delivered (each event id once, with the per-invoice order checked) and the run report's data.
 * The fault-injection harness ({@link FaultSweep}) and {@code scripts/chaos} compare two of these.
 */
public final class ChainSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The tables compared, with the columns left out beyond the generic rule (timestamps and integer ids): what legitimately
     * differs after a restart (attempt counters, the counter in a batch reference, hashes over ids and times).
     */
    private static final Map<String, Set<String>> TABLES = tables();

    private final Map<String, List<String>> parts;

    private ChainSnapshot(Map<String, List<String>> parts) {
        this.parts = parts;
    }

    private static Map<String, Set<String>> tables() {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        for (String table : List.of("billing_run", "source_file", "source_file_part", "ingest_rejection", "run_policy",
                "validated_record", "validation_exception", "missing_time", "draft_invoice", "draft_line", "draft_line_source",
                "draft_tax", "draft_route_reason", "invoice_version", "invoice_version_line", "approval_task", "approval_action",
                "final_number_counter", "posting_batch_item", "posting_batch_total", "event_delivery")) {
            t.put(table, Set.of());
        }
        t.put("audit_log", Set.of("hash", "prev_hash"));
        t.put("audit_anchor", Set.of("hash"));
        t.put("posting", Set.of("attempts", "retry_from", "lookup_first", "last_message"));
        t.put("posting_batch", Set.of("batch_ref"));
        t.put("event_outbox", Set.of("payload"));
        t.put("event_stream", Set.of("failures", "last_error"));
        t.put("event_delivery", Set.of("attempts", "last_error"));
        return t;
    }

    /** The database's part only. */
    public static ChainSnapshot ofDatabase(String jdbcUrl, String user) {
        Map<String, List<String>> parts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "")) {
            for (var table : TABLES.entrySet()) {
                parts.put("table " + table.getKey(), rows(connection, table.getKey(), table.getValue()));
            }
            parts.put("posting outcome", list(connection, """
                    SELECT concat_ws('|', p.final_number, p.state, p.erp_document_id,
                           count(*) FILTER (WHERE l.status IN ('posted', 'found')), count(*) FILTER (WHERE l.status = 'sending'))
                    FROM posting p LEFT JOIN posting_ledger l ON l.posting_id = p.posting_id
                    GROUP BY p.final_number, p.state, p.erp_document_id ORDER BY 1"""));
            parts.put("event payloads", list(connection,
                    "SELECT concat_ws('|', event_id, payload - 'occurred_at') FROM event_outbox ORDER BY 1"));
            parts.put("audit subjects", list(connection, """
                    SELECT concat_ws('|', action, subject_type, actor, count(*)) FROM audit_log GROUP BY action, subject_type, actor
                    ORDER BY 1"""));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return new ChainSnapshot(parts);
    }

    /** Adds the file outbox (journal lines without their write time, the documents by name, the UBL by content). */
    public ChainSnapshot withOutbox(Path outbox) {
        List<String> journal = new ArrayList<>();
        Path file = outbox.resolve("journal.jsonl");
        if (Files.exists(file)) {
            for (String line : lines(file)) {
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                node.remove("written_at");
                node.remove("pdf_sha256"); // the PDF carries its creation time
                journal.add(node.toString());
            }
        }
        parts.put("outbox journal", sorted(journal));
        parts.put("outbox files", files(outbox));
        return this;
    }

    /**
     * Adds the events a file sink received: each event id once (delivery is at least once: a redelivery after a kill is
     * allowed), without its time; an event delivered after a later event of its invoice is recorded as an order violation.
     */
    public ChainSnapshot withEvents(Path eventsDir) {
        List<String> events = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> lastSequence = new HashMap<>();
        int redelivered = 0;
        for (Path file : listFiles(eventsDir, ".jsonl")) {
            for (String line : lines(file)) {
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                String id = node.get("event_id").asString();
                String invoice = node.at("/invoice/run_id").asString() + "/" + node.at("/invoice/draft_id").asString();
                int sequence = node.get("sequence").asInt();
                if (!seen.add(id)) {
                    redelivered++;
                    continue;
                }
                Integer last = lastSequence.put(invoice, sequence);
                if (last != null && last >= sequence) {
                    violations.add(invoice + ": event " + sequence + " after " + last);
                }
                node.remove("occurred_at");
                events.add(node.toString());
            }
        }
        parts.put("events delivered", sorted(events));
        parts.put("events out of order", violations);
        this.redeliveredEvents = redelivered;
        return this;
    }

    private int redeliveredEvents;

    /** Events the sink received more than once (allowed: at least once). */
    public int redeliveredEvents() {
        return redeliveredEvents;
    }

    /** Adds the run report's data (run-report.json of every run, without times, durations and attempt counts) and its file names. */
    public ChainSnapshot withReports(Path reportsRoot) {
        List<String> reports = new ArrayList<>();
        for (Path json : walk(reportsRoot).stream().filter(p -> p.getFileName().toString().equals("run-report.json")).toList()) {
            ObjectNode report = (ObjectNode) JSON.readTree(json.toFile());
            report.remove("generatedAt");
            ObjectNode run = (ObjectNode) report.get("run");
            run.remove("started");
            run.remove("attempts");
            List<String> steps = new ArrayList<>();
            for (JsonNode step : report.get("steps")) {
                steps.add(step.get("step").asString() + " " + step.get("status").asString());
            }
            report.remove("steps");
            if (report.get("audit") instanceof ObjectNode head) {
                head.remove("hash"); // the entries' hashes cover their times
                head.remove("hmac");
                // an id like the others: a transaction rolled back by a lost connection spends sequence values
                head.remove("entry");
            }
            for (var field : report.properties()) {
                reports.add(reportsRoot.relativize(json) + " " + field.getKey() + " " + field.getValue());
            }
            reports.add(reportsRoot.relativize(json) + " steps " + steps);
        }
        parts.put("run report", sorted(reports));
        parts.put("report files", files(reportsRoot));
        return this;
    }

    /** The parts that differ, each with up to {@code limit} rows only one side has; empty when equal. */
    public List<String> differences(ChainSnapshot reference, int limit) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(reference.parts.keySet());
        names.addAll(parts.keySet());
        for (String name : names) {
            List<String> expected = reference.parts.getOrDefault(name, List.of());
            List<String> actual = parts.getOrDefault(name, List.of());
            if (expected.equals(actual)) {
                continue;
            }
            List<String> missing = new ArrayList<>(expected);
            actual.forEach(missing::remove);
            List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            StringBuilder text = new StringBuilder(name + ": " + actual.size() + " rows, reference " + expected.size());
            missing.stream().limit(limit).forEach(row -> text.append("\n    missing: ").append(abbreviate(row)));
            extra.stream().limit(limit).forEach(row -> text.append("\n    extra:   ").append(abbreviate(row)));
            differences.add(text.toString());
        }
        return differences;
    }

    /** Rows of one part, for assertions that the reference is not empty. */
    public List<String> part(String name) {
        return parts.getOrDefault(name, List.of());
    }

    private static String abbreviate(String row) {
        return row.length() <= 300 ? row : row.substring(0, 300) + "...";
    }

    /** The table's rows without timestamps, integer ids and the excluded columns, as text, sorted. */
    private static List<String> rows(Connection connection, String table, Set<String> excluded) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var st = connection.prepareStatement("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    boolean timestamp = type.startsWith("timestamp");
                    boolean surrogate = (type.equals("bigint") || type.equals("integer"))
                            && (name.equals("id") || name.endsWith("_id") || name.equals("event_no") || name.equals("escalated_from"));
                    if (!timestamp && !surrogate && !excluded.contains(name)) {
                        columns.add("coalesce(" + name + "::text, '∅')");
                    }
                }
            }
        }
        String select = columns.isEmpty() ? "''" : "concat_ws('|', " + String.join(", ", columns) + ")";
        return list(connection, "SELECT " + select + " FROM " + table + " ORDER BY 1");
    }

    private static List<String> list(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static List<String> files(Path root) {
        List<String> names = new ArrayList<>();
        for (Path file : walk(root)) {
            String name = root.relativize(file).toString();
            if (name.endsWith(".xml")) {
                name += " " + sha256(file);
            }
            if (!name.startsWith(".") && !name.contains("/.") && !name.contains("stdout") && !name.contains("stderr")) {
                names.add(name);
            }
        }
        return sorted(names);
    }

    private static List<Path> walk(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listFiles(Path dir, String suffix) {
        return walk(dir).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
