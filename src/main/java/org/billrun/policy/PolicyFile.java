package org.billrun.policy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.infra.InputPaths;

/**
 * The firm's policy file (policy.properties in the input folder, or the file given with --policy):
 * thresholds and switches that are the firm's to choose, never code. Every value is optional and
 * has a documented default; an unknown key or an unreadable value is an error that names the key,
 * so a typo cannot silently fall back to a default. The content and its SHA-256 are kept with each
 * run, so an auditor can see which policy a run applied.
 *
 * <p>A key may carry a scope, {@code KEY[dimension=value]} (docs/input-formats.md, "policy.properties"):
 * such a setting applies to the records of that project, contract, client, billing model or country
 * only, and the most specific one wins ({@link #at}). The file itself answers for its global keys;
 * {@link #at} gives the view of one scope.
 */
public final class PolicyFile {

    public static final String FILE_NAME = "policy.properties";

    /** A key with a scope as written: {@code time.max-hours-per-day[country=DE]}. */
    private static final Pattern SCOPED_KEY = Pattern.compile("([^\\[\\]]+)\\[([^=\\]]*)=([^\\]]*)\\]");
    /** The start of a line whose key has brackets: the part inside them is escaped before Properties reads it. */
    private static final Pattern BRACKETED_LINE = Pattern.compile("^(\\s*[^\\s=:#!\\[][^\\s=:\\[]*)\\[([^\\]]*)\\]");

    private final String source;
    private final String content;
    private final Properties properties;
    private final List<ScopedSetting> scoped;

    private PolicyFile(String source, String content) {
        this.source = source;
        this.content = content;
        Properties all = new Properties();
        try {
            all.load(new StringReader(escapeScopes(content)));
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyException(source + ": " + e.getMessage());
        }
        this.properties = new Properties();
        List<ScopedSetting> settings = new ArrayList<>();
        for (String key : new TreeSet<>(all.stringPropertyNames())) {
            if (key.indexOf('[') < 0 && key.indexOf(']') < 0) {
                properties.setProperty(key, all.getProperty(key));
                continue;
            }
            Matcher m = SCOPED_KEY.matcher(key);
            if (!m.matches()) {
                throw new PolicyException(source + ": '" + key + "' is not KEY[dimension=value], e.g. time.max-hours-per-day[country=DE]");
            }
            ScopeDimension dimension = ScopeDimension.parse(m.group(2).strip());
            if (dimension == null) {
                throw new PolicyException(source + ": " + key + ": unknown scope dimension '" + m.group(2).strip() + "' (one of "
                        + ScopeDimension.labels() + "; a key without a scope is global)");
            }
            String value = m.group(3).strip();
            if (value.isEmpty()) {
                throw new PolicyException(source + ": " + key + ": the scope names no " + dimension.label());
            }
            settings.add(new ScopedSetting(key, m.group(1).strip(), dimension, value, all.getProperty(key)));
        }
        this.scoped = List.copyOf(settings);
    }

    private PolicyFile(String source, String content, Properties properties, List<ScopedSetting> scoped) {
        this.source = source;
        this.content = content;
        this.properties = properties;
        this.scoped = scoped;
    }

    /** A setting of the file that carries a scope: the key as written, its key without the scope, the scope and the value. */
    public record ScopedSetting(String key, String baseKey, ScopeDimension dimension, String value, String text) {

        public String scope() {
            return dimension.label() + "=" + value;
        }
    }

    /**
     * java.util.Properties ends a key at the first '=', ':' or blank, so the one inside
     * {@code [client=C-ACME]} is escaped first; the file's content is kept as it was written.
     */
    private static String escapeScopes(String content) {
        StringBuilder out = new StringBuilder(content.length() + 16);
        boolean continued = false;
        for (String line : content.split("\\R", -1)) {
            Matcher m = BRACKETED_LINE.matcher(line);
            if (!continued && m.find()) {
                String inside = m.group(2).replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ");
                line = m.group(1) + "[" + inside + "]" + line.substring(m.end());
            }
            out.append(line).append('\n');
            continued = (continued || !isComment(line)) && endsInOddBackslashes(line);
        }
        return out.toString();
    }

    private static boolean endsInOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static boolean isComment(String line) {
        String s = line.stripLeading();
        return s.startsWith("#") || s.startsWith("!");
    }

    /** The settings that carry a scope, in key order. */
    public List<ScopedSetting> scopedSettings() {
        return scoped;
    }

    /** The values each dimension's settings name: e.g. client {C-ACME}, country {DE}. */
    public Map<ScopeDimension, Set<String>> namedScopes() {
        Map<ScopeDimension, Set<String>> named = new EnumMap<>(ScopeDimension.class);
        for (ScopedSetting s : scoped) {
            named.computeIfAbsent(s.dimension(), d -> new TreeSet<>()).add(s.value());
        }
        return named;
    }

    /**
     * The file as it applies to a record in {@code scope}: each key takes the value of its most specific
     * setting that matches the scope (project, contract, client, model, country), else its global value.
     */
    public PolicyFile at(PolicyScope scope) {
        Properties view = new Properties();
        view.putAll(properties);
        Map<String, ScopedSetting> best = new HashMap<>();
        for (ScopedSetting s : scoped) {
            if (s.value().equals(scope.value(s.dimension()))) {
                best.merge(s.baseKey(), s, (a, b) -> a.dimension().compareTo(b.dimension()) <= 0 ? a : b);
            }
        }
        best.values().forEach(s -> view.setProperty(s.baseKey(), s.text()));
        return new PolicyFile(source, content, view, scoped);
    }

    /**
     * Why each key has its value in {@code scope}: the setting that won and the less specific ones it
     * overrode, for every key the file sets (globally or in some scope), in key order.
     */
    public List<Explained> explain(PolicyScope scope) {
        Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
        scoped.forEach(s -> keys.add(s.baseKey()));
        List<Explained> rows = new ArrayList<>();
        for (String key : keys) {
            List<Candidate> candidates = new ArrayList<>();
            List<String> elsewhere = new ArrayList<>();
            for (ScopeDimension dimension : ScopeDimension.values()) {
                for (ScopedSetting s : scoped) {
                    if (s.baseKey().equals(key) && s.dimension() == dimension) {
                        if (s.value().equals(scope.value(dimension))) {
                            candidates.add(new Candidate(s.scope(), s.text().strip()));
                        } else {
                            elsewhere.add(s.scope());
                        }
                    }
                }
            }
            if (properties.getProperty(key) != null) {
                candidates.add(new Candidate("global", properties.getProperty(key).strip()));
            }
            rows.add(candidates.isEmpty()
                    ? new Explained(key, null, "default", List.of(), elsewhere)
                    : new Explained(key, candidates.get(0).value(), candidates.get(0).scope(),
                            candidates.subList(1, candidates.size()), elsewhere));
        }
        return rows;
    }

    /** A value a key has in one scope ("client=C-ACME") or globally ("global"). */
    public record Candidate(String scope, String value) {}

    /**
     * One key as it applies in a scope: its value (null: the documented default), the scope that matched
     * ("default" when none did), the less specific values it overrode, and the scopes it is set for that
     * the record is not in.
     */
    public record Explained(String key, String value, String matched, List<Candidate> overridden, List<String> notMatching) {}

    /** Defaults only: a firm that ships no policy file. */
    public static PolicyFile defaults() {
        return new PolicyFile("(defaults)", "");
    }

    public static PolicyFile of(String source, String content) {
        return new PolicyFile(source, content);
    }

    public static PolicyFile read(Path file) {
        InputPaths.unusableFile(file).ifPresent(why -> {
            throw new PolicyException("policy file " + file + " " + why);
        });
        try {
            return new PolicyFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage());
        }
    }

    /** The policy of an input folder: its policy.properties when there is one, else the defaults. */
    public static PolicyFile forInput(Path inputDir) {
        Path file = inputDir.resolve(FILE_NAME);
        // a folder or a looping link named policy.properties is an error, not "no policy file"
        return InputPaths.anythingAt(file) ? read(file) : defaults();
    }

    public String source() {
        return source;
    }

    public String content() {
        return content;
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails on the first key that is neither one of {@code keys} nor starts with one of {@code prefixes}. */
    public void requireKnownKeys(Set<String> keys, Set<String> prefixes) {
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!keys.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                throw new PolicyException(source + ": unknown key '" + key + "' (see the README, section Policy)");
            }
        }
    }

    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    public String text(String key, String otherwise) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    public BigDecimal decimal(String key, String otherwise) {
        return parse(key, otherwise, BigDecimal::new, "a plain decimal such as 12 or 2.5");
    }

    public int integer(String key, int otherwise) {
        return parse(key, Integer.toString(otherwise), Integer::valueOf, "a whole number");
    }

    /** A decimal key that must lie in {@code range}; out of range is an error naming the key and the range. */
    public BigDecimal decimal(String key, String otherwise, PolicyRange range) {
        return inRange(key, decimal(key, otherwise), range);
    }

    /** A whole-number key that must lie in {@code range}; out of range is an error naming the key and the range. */
    public int integer(String key, int otherwise, PolicyRange range) {
        int value = integer(key, otherwise);
        inRange(key, BigDecimal.valueOf(value), range);
        return value;
    }

    /** {@code value} of {@code key} when {@code range} holds it, else a PolicyException naming both. */
    public BigDecimal inRange(String key, BigDecimal value, PolicyRange range) {
        if (value != null && !range.contains(value)) {
            throw new PolicyException(source + ": " + key + " = " + value.toPlainString() + " is out of range: it must be "
                    + range.describe());
        }
        return value;
    }

    public LocalTime time(String key, String otherwise) {
        return parse(key, otherwise, LocalTime::parse, "a time HH:mm");
    }

    public ZoneId zone(String key, String otherwise) {
        return parse(key, otherwise, ZoneId::of, "a time zone such as UTC or Europe/Berlin");
    }

    public Set<LocalDate> dates(String key) {
        Set<LocalDate> dates = new TreeSet<>();
        for (String part : text(key, "").split(",")) {
            if (!part.isBlank()) {
                dates.add(parseValue(key, part.strip(), LocalDate::parse, "dates yyyy-MM-dd separated by commas"));
            }
        }
        return dates;
    }

    /** The key's value (or {@code otherwise} when it is absent) through {@code parser}; an error names the key. */
    public <T> T parse(String key, String otherwise, Function<String, T> parser, String expected) {
        return parseValue(key, text(key, otherwise), parser, expected);
    }

    private <T> T parseValue(String key, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new PolicyException(source + ": " + key + " = '" + value + "' is not " + expected);
        }
    }

    /** A policy file that cannot be used: the message names the file and the key. */
    public static final class PolicyException extends IllegalArgumentException {
        public PolicyException(String message) {
            super(message);
        }
    }
}
