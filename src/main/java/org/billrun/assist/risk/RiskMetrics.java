package org.billrun.assist.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How well scores separate disputed from undisputed invoices: AUC, and precision and recall at a threshold. */
public final class RiskMetrics {

    private RiskMetrics() {}

    /** A score and what happened. */
    public record Scored(double score, boolean disputed) {}

    /**
     * The area under the ROC curve: the chance that a disputed invoice scores above an undisputed
     * one (ties count half), by the Mann-Whitney rank sum. 0.5 is guessing, 1 is perfect.
     */
    public static double auc(List<Scored> scored) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::score));
        long positives = scored.stream().filter(Scored::disputed).count();
        long negatives = scored.size() - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs disputed and undisputed invoices (" + positives + " disputed of " + scored.size() + ")");
        }
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).score() == sorted.get(i).score()) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k).disputed()) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Of the invoices scoring at or above the threshold, how many were flagged and how many of those were disputed. */
    public record AtThreshold(double threshold, int flagged, int flaggedDisputed, int disputed) {

        /** NaN when nothing is flagged. */
        public double precision() {
            return flagged == 0 ? Double.NaN : (double) flaggedDisputed / flagged;
        }

        public double recall() {
            return disputed == 0 ? Double.NaN : (double) flaggedDisputed / disputed;
        }
    }

    public static AtThreshold atThreshold(List<Scored> scored, double threshold) {
        int flagged = 0;
        int flaggedDisputed = 0;
        int disputed = 0;
        for (Scored s : scored) {
            disputed += s.disputed() ? 1 : 0;
            if (s.score() >= threshold) {
                flagged++;
                flaggedDisputed += s.disputed() ? 1 : 0;
            }
        }
        return new AtThreshold(threshold, flagged, flaggedDisputed, disputed);
    }
}
