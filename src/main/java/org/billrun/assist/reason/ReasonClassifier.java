package org.billrun.assist.reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Suggests the reason of a dispute from its text, with a confidence and the words that decided it
 * (docs/assistance.md, "Dispute reasons"). Naive Bayes over word stems; the confidence is
 * its posterior rescaled by a temperature fitted on five held-back folds of the training texts, so
 * that a confidence of 0.8 is right about four times in five (naive Bayes alone is not calibrated:
 * it treats the words of a text as independent evidence).
 */
public final class ReasonClassifier {

    /** Lidstone smoothing: chosen by cross-validation on the shipped set (docs/assistance.md). */
    static final double ALPHA = 1.0;
    static final int CALIBRATION_FOLDS = 5;
    static final long CALIBRATION_SEED = 19;
    static final int MAX_DECIDING_WORDS = 5;

    private static final DisputeReason[] REASONS = DisputeReason.values();

    private final NaiveBayes model;
    private final double temperature;

    private ReasonClassifier(NaiveBayes model, double temperature) {
        this.model = model;
        this.temperature = temperature;
    }

    /** Trained on every text of the shipped labelled set. */
    public static ReasonClassifier shipped() {
        return train(LabelledSet.shipped().examples());
    }

    public static ReasonClassifier train(List<LabelledText> examples) {
        return new ReasonClassifier(NaiveBayes.train(examples, ALPHA), fitTemperature(examples));
    }

    /** The divisor of the log scores that makes the confidence honest; 1 is raw naive Bayes. */
    public double temperature() {
        return temperature;
    }

    public ReasonSuggestion classify(String text) {
        List<TextFeatures.Feature> features = TextFeatures.of(text);
        if (features.stream().noneMatch(model::knows)) {
            return new ReasonSuggestion(DisputeReason.OTHER, 0, DisputeReason.OTHER, 0, List.of(), false);
        }
        double[] p = posterior(model.logScores(features), temperature);
        int best = 0;
        int next = -1;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        for (int c = 0; c < p.length; c++) {
            if (c != best && (next < 0 || p[c] > p[next])) {
                next = c;
            }
        }
        return new ReasonSuggestion(REASONS[best], p[best], REASONS[next], p[next], decidingWords(features, best, next), true);
    }

    private List<DecidingWord> decidingWords(List<TextFeatures.Feature> features, int best, int next) {
        List<DecidingWord> words = new ArrayList<>();
        for (TextFeatures.Feature feature : features) {
            double weight = model.weight(feature, best, next) / temperature;
            if (weight > 0.005) {
                words.add(new DecidingWord(feature.word(), weight));
            }
        }
        words.sort(Comparator.comparingDouble(DecidingWord::weight).reversed().thenComparing(DecidingWord::words));
        return words.subList(0, Math.min(MAX_DECIDING_WORDS, words.size()));
    }

    /** Softmax of log scores divided by the temperature. */
    static double[] posterior(double[] logScores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logScores) {
            max = Math.max(max, s);
        }
        double[] p = new double[logScores.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp((logScores[c] - max) / temperature);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /**
     * The temperature (0.1 to 100, on a geometric grid) with the lowest log loss on texts the model
     * did not train on: each of five folds scored by a model trained on the other four.
     */
    static double fitTemperature(List<LabelledText> examples) {
        List<double[]> scores = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        if (examples.size() < CALIBRATION_FOLDS * 2) {
            return 1;
        }
        for (LabelledSet.Split fold : new LabelledSet(examples).folds(CALIBRATION_FOLDS, CALIBRATION_SEED)) {
            NaiveBayes model = NaiveBayes.train(fold.train(), ALPHA);
            for (LabelledText example : fold.test()) {
                scores.add(model.logScores(TextFeatures.of(example.text())));
                truth.add(example.reason().ordinal());
            }
        }
        double best = 1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double t = 0.1; t <= 100; t *= 1.05) {
            double loss = 0;
            for (int i = 0; i < scores.size(); i++) {
                loss -= Math.log(Math.max(posterior(scores.get(i), t)[truth.get(i)], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return best;
    }
}
