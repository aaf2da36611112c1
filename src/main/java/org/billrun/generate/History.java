package org.billrun.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Role;

/**
 * A contract's billed hours in the months before the period. Computed from the contract's own random stream,
 * so the generator can compute it while building the firm (to size caps, retainers and fixed fees) and again
 * while writing billing_history.csv, with the same result and without holding it in between.
 */
final class History {

    /** One month of one contract: per staffed consultant the hours (quarter hours) and their value at rate. */
    record Month(YearMonth month, int[] consultants, long[] quarters, BigDecimal[] values, long totalQuarters,
                 BigDecimal totalValue) {}

    private History() {}

    static List<Month> compute(Firm f, Contract k) {
        List<Month> months = new ArrayList<>();
        if (k.internal) {
            return months;
        }
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.HISTORY, k.index);
        for (YearMonth m : f.historyMonths) {
            if (!k.activeIn(m)) {
                continue;
            }
            LocalDate from = k.start.isAfter(m.atDay(1)) ? k.start : m.atDay(1);
            LocalDate to = k.end != null && k.end.isBefore(m.atEndOfMonth()) ? k.end : m.atEndOfMonth();
            int days = Firm.countWorkingDays(from, to);
            if (k.staff.length == 0) {
                int fullDays = Firm.countWorkingDays(m.atDay(1), m.atEndOfMonth());
                long q = (long) unstaffedQuarters(f, k) * days / fullDays * Rng.between(r, 900, 1100) / 1000;
                BigDecimal value = Fmt.amount(q, f.rate(-1, Role.CONSULTANT, k, from));
                months.add(new Month(m, new int[0], new long[0], new BigDecimal[0], q, value));
                continue;
            }
            int n = k.staff.length;
            int[] who = new int[n];
            long[] quarters = new long[n];
            BigDecimal[] values = new BigDecimal[n];
            int rows = 0;
            long totalQ = 0;
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (int i = 0; i < n; i++) {
                int c = k.staff[i];
                int noise = Rng.between(r, 850, 1100);
                if (Rng.chance(r, 0.04)) {
                    noise /= 2; // a month with a long holiday
                }
                long q = billableQuarters(f, c, k.staffShare[i], days) * noise / 1000;
                if (q <= 0) {
                    continue;
                }
                who[rows] = c;
                quarters[rows] = q;
                values[rows] = Fmt.amount(q, f.rate(c, f.role[c], k, from));
                totalQ += q;
                total = total.add(values[rows]);
                rows++;
            }
            months.add(new Month(m, Arrays.copyOf(who, rows), Arrays.copyOf(quarters, rows),
                    Arrays.copyOf(values, rows), totalQ, total));
        }
        return months;
    }

    /** The value a contract bills in an ordinary month of {@code workingDays}, at the period's rates. */
    static BigDecimal expectedMonthly(Firm f, Contract k, int workingDays) {
        if (k.staff.length == 0) {
            long q = (long) unstaffedQuarters(f, k) * workingDays / 21;
            return Fmt.amount(q, f.rate(-1, Role.CONSULTANT, k, f.periodStart));
        }
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < k.staff.length; i++) {
            int c = k.staff[i];
            long q = billableQuarters(f, c, k.staffShare[i], workingDays);
            total = total.add(Fmt.amount(q, f.rate(c, f.role[c], k, f.periodStart)));
        }
        return total;
    }

    /** Billable quarter hours of consultant {@code c} on a contract with {@code sharePerMille} of their time. */
    static long billableQuarters(Firm f, int c, int sharePerMille, int workingDays) {
        long permille = Math.round((1.0 - f.role[c].internalShare) * 1000);
        return (long) workingDays * f.standardQuarters[c] * permille / 1000 * sharePerMille / 1000;
    }

    /** Monthly hours (quarter hours) of a contract nobody is staffed on this period. */
    static int unstaffedQuarters(Firm f, Contract k) {
        return Rng.between(Rng.stream(f.seed, Rng.Section.UNSTAFFED, k.index), 160, 1280);
    }
}
