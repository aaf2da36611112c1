package org.billrun.assist.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReasonClassifierTests {

    private static ReasonClassifier classifier;

    @BeforeAll
    static void trainOnTheShippedSet() {
        classifier = ReasonClassifier.shipped();
    }

    private static List<String> words(ReasonSuggestion suggestion) {
        return suggestion.decidingWords().stream().map(DecidingWord::words).toList();
    }

    @Test
    void aRateDisputeIsSuggestedAsRateWithTheWordsThatDecidedIt() {
        ReasonSuggestion suggestion = classifier.classify("The hourly rate billed for Fiona is GBP 240, the contract says 205.");

        assertThat(suggestion.reason()).isEqualTo(DisputeReason.RATE);
        assertThat(suggestion.recognised()).isTrue();
        assertThat(words(suggestion)).contains("rate");
        assertThat(suggestion.decidingWords()).allSatisfy(w -> assertThat(w.weight()).isPositive());
        assertThat(suggestion.decidingWords()).isSortedAccordingTo((x, y) -> Double.compare(y.weight(), x.weight()));
        assertThat(suggestion.confidence()).isBetween(suggestion.runnerUpConfidence(), 1.0);
        assertThat(suggestion.explanation()).startsWith("rate (confidence ").contains("decided by 'rate' +");
    }

    @Test
    void germanAndFrenchDisputesAreClassifiedToo() {
        assertThat(classifier.classify("Die Umsatzsteuer ist falsch, es gilt Reverse Charge.").reason()).isEqualTo(DisputeReason.TAX);
        assertThat(classifier.classify("Frais d'hôtel au-delà du plafond de notre politique de voyage.").reason())
                .isEqualTo(DisputeReason.EXPENSE_POLICY);
    }

    @Test
    void aDuplicateWithTyposIsStillADuplicate() {
        ReasonSuggestion suggestion = classifier.classify("this invoice is a duplicat, we allready paid it");

        assertThat(suggestion.reason()).isEqualTo(DisputeReason.DUPLICATE);
        assertThat(words(suggestion)).contains("paid");
    }

    @Test
    void aTextWithNoKnownWordIsLeftToAPersonAsOther() {
        ReasonSuggestion suggestion = classifier.classify("Qwxz plorf?");

        assertThat(suggestion.recognised()).isFalse();
        assertThat(suggestion.reason()).isEqualTo(DisputeReason.OTHER);
        assertThat(suggestion.confidence()).isZero();
        assertThat(suggestion.decidingWords()).isEmpty();
        assertThat(suggestion.explanation()).contains("a person classifies it");
    }

    @Test
    void theSameTrainingGivesTheSameSuggestion() {
        String text = "Please send the signed timesheets for October.";

        ReasonSuggestion again = ReasonClassifier.shipped().classify(text);

        assertThat(again).isEqualTo(classifier.classify(text));
        assertThat(again.reason()).isEqualTo(DisputeReason.MISSING_EVIDENCE);
    }

    @Test
    void confidencesOfAllClassesAreAProbability() {
        double[] p = ReasonClassifier.posterior(new double[] {-10, -12, -11, -30, -30, -30, -30, -30}, 0.8);

        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p[0]).isGreaterThan(p[2]).isGreaterThan(p[1]);
    }
}
