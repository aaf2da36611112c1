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
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The firm's policy file (policy.properties in the input folder, or the file given with --policy):
 * thresholds and switches that are the firm's to choose, never code. Every value is optional and
 * has a documented default; an unknown key or an unreadable value is an error that names the key,
 * so a typo cannot silently fall back to a default. The content and its SHA-256 are kept with each
 * run, so an auditor can see which policy a run applied.
 */
public final class PolicyFile {

    public static final String FILE_NAME = "policy.properties";

    private final String source;
    private final String content;
    private final Properties properties = new Properties();

    private PolicyFile(String source, String content) {
        this.source = source;
        this.content = content;
        try {
            properties.load(new StringReader(content));
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyException(source + ": " + e.getMessage());
        }
    }

    /** Defaults only: a firm that ships no policy file. */
    public static PolicyFile defaults() {
        return new PolicyFile("(defaults)", "");
    }

    public static PolicyFile of(String source, String content) {
        return new PolicyFile(source, content);
    }

    public static PolicyFile read(Path file) {
        try {
            return new PolicyFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage());
        }
    }

    /** The policy of an input folder: its policy.properties when there is one, else the defaults. */
    public static PolicyFile forInput(Path inputDir) {
        Path file = inputDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? read(file) : defaults();
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
