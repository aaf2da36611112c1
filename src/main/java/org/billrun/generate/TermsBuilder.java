package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Milestone;
import org.billrun.generate.Rng.Section;

/**
 * The commercial terms that depend on how much a contract bills, so they are drawn once it is staffed
 * and rated: a retainer's monthly fee, a not-to-exceed contract's cap (a quarter of them reached this
 * period) and a fixed fee's milestones (those due this period mostly accepted, earlier ones billed).
 */
final class TermsBuilder {

    /** Working days of the month the expected monthly value assumes. */
    private static final int DAYS_A_MONTH = 21;

    private TermsBuilder() {}

    static void build(Firm f) {
        for (Contract k : f.contracts) {
            if (k.internal) {
                continue;
            }
            SplittableRandom r = Rng.stream(f.seed, Section.MILESTONES, k.index);
            BigDecimal monthly = History.expectedMonthly(f, k, DAYS_A_MONTH);
            switch (k.model) {
                case RETAINER -> {
                    BigDecimal amount = roundTo(scale(monthly, between(r, 800, 1100)), 500, RoundingMode.HALF_UP);
                    k.retainer = amount.max(new BigDecimal("2000.00"));
                }
                case NOT_TO_EXCEED -> k.cap = cap(f, r, k, monthly);
                case FIXED_FEE -> k.milestones = milestones(f, r, k, monthly);
                default -> { }
            }
        }
    }

    private static BigDecimal cap(Firm f, SplittableRandom r, Contract k, BigDecimal monthly) {
        BigDecimal billed = BigDecimal.ZERO.setScale(2);
        for (History.Month m : History.compute(f, k)) {
            billed = billed.add(m.totalValue());
        }
        long remaining = ChronoUnit.MONTHS.between(f.period, YearMonth.from(k.end)) + 1;
        BigDecimal cap;
        if (chance(r, 0.25)) { // tight: the cap is reached this period
            cap = roundTo(billed.add(scale(monthly, between(r, 500, 900))), 100, RoundingMode.CEILING);
        } else {
            BigDecimal planned = billed.add(monthly.multiply(BigDecimal.valueOf(remaining)));
            cap = roundTo(scale(planned, between(r, 1050, 1300)), 1000, RoundingMode.CEILING);
        }
        return cap.max(new BigDecimal("1000.00"));
    }

    private static List<Milestone> milestones(Firm f, SplittableRandom r, Contract k, BigDecimal monthly) {
        YearMonth first = YearMonth.from(k.start);
        int duration = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(k.end)) + 1;
        BigDecimal fee = roundTo(scale(monthly.multiply(BigDecimal.valueOf(duration)), between(r, 900, 1200)), 1000,
                RoundingMode.HALF_UP).max(new BigDecimal("10000.00"));
        int count = Math.min(duration, between(r, 2, 5));
        int[] weights = new int[count];
        int sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = between(r, 1, 4);
            sum += weights[i];
        }
        List<Milestone> list = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < count; i++) {
            BigDecimal amount = i == count - 1 ? fee.subtract(allocated)
                    : roundTo(fee.multiply(BigDecimal.valueOf(weights[i])).divide(BigDecimal.valueOf(sum), 2,
                    RoundingMode.HALF_UP), 100, RoundingMode.HALF_UP);
            allocated = allocated.add(amount);
            YearMonth dueMonth = first.plusMonths((long) Math.ceil((i + 1) * (double) duration / count) - 1);
            LocalDate due = dueMonth.atEndOfMonth();
            if (due.isAfter(k.end)) {
                due = k.end;
            }
            String text = i == count - 1 ? Vocabulary.MILESTONES[Vocabulary.MILESTONES.length - 1]
                    : Vocabulary.MILESTONES[i % (Vocabulary.MILESTONES.length - 1)];
            String description = "Milestone " + (i + 1) + ": " + text;
            String status;
            LocalDate acceptedOn = null;
            boolean billable = false;
            if (dueMonth.isBefore(f.period)) {
                status = "billed";
                acceptedOn = due.minusDays(between(r, 0, 9));
            } else if (dueMonth.equals(f.period) && chance(r, 0.8)) {
                status = "accepted";
                acceptedOn = due.minusDays(between(r, 0, 9));
                if (acceptedOn.isBefore(f.periodStart)) {
                    acceptedOn = f.periodStart;
                }
                billable = true;
            } else {
                status = "planned";
            }
            String ref = null;
            if (acceptedOn != null) {
                ref = chance(r, 0.5) ? "Signed acceptance certificate ACC-" + k.key + "-" + (i + 1)
                        : "E-mail from client project lead, " + acceptedOn;
            }
            list.add(new Milestone("M-" + k.key + "-" + (i + 1), description, amount, due, status, acceptedOn, ref, billable));
        }
        return list;
    }

    /** {@code amount} x perMille / 1000, to the cent. */
    private static BigDecimal scale(BigDecimal amount, int perMille) {
        return amount.multiply(BigDecimal.valueOf(perMille)).divide(BigDecimal.valueOf(1000), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal roundTo(BigDecimal amount, int unit, RoundingMode mode) {
        BigDecimal u = BigDecimal.valueOf(unit);
        return amount.divide(u, 0, mode).multiply(u).setScale(2);
    }
}
