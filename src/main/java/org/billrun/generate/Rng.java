package org.billrun.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random streams. Every part of the firm draws from its own stream, derived from the request seed, a
 * section and an index (a consultant, a contract), so one part's draws never shift another's and output
 * does not depend on the order in which parts are generated.
 */
final class Rng {

    enum Section {
        FIRM, CONSULTANTS, CONSULTANT_NAMES, CLIENTS, CONTRACTS, PROJECTS, ASSIGNMENTS, RATES, MILESTONES,
        HISTORY, UNSTAFFED, FX, TIME_ENTRIES, EXPENSES, DEFECTS,
        // appended, never inserted: a section's seed depends on its position, and the sections above must keep theirs
        DISPUTE_TRAITS, DISPUTE_HISTORY
    }

    private Rng() {}

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom stream(long seed, Section section, long index) {
        long s = mix(seed + 0x9E3779B97F4A7C15L * (section.ordinal() + 1L));
        s = mix(s ^ (index * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
        return new SplittableRandom(s);
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** Uniform in [lo, hi], both inclusive. */
    static int between(SplittableRandom r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    static long between(SplittableRandom r, long lo, long hi) {
        return lo + r.nextLong(hi - lo + 1);
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static int pick(SplittableRandom r, int[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Index drawn with the given (non-negative integer) weights. */
    static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The same permutation as {@link #shuffle(SplittableRandom, int[])} draws for an array of that length. */
    static <T> void shuffle(SplittableRandom r, T[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static void shuffle(SplittableRandom r, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
