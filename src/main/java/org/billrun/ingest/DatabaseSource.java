package org.billrun.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.billrun.infra.RefusedException;

/**
 * A run's input read from a PostgreSQL database: the JDBC URL and one SQL query per input kind,
 * from the {@code source.*} keys of a run definition. Credentials never come from the definition:
 * the URL may not carry them, and {@link SourceConnections} takes them from the environment.
 */
public record DatabaseSource(String url, Map<SourceKind, String> queries) {

    /** The run definition's keys of the database source start with this; {@link #from} takes them without it. */
    public static final String KEY_PREFIX = "source.";
    public static final String URL_KEY = "url";
    public static final String QUERY_KEY_PREFIX = "query.";

    public DatabaseSource {
        queries = Map.copyOf(queries);
    }

    /**
     * The database source of a run definition file, read from its {@code source.*} keys alone: the
     * ingest stage reads them again on every attempt of a run, so that a restart notices an edited query.
     *
     * @throws RefusedException when the file cannot be read or its source keys are incomplete
     */
    public static DatabaseSource load(Path definitionFile) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(definitionFile, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new RefusedException("cannot read run definition " + definitionFile + ": " + e.getMessage());
        }
        Map<String, String> source = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(KEY_PREFIX)) {
                source.put(key.substring(KEY_PREFIX.length()), properties.getProperty(key));
            }
        }
        if (source.isEmpty()) {
            throw new RefusedException("run definition " + definitionFile + " names no database source (source.url)");
        }
        return from(source, definitionFile.toString());
    }

    /**
     * Checks and reads the {@code source.*} keys (without their prefix).
     *
     * @param where the run definition, for messages
     * @throws RefusedException naming the key that is missing, unknown or not allowed
     */
    public static DatabaseSource from(Map<String, String> source, String where) {
        String url = source.getOrDefault(URL_KEY, "").strip();
        if (url.isEmpty()) {
            throw new RefusedException(where + ": source.url is missing (the JDBC URL of the database to read)");
        }
        checkUrl(url, where);
        Map<SourceKind, String> queries = new EnumMap<>(SourceKind.class);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> entry : source.entrySet()) {
            String key = entry.getKey();
            if (key.equals(URL_KEY)) {
                continue;
            }
            SourceKind kind = key.startsWith(QUERY_KEY_PREFIX) ? byInputName(key.substring(QUERY_KEY_PREFIX.length())) : null;
            if (kind == null) {
                unknown.add(KEY_PREFIX + key);
            } else if (!entry.getValue().isBlank()) {
                queries.put(kind, entry.getValue().strip());
            }
        }
        if (!unknown.isEmpty()) {
            throw new RefusedException(where + ": unknown key " + String.join(", ", unknown) + " (known: source.url, "
                    + Arrays.stream(SourceKind.values()).map(k -> queryKey(k)).collect(Collectors.joining(", ")) + ")");
        }
        List<String> missing = Arrays.stream(SourceKind.values())
                .filter(kind -> !kind.optionalFile() && !queries.containsKey(kind))
                .map(DatabaseSource::queryKey)
                .toList();
        if (!missing.isEmpty()) {
            throw new RefusedException(where + ": no query for " + String.join(", ", missing)
                    + " (every input needs one, billing_history, people and approval_limits excepted; see docs/input-formats.md)");
        }
        return new DatabaseSource(url, queries);
    }

    /** The run definition key of a kind's query, e.g. source.query.time_entries. */
    public static String queryKey(SourceKind kind) {
        return KEY_PREFIX + QUERY_KEY_PREFIX + kind.inputName();
    }

    private static SourceKind byInputName(String name) {
        for (SourceKind kind : SourceKind.values()) {
            if (kind.inputName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Only PostgreSQL (the one JDBC driver billrun ships, and the database its streaming cursor and
     * type handling are tested on), and no user or password in the URL: a definition file is read by
     * schedulers, kept in version control, and the URL is printed in summaries and reports.
     */
    private static void checkUrl(String url, String where) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new RefusedException(where + ": source.url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://psa-db:5432/psa, not '" + url + "'");
        }
        int query = url.indexOf('?');
        String authority = query < 0 ? url : url.substring(0, query);
        boolean credentials = authority.contains("@");
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                String name = parameter.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
                credentials |= name.equals("user") || name.equals("password") || name.equals("sslpassword");
            }
        }
        if (credentials) {
            throw new RefusedException(where + ": source.url must not carry credentials; set "
                    + SourceConnections.USER_VARIABLE + " and " + SourceConnections.PASSWORD_VARIABLE
                    + " in the environment instead");
        }
    }
}
