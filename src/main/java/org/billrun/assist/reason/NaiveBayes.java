package org.billrun.assist.reason;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multinomial naive Bayes over {@link TextFeatures} (each distinct feature of a text counted once):
 * log P(class) + the sum over the text's features of log P(feature | class), with add-alpha
 * smoothing. A feature the training texts never showed is left out: it says nothing about any class.
 */
final class NaiveBayes {

    private static final int CLASSES = DisputeReason.values().length;

    private final double[] logPrior;
    private final Map<String, double[]> logLikelihood;

    private NaiveBayes(double[] logPrior, Map<String, double[]> logLikelihood) {
        this.logPrior = logPrior;
        this.logLikelihood = logLikelihood;
    }

    static NaiveBayes train(List<LabelledText> examples, double alpha) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int[] documents = new int[CLASSES];
        double[] featureTotals = new double[CLASSES];
        Map<String, double[]> counts = new HashMap<>();
        for (LabelledText example : examples) {
            int c = example.reason().ordinal();
            documents[c]++;
            for (TextFeatures.Feature feature : TextFeatures.of(example.text())) {
                counts.computeIfAbsent(feature.stem(), f -> new double[CLASSES])[c]++;
                featureTotals[c]++;
            }
        }
        double[] logPrior = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            // a class without examples keeps a small prior rather than minus infinity
            logPrior[c] = Math.log((documents[c] + alpha) / (examples.size() + alpha * CLASSES));
        }
        int vocabulary = counts.size();
        Map<String, double[]> logLikelihood = new HashMap<>();
        counts.forEach((feature, n) -> {
            double[] logP = new double[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                logP[c] = Math.log((n[c] + alpha) / (featureTotals[c] + alpha * vocabulary));
            }
            logLikelihood.put(feature, logP);
        });
        return new NaiveBayes(logPrior, logLikelihood);
    }

    boolean knows(TextFeatures.Feature feature) {
        return logLikelihood.containsKey(feature.stem());
    }

    /** Unnormalised log posterior per class (indexed by {@link DisputeReason#ordinal()}). */
    double[] logScores(List<TextFeatures.Feature> features) {
        double[] scores = logPrior.clone();
        for (TextFeatures.Feature feature : features) {
            double[] logP = logLikelihood.get(feature.stem());
            if (logP != null) {
                for (int c = 0; c < CLASSES; c++) {
                    scores[c] += logP[c];
                }
            }
        }
        return scores;
    }

    /** How much a feature favours class {@code c} over class {@code other}, in log odds. */
    double weight(TextFeatures.Feature feature, int c, int other) {
        double[] logP = logLikelihood.get(feature.stem());
        return logP == null ? 0 : logP[c] - logP[other];
    }
}
