package org.billrun.assist.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The dispute risk score: logistic regression on the standardised {@link RiskFeature}s
 * (docs/assistance.md, "Dispute risk"). Standardised means each feature minus its mean over the
 * training examples, divided by its standard deviation, so a weight reads as "one standard deviation
 * more of this feature multiplies the odds of a dispute by e^weight", and a factor's contribution is
 * measured from the average training draft.
 */
public final class RiskModel {

    /**
     * L2 penalty on the weights, per training example: keeps the weights finite when a feature
     * separates the classes, and spreads weight over features that move together (a client that
     * disputes also pays late and gets credits) instead of letting one turn negative to offset
     * another, which would read wrongly as a factor. On the evaluation data the AUC is the same
     * (0.78) from 1/7200 to 0.04 per example; docs/assistance.md has the figures.
     */
    static final double PENALTY_PER_EXAMPLE = 0.04;

    private static final RiskFeature[] FEATURES = RiskFeature.values();

    private final double[] mean;
    private final double[] sd;
    private final LogisticRegression.Fit fit;

    private RiskModel(double[] mean, double[] sd, LogisticRegression.Fit fit) {
        this.mean = mean;
        this.sd = sd;
        this.fit = fit;
    }

    /**
     * The model billrun ships until a firm has a dispute history of its own: trained on the synthetic history
     * of {@link SyntheticDisputeHistory} (400 clients, 2025-01..2026-06, seed 19), exactly the model whose
     * held-out figures docs/assistance.md reports. Trained once per process on first use (well under a second).
     */
    public static RiskModel shipped() {
        return Shipped.MODEL;
    }

    private static final class Shipped {
        static final RiskModel MODEL = train(RiskTraining.examples(SyntheticDisputeHistory.generate(SyntheticDisputeHistory.EVALUATION)
                .histories(), SyntheticDisputeHistory.EVALUATION.first(), SyntheticDisputeHistory.LAST_TRAINING_PERIOD));
    }

    public static RiskModel train(List<RiskExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int d = FEATURES.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (RiskExample e : examples) {
            for (int j = 0; j < d; j++) {
                mean[j] += e.features().values()[j] / examples.size();
            }
        }
        for (RiskExample e : examples) {
            for (int j = 0; j < d; j++) {
                double dev = e.features().values()[j] - mean[j];
                sd[j] += dev * dev / examples.size();
            }
        }
        for (int j = 0; j < d; j++) {
            // a feature that never varies in training gets weight 0 through the penalty; 1 avoids dividing by 0
            sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1;
        }
        List<double[]> rows = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        for (RiskExample e : examples) {
            rows.add(standardise(e.features().values(), mean, sd));
            outcomes.add(e.disputed());
        }
        return new RiskModel(mean, sd, LogisticRegression.fit(rows, outcomes, PENALTY_PER_EXAMPLE * examples.size()));
    }

    public RiskScore score(ClientHistory history, DraftFacts draft) {
        return score(RiskFeatures.measure(history, draft));
    }

    public RiskScore score(RiskFeatures.Measured measured) {
        double[] x = standardise(measured.values(), mean, sd);
        List<RiskFactor> factors = new ArrayList<>();
        for (RiskFeature feature : FEATURES) {
            int j = feature.ordinal();
            factors.add(new RiskFactor(feature, measured.sentence(feature), fit.weights()[j] * x[j]));
        }
        factors.sort(Comparator.comparingDouble((RiskFactor f) -> Math.abs(f.contribution())).reversed()
                .thenComparing(RiskFactor::feature));
        return new RiskScore(LogisticRegression.sigmoid(fit.logOdds(x)), fit.intercept(), factors);
    }

    /** Weight per standard deviation of each feature: what docs/assistance.md tabulates. */
    public Map<RiskFeature, Double> weights() {
        Map<RiskFeature, Double> weights = new EnumMap<>(RiskFeature.class);
        for (RiskFeature feature : FEATURES) {
            weights.put(feature, fit.weights()[feature.ordinal()]);
        }
        return weights;
    }

    public double intercept() {
        return fit.intercept();
    }

    public int iterations() {
        return fit.iterations();
    }

    private static double[] standardise(double[] values, double[] mean, double[] sd) {
        double[] x = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            x[j] = (values[j] - mean[j]) / sd[j];
        }
        return x;
    }
}
