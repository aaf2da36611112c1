package org.billrun.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.Set;
import org.billrun.infra.RefusedException;

/**
 * A run definition from jobs/*.properties: which period (a month, or "current" / "previous" relative
 * to today), scope, input folder and last stage. Options given on the command line win over it.
 */
public record RunDefinition(String name, String period, String scope, String input, String until) {

    private static final Set<String> KEYS = Set.of("period", "scope", "input", "until");

    /** No definition file: every value comes from the command line or its default. */
    public static final RunDefinition NONE = new RunDefinition(null, null, null, null, null);

    public static RunDefinition load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new RefusedException("cannot read run definition " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new RefusedException("run definition " + file + ": unknown key '" + key + "' (known: period, scope, input, until)");
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        return new RunDefinition(name, properties.getProperty("period"), properties.getProperty("scope"),
                properties.getProperty("input"), properties.getProperty("until"));
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
