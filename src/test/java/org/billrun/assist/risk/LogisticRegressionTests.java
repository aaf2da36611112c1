package org.billrun.assist.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTests {

    @Test
    void recoversTheCoefficientsThatGeneratedTheData() {
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> rows = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double a = r.nextDouble() * 4 - 2;
            double b = r.nextDouble() * 4 - 2;
            rows.add(new double[] {a, b});
            outcomes.add(r.nextDouble() < LogisticRegression.sigmoid(-0.5 + 1.5 * a - 0.8 * b));
        }

        LogisticRegression.Fit fit = LogisticRegression.fit(rows, outcomes, 0);

        assertThat(fit.intercept()).isCloseTo(-0.5, offset(0.06));
        assertThat(fit.weights()[0]).isCloseTo(1.5, offset(0.06));
        assertThat(fit.weights()[1]).isCloseTo(-0.8, offset(0.06));
        assertThat(fit.iterations()).isLessThan(15);
    }

    @Test
    void thePenaltyKeepsWeightsFiniteWhenAFeatureSeparatesTheOutcomes() {
        List<double[]> rows = List.of(new double[] {-2}, new double[] {-1}, new double[] {1}, new double[] {2});
        List<Boolean> outcomes = List.of(false, false, true, true);

        LogisticRegression.Fit fit = LogisticRegression.fit(rows, outcomes, 1.0);

        assertThat(fit.weights()[0]).isPositive().isFinite().isLessThan(10);
    }

    @Test
    void solvesALinearSystemThatNeedsPivoting() {
        double[] x = LogisticRegression.solve(new double[][] {{0, 2}, {3, 1}}, new double[] {4, 5});

        assertThat(x[0]).isCloseTo(1, offset(1e-12));
        assertThat(x[1]).isCloseTo(2, offset(1e-12));
    }

    @Test
    void theSigmoidIsStableAtTheExtremes() {
        assertThat(LogisticRegression.sigmoid(800)).isEqualTo(1.0);
        assertThat(LogisticRegression.sigmoid(-800)).isEqualTo(0.0);
        assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
    }
}
