package org.billrun.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightsTests {

    @Test
    void aDrawIsTheValueAtTheIndexRngWeightedDrawsForTheWeightsInTheOrderListed() {
        Weights<String> weights = Weights.first("a", 50).then("b", 35).then("c", 15);
        SplittableRandom named = new SplittableRandom(42);
        SplittableRandom positional = new SplittableRandom(42);

        for (int i = 0; i < 1_000; i++) {
            assertThat(weights.draw(named)).isEqualTo(new String[] {"a", "b", "c"}[Rng.weighted(positional, new int[] {50, 35, 15})]);
        }
    }

    @Test
    void valuesComeUpInProportionToTheirWeightAndAZeroWeightNever() {
        Weights<String> weights = Weights.first("never", 0).then("often", 75).then("rarely", 25);
        SplittableRandom r = new SplittableRandom(7);
        Map<String, Integer> seen = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            seen.merge(weights.draw(r), 1, Integer::sum);
        }

        assertThat(seen).doesNotContainKey("never");
        assertThat(seen.get("often")).isBetween(7_300, 7_700);
        assertThat(seen.get("rarely")).isBetween(2_300, 2_700);
    }

    @Test
    void aNegativeWeightIsRefused() {
        assertThatThrownBy(() -> Weights.first("a", 1).then("b", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b -1");
    }
}
