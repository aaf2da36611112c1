package org.billrun.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.billrun.infra.RefusedException;
import org.billrun.ingest.DatabaseSource;

/**
 * A run definition from jobs/*.properties: which period (a month, or "current" / "previous" relative
 * to today), scope, input and last stage, and optionally the policy file; a relative input folder or
 * policy file is relative to the definition's folder. The input is a folder of
 * CSV exports ({@code input=}) or a database ({@code source.url=} and one {@code source.query.<input>=}
 * per input, kept as written in {@link #source()}; the ingest stage checks them). Options given on the
 * command line win over it.
 */
public record RunDefinition(String name, String period, String scope, String input, String until, String policy,
        Map<String, String> source) {

    private static final Set<String> KEYS = Set.of("period", "scope", "input", "until", "policy");

    /** No definition file: every value comes from the command line or its default. */
    public static final RunDefinition NONE = new RunDefinition(null, null, null, null, null, null, Map.of());

    public RunDefinition {
        source = Map.copyOf(source);
    }

    public RunDefinition(String name, String period, String scope, String input, String until) {
        this(name, period, scope, input, until, null, Map.of());
    }

    public static RunDefinition load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new RefusedException("cannot read run definition " + file + ": " + e.getMessage());
        }
        Map<String, String> source = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(DatabaseSource.KEY_PREFIX)) {
                source.put(key.substring(DatabaseSource.KEY_PREFIX.length()), properties.getProperty(key));
            } else if (!KEYS.contains(key)) {
                throw new RefusedException("run definition " + file + ": unknown key '" + key
                        + "' (known: period, scope, input, until, policy, source.url, source.query.<input>)");
            }
        }
        if (properties.getProperty("input") != null && !source.isEmpty()) {
            throw new RefusedException("run definition " + file + " names both an input folder (input=) and a database"
                    + " source (source.*); a run reads one of them");
        }
        // paths relative to the definition, so that a scheduler may start billrun from any folder
        String policy = besideDefinition(file, properties.getProperty("policy"));
        String input = besideDefinition(file, properties.getProperty("input"));
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        return new RunDefinition(name, properties.getProperty("period"), properties.getProperty("scope"),
                input, properties.getProperty("until"), policy, source);
    }

    /** A path from the definition: an absolute one as it is, a relative one against the definition's folder. */
    private static String besideDefinition(Path file, String path) {
        if (path == null || path.isBlank()) {
            return path;
        }
        return file.toAbsolutePath().getParent().resolve(path.strip()).normalize().toString();
    }

    /** Whether the definition reads its input from a database rather than a folder. */
    public boolean readsDatabase() {
        return !source.isEmpty();
    }

    /** "2026-10", "current" (this month) or "previous" (last month), in the clock's time zone. */
    public static YearMonth resolvePeriod(String text, Clock clock) {
        String value = text.strip();
        if (value.equalsIgnoreCase("current")) {
            return YearMonth.now(clock);
        }
        if (value.equalsIgnoreCase("previous")) {
            return YearMonth.now(clock).minusMonths(1);
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new RefusedException("period must be yyyy-MM, current or previous, not '" + text + "'");
        }
    }
}
