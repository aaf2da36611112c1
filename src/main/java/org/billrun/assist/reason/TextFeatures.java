package org.billrun.assist.reason;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features of a dispute text: the distinct stems of its words. Normalised means lower case,
 * accents folded (für = fur, réglée = reglee), dates, references, numbers, percent signs and
 * currencies replaced by one token each (so "EUR 1,378" and "GBP 212.40" count as the same
 * evidence), common function words of English, German, French and Dutch dropped, a plural "s" taken
 * off and the word cut to its first five letters (receipts, receipt, reçu: "recei", "recu"), which
 * catches inflections and most typos at a word's end. Word pairs were tried and lowered the
 * cross-validated accuracy on the shipped set; docs/assistance.md lists the rules and the figures.
 */
public final class TextFeatures {

    private TextFeatures() {}

    static final String DATE = "zdate";
    static final String REFERENCE = "zref";
    static final String NUMBER = "znum";
    static final String PERCENT = "zpct";
    static final String CURRENCY = "zccy";

    private static final Map<String, String> DISPLAY = Map.of(DATE, "(date)", REFERENCE, "(reference)", NUMBER, "(number)",
            PERCENT, "(percent)", CURRENCY, "(currency)");

    private static final Pattern DATES = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b");
    /** Invoice, record and document references: NWDE-2026-0412, E-009, M-CASCADE-08, EX-00047, CR-07. */
    private static final Pattern REFERENCES = Pattern.compile("\\b\\p{L}{1,8}(?:-[\\p{L}\\p{N}]+)*-\\p{N}[\\p{L}\\p{N}-]*");
    private static final Pattern NUMBERS = Pattern.compile("\\p{N}(?:[\\p{N},.']*\\p{N})?");
    private static final Pattern ELISION = Pattern.compile("\\b(qu|[cdjlmnst])['’]");
    private static final Pattern APOSTROPHES = Pattern.compile("['’]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<String> CURRENCIES = Set.of("eur", "gbp", "usd", "chf", "jpy", "sek", "pln", "euro", "euros", "dollar",
            "dollars", "pound", "pounds");

    private static final Set<String> FUNCTION_WORDS = Set.of(
            // English
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "are", "was", "were", "be", "been", "this", "that",
            "these", "those", "it", "its", "we", "our", "us", "you", "your", "i", "my", "me", "he", "she", "they", "them", "their",
            "his", "her", "with", "as", "at", "by", "from", "has", "have", "had", "will", "would", "so", "there", "which", "also",
            "all", "any", "do", "does", "did", "can", "could", "hi", "hello", "dear", "thanks", "thank", "regards", "kind", "best",
            // German
            "der", "die", "das", "den", "dem", "des", "und", "oder", "ein", "eine", "einer", "einen", "zu", "im", "am", "auf",
            "fur", "mit", "von", "vom", "zum", "zur", "ist", "sind", "wurde", "wurden", "wir", "uns", "unser", "unsere", "ihr",
            "ihre", "ihrer", "ihnen", "sie", "es", "bei", "sehr", "geehrte", "damen", "herren", "freundlichen", "grussen", "guten",
            "tag",
            // French
            "le", "la", "les", "un", "une", "du", "de", "et", "ou", "en", "au", "aux", "pour", "par", "sur", "est", "sont", "nous",
            "notre", "nos", "vos", "votre", "ce", "cette", "ces", "il", "elle", "qui", "que", "qu", "merci", "bonjour",
            "cordialement",
            // Dutch
            "het", "een", "van", "voor", "zie");

    /** One feature of a text: its stem, and the word of the text it came from, for people to read. */
    public record Feature(String stem, String word) {}

    static final int STEM_LENGTH = 5;

    /** The distinct features of a text, in the order they first occur. */
    public static List<Feature> of(String text) {
        Map<String, Feature> features = new LinkedHashMap<>();
        for (String word : words(text)) {
            String stem = DISPLAY.containsKey(word) || word.length() <= STEM_LENGTH ? word : word.substring(0, STEM_LENGTH);
            features.putIfAbsent(stem, new Feature(stem, DISPLAY.getOrDefault(word, word)));
        }
        return List.copyOf(features.values());
    }

    /** The normalised words of a text, in order. */
    public static List<String> words(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = DATES.matcher(s).replaceAll(" " + DATE + " ");
        s = REFERENCES.matcher(s).replaceAll(" " + REFERENCE + " ");
        s = NUMBERS.matcher(s).replaceAll(" " + NUMBER + " ");
        s = s.replace("%", " " + PERCENT + " ").replace("€", " " + CURRENCY + " ").replace("£", " " + CURRENCY + " ")
                .replace("$", " " + CURRENCY + " ");
        s = fold(s);
        s = ELISION.matcher(s).replaceAll("$1 ");
        s = APOSTROPHES.matcher(s).replaceAll("");
        List<String> words = new ArrayList<>();
        for (String token : SEPARATORS.split(s)) {
            if (token.length() < 2 || FUNCTION_WORDS.contains(token)) {
                continue;
            }
            words.add(CURRENCIES.contains(token) ? CURRENCY : singular(token));
        }
        return words;
    }

    private static String fold(String s) {
        String folded = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return folded.replace("ß", "ss").replace("ł", "l").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("đ", "d");
    }

    /** "receipts" → "receipt", "entries" → "entry"; leaves "class", "status", "analysis" and short words alone. */
    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
