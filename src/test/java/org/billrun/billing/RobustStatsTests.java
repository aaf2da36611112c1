package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustStatsTests {

    /** E-109's billed hours 2026-04..09 in the sample firm's billing history. */
    private static final List<BigDecimal> E109_HOURS = List.of(dec("122.50"), dec("119.00"), dec("119.75"), dec("133.00"),
            dec("122.50"), dec("118.50"));

    @Test
    void theMedianOfAnEvenHistoryIsTheMeanOfTheMiddleTwo() {
        RobustStats stats = RobustStats.of(E109_HOURS);

        assertThat(stats.median()).isEqualByComparingTo("121.125");
        assertThat(stats.mad()).isEqualByComparingTo("1.75");
        assertThat(stats.count()).isEqualTo(6);
    }

    @Test
    void theMedianOfAnOddHistoryIsItsMiddleValue() {
        RobustStats stats = RobustStats.of(List.of(dec("45000"), dec("50000"), dec("40000")));

        assertThat(stats.median()).isEqualByComparingTo("45000");
        assertThat(stats.mad()).isEqualByComparingTo("5000");
    }

    @Test
    void oneOddMonthMovesTheMedianLittle() {
        RobustStats stats = RobustStats.of(List.of(dec("122.5"), dec("119"), dec("119.75"), dec("133"), dec("122.5"), dec("900")));

        assertThat(stats.median()).isEqualByComparingTo("122.5");
    }

    @Test
    void ratioAndRobustZExplainHowFarAValueIs() {
        RobustStats stats = RobustStats.of(E109_HOURS);

        assertThat(stats.ratio(dec("284"))).isCloseTo(dec("2.3447"), org.assertj.core.data.Offset.offset(dec("0.0001")));
        // (284 - 121.125) / (1.4826 x 1.75)
        assertThat(stats.robustZ(dec("284"))).isCloseTo(dec("62.776"), org.assertj.core.data.Offset.offset(dec("0.001")));
    }

    @Test
    void farAboveNeedsBothTheRatioAndTheRobustZ() {
        RobustStats stats = RobustStats.of(E109_HOURS);

        assertThat(stats.farAbove(dec("284"), dec("1.5"), dec("3.5"))).isTrue();
        assertThat(stats.farAbove(dec("160"), dec("1.5"), dec("3.5"))).as("z is high, ratio 1.3 is not").isFalse();
        assertThat(stats.farAbove(dec("284"), dec("1.5"), dec("100"))).as("ratio is high, z 62.8 is not").isFalse();
    }

    @Test
    void aFlatHistoryIsJudgedOnTheRatioAlone() {
        RobustStats flat = RobustStats.of(List.of(dec("25000.00"), dec("25000.00"), dec("25000.00")));

        assertThat(flat.robustZ(dec("60000"))).isNull();
        assertThat(flat.farAbove(dec("60000"), dec("2"), dec("3.5"))).isTrue();
        assertThat(flat.farAbove(dec("45000"), dec("2"), dec("3.5"))).isFalse();
    }

    @Test
    void aHistoryOfZerosHasNoRatio() {
        RobustStats zeros = RobustStats.of(List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));

        assertThat(zeros.ratio(dec("1000"))).isNull();
        assertThat(zeros.farAbove(dec("1000"), dec("2"), dec("3.5"))).isFalse();
    }

    @Test
    void anEmptyHistoryIsRefused() {
        assertThatThrownBy(() -> RobustStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
