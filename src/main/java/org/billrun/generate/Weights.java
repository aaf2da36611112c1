package org.billrun.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Values drawn at random with integer weights, each weight written next to the value it belongs to
 * ({@code first(TIME_AND_MATERIALS, 58).then(FIXED_FEE, 15)...}) rather than at a position of an array
 * that has to follow an enum's order. The order the values are listed in is part of what a seed
 * produces: listing them in another order draws other values from the same seed.
 */
final class Weights<T> {

    private final List<T> values;
    private final int[] weights;

    private Weights(List<T> values, int[] weights) {
        this.values = values;
        this.weights = weights;
    }

    static <T> Weights<T> first(T value, int weight) {
        return new Weights<T>(List.of(), new int[0]).then(value, weight);
    }

    /** These weights and one more value after them. */
    Weights<T> then(T value, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("a weight cannot be negative: " + value + " " + weight);
        }
        List<T> more = new ArrayList<>(values);
        more.add(value);
        int[] moreWeights = Arrays.copyOf(weights, weights.length + 1);
        moreWeights[weights.length] = weight;
        return new Weights<>(List.copyOf(more), moreWeights);
    }

    /** One value, with probability its weight / the sum of all weights (one draw from {@code r}). */
    T draw(SplittableRandom r) {
        return values.get(Rng.weighted(r, weights));
    }
}
