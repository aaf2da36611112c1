package org.billrun.policy;

import java.math.BigDecimal;

/**
 * The values a numeric policy key accepts: a lower bound (inclusive or not) and an optional upper
 * bound (inclusive). A value outside stops the run (exit 3) with a message naming the key and this
 * range in words, the same words the README's policy table uses.
 */
public record PolicyRange(BigDecimal min, boolean minExclusive, BigDecimal max) {

    /** {@code min} or more. */
    public static PolicyRange atLeast(String min) {
        return new PolicyRange(new BigDecimal(min), false, null);
    }

    /** More than {@code min}. */
    public static PolicyRange above(String min) {
        return new PolicyRange(new BigDecimal(min), true, null);
    }

    /** {@code min} to {@code max}, both included. */
    public static PolicyRange between(String min, String max) {
        return new PolicyRange(new BigDecimal(min), false, new BigDecimal(max));
    }

    /** This range capped at {@code max} (included). */
    public PolicyRange atMost(String max) {
        return new PolicyRange(min, minExclusive, new BigDecimal(max));
    }

    public boolean contains(BigDecimal value) {
        int low = value.compareTo(min);
        if (minExclusive ? low <= 0 : low < 0) {
            return false;
        }
        return max == null || value.compareTo(max) <= 0;
    }

    /** In words: "1 to 28", "0 or more", "more than 0, at most 24". */
    public String describe() {
        String low = min.toPlainString();
        if (max == null) {
            return minExclusive ? "more than " + low : low + " or more";
        }
        return minExclusive ? "more than " + low + ", at most " + max.toPlainString() : low + " to " + max.toPlainString();
    }
}
