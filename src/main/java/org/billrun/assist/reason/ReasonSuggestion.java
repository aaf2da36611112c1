package org.billrun.assist.reason;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The classifier's proposal for one dispute text: a reason for a person to confirm or change, how
 * sure the classifier is (0..1, calibrated on held-back training texts), the reason it ranked next,
 * and the words that decided between the two. {@code recognised} is false when no word of the text
 * was seen in training: the reason is then {@link DisputeReason#OTHER} and the confidence 0.
 */
public record ReasonSuggestion(DisputeReason reason, double confidence, DisputeReason runnerUp, double runnerUpConfidence,
        List<DecidingWord> decidingWords, boolean recognised) {

    public ReasonSuggestion {
        decidingWords = List.copyOf(decidingWords);
    }

    /** "rate (confidence 0.91, next hours 0.05), decided by 'rate' +2.31, 'hourly rate' +1.20". */
    public String explanation() {
        if (!recognised) {
            return "other (no word of the text was seen in training: a person classifies it)";
        }
        String words = decidingWords.isEmpty() ? "no single word stood out"
                : "decided by " + decidingWords.stream().map(DecidingWord::toString).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s (confidence %.2f, next %s %.2f), %s", reason.code(), confidence, runnerUp.code(),
                runnerUpConfidence, words);
    }
}
