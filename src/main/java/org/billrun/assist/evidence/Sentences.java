package org.billrun.assist.evidence;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts text into sentences, and sentences into clauses, the units acceptance is judged in. Lines of
 * a paragraph are joined where a sentence runs on (the line ends without a full stop and the next
 * starts in lower case); a line that stands alone (a table row, a greeting, a signature) stays
 * alone. Clauses split at ";", ":" and at "but", "however", "whereas", "while" (aber, mais, maar),
 * so "we accept M7, but M8 is still under review" judges M7 and M8 apart.
 */
final class Sentences {

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "\\s*[;:]\\s+|,?\\s+(?=(but|however|whereas|while|aber|jedoch|mais|maar)\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^\\s*([-*•]|\\d+[.)])\\s+.*");

    private Sentences() {}

    static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            for (String unit : joinRunOnLines(paragraph)) {
                BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
                it.setText(unit);
                int start = it.first();
                for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                    String sentence = unit.substring(start, end).strip();
                    if (!sentence.isEmpty()) {
                        sentences.add(sentence);
                    }
                }
            }
        }
        return sentences;
    }

    static List<String> clauses(String sentence) {
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(sentence)) {
            if (!clause.isBlank()) {
                clauses.add(clause.strip());
            }
        }
        return clauses;
    }

    private static List<String> joinRunOnLines(String paragraph) {
        List<String> units = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : paragraph.split("\\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean runsOn = !current.isEmpty() && !endsSentence(current) && Character.isLowerCase(line.charAt(0))
                    && !BULLET.matcher(line).matches();
            if (!current.isEmpty() && !runsOn && !endsSentence(current) || BULLET.matcher(line).matches()) {
                flush(units, current);
            }
            current.append(current.isEmpty() ? "" : " ").append(line);
        }
        flush(units, current);
        return units;
    }

    private static boolean endsSentence(CharSequence text) {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }

    private static void flush(List<String> units, StringBuilder current) {
        if (!current.isEmpty()) {
            units.add(current.toString());
            current.setLength(0);
        }
    }
}
