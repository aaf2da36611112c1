package org.billrun.assist.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.billrun.assist.risk.RiskMetrics.Scored;
import org.junit.jupiter.api.Test;

class RiskMetricsTests {

    @Test
    void aucIsTheShareOfDisputedUndisputedPairsRankedRightWithTiesCountingHalf() {
        // pairs (disputed, undisputed): (0.9, 0.1) right, (0.9, 0.5) right, (0.5, 0.1) right, (0.5, 0.5) tie
        List<Scored> scored = List.of(new Scored(0.9, true), new Scored(0.5, true), new Scored(0.5, false), new Scored(0.1, false));

        assertThat(RiskMetrics.auc(scored)).isEqualTo(3.5 / 4);
    }

    @Test
    void aPerfectRankingScoresOneAndAReversedOneZero() {
        assertThat(RiskMetrics.auc(List.of(new Scored(0.8, true), new Scored(0.2, false)))).isEqualTo(1.0);
        assertThat(RiskMetrics.auc(List.of(new Scored(0.2, true), new Scored(0.8, false)))).isEqualTo(0.0);
    }

    @Test
    void aucNeedsBothOutcomes() {
        assertThatThrownBy(() -> RiskMetrics.auc(List.of(new Scored(0.3, true)))).hasMessageContaining("1 disputed of 1");
    }

    @Test
    void precisionAndRecallCountWhatScoresAtOrAboveTheThreshold() {
        List<Scored> scored = List.of(new Scored(0.9, true), new Scored(0.6, false), new Scored(0.5, true), new Scored(0.1, true));

        RiskMetrics.AtThreshold at = RiskMetrics.atThreshold(scored, 0.5);

        assertThat(at.flagged()).isEqualTo(3);
        assertThat(at.precision()).isEqualTo(2 / 3.0);
        assertThat(at.recall()).isEqualTo(2 / 3.0);
        assertThat(RiskMetrics.atThreshold(scored, 0.95).precision()).isNaN();
    }
}
