package org.billrun.billing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Median, median absolute deviation and the robust score of a value against a short history. A
 * single odd month moves them little, unlike a mean and standard deviation.
 */
public record RobustStats(BigDecimal median, BigDecimal mad, int count) {

    /** Scales the MAD to a standard deviation for normally distributed data, as is customary. */
    static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");

    public static RobustStats of(Collection<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        BigDecimal median = median(values);
        List<BigDecimal> deviations = new ArrayList<>();
        for (BigDecimal v : values) {
            deviations.add(v.subtract(median).abs());
        }
        return new RobustStats(median, median(deviations), values.size());
    }

    /** value / median; null when the median is zero. */
    public BigDecimal ratio(BigDecimal value) {
        return median.signum() == 0 ? null : value.divide(median, MathContext.DECIMAL64);
    }

    /** (value - median) / (1.4826 x MAD); null when the history does not vary at all (MAD zero). */
    public BigDecimal robustZ(BigDecimal value) {
        return mad.signum() == 0 ? null : value.subtract(median).divide(mad.multiply(MAD_TO_SIGMA), MathContext.DECIMAL64);
    }

    /**
     * Whether a value is far above the history: at least {@code minRatio} times the median and, when
     * the history varies, at least {@code minZ} robust standard deviations above it (a flat history,
     * MAD zero, is judged on the ratio alone).
     */
    public boolean farAbove(BigDecimal value, BigDecimal minRatio, BigDecimal minZ) {
        BigDecimal ratio = ratio(value);
        if (ratio == null) {
            return false;
        }
        BigDecimal z = robustZ(value);
        return ratio.compareTo(minRatio) >= 0 && (z == null || z.compareTo(minZ) >= 0);
    }

    private static BigDecimal median(Collection<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }
}
