package org.billrun.assist.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The classifier on texts it did not train on (docs/assistance.md, "Dispute reasons: figures"). The
 * figures it prints are the ones the document quotes (target/surefire-reports/...-output.txt).
 */
class ReasonClassifierEvaluationTests {

    static final double HELD_OUT_SHARE = 0.25;
    static final long SPLIT_SEED = 19;

    /**
     * Eight balanced classes: guessing scores 0.125, the largest class alone 0.129. The shipped set
     * reaches 0.75 on the held-out quarter and 0.72 in 5-fold cross-validation (docs/assistance.md);
     * with 113 held-out texts one standard error is about 0.04, so 0.65 sits about two standard errors
     * below the cross-validated figure: it fails on a real regression (a broken normalisation costs
     * 0.1 or more), not on the noise of adding a few examples to the set.
     */
    static final double MIN_HELD_OUT_ACCURACY = 0.65;

    @Test
    void suggestsTheReasonOfHeldOutDisputesAboveTheThreshold() {
        LabelledSet.Split split = LabelledSet.shipped().split(HELD_OUT_SHARE, SPLIT_SEED);
        ReasonClassifier classifier = ReasonClassifier.train(split.train());

        ConfusionMatrix matrix = evaluate(classifier, split);

        System.out.printf(Locale.ROOT, "held-out: %d train, %d test, accuracy %d/%d = %.3f, temperature %.2f%n%s",
                split.train().size(), split.test().size(), matrix.correct(), matrix.total(), matrix.accuracy(),
                classifier.temperature(), matrix.markdown());
        assertThat(matrix.accuracy()).isGreaterThan(MIN_HELD_OUT_ACCURACY);
    }

    @Test
    void crossValidatedAccuracyAgreesWithTheHeldOutFigure() {
        ConfusionMatrix all = new ConfusionMatrix();
        for (LabelledSet.Split fold : LabelledSet.shipped().folds(5, SPLIT_SEED)) {
            ConfusionMatrix matrix = evaluate(ReasonClassifier.train(fold.train()), fold);
            System.out.printf(Locale.ROOT, "fold: %d/%d = %.3f%n", matrix.correct(), matrix.total(), matrix.accuracy());
            for (DisputeReason truth : DisputeReason.values()) {
                for (DisputeReason s : DisputeReason.values()) {
                    for (int i = 0; i < matrix.count(truth, s); i++) {
                        all.add(truth, s);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "5-fold cross-validation: %d/%d = %.3f%n%s", all.correct(), all.total(), all.accuracy(),
                all.markdown());
        assertThat(all.accuracy()).isGreaterThan(MIN_HELD_OUT_ACCURACY);
    }

    private static ConfusionMatrix evaluate(ReasonClassifier classifier, LabelledSet.Split split) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (LabelledText example : split.test()) {
            matrix.add(example.reason(), classifier.classify(example.text()).reason());
        }
        return matrix;
    }

    /** A confidence means what it says: over the held-out texts, the mean confidence is near the accuracy. */
    @Test
    void theConfidenceOnHeldOutTextsMatchesHowOftenTheSuggestionIsRight() {
        LabelledSet.Split split = LabelledSet.shipped().split(HELD_OUT_SHARE, SPLIT_SEED);
        ReasonClassifier classifier = ReasonClassifier.train(split.train());

        double confidence = 0;
        int right = 0;
        for (LabelledText example : split.test()) {
            ReasonSuggestion suggestion = classifier.classify(example.text());
            confidence += suggestion.confidence();
            right += suggestion.reason() == example.reason() ? 1 : 0;
        }
        double meanConfidence = confidence / split.test().size();
        double accuracy = (double) right / split.test().size();

        System.out.printf(Locale.ROOT, "mean confidence %.3f, accuracy %.3f%n", meanConfidence, accuracy);
        assertThat(meanConfidence).isCloseTo(accuracy, org.assertj.core.data.Offset.offset(0.10));
    }
}
