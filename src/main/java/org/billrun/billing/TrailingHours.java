package org.billrun.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each consultant's billed hours per month over the months before a period, from billing_history.csv's rows per
 * consultant on a contract (the rows of several contracts in one month add up): what the hours-above-norm check
 * compares a consultant's period with. It keeps one small array of months per consultant, not the history rows:
 * at 150,000 consultants the rows are 1.3M objects and, with their strings, amounts and months, about 400 MB of heap.
 */
public final class TrailingHours {

    private final YearMonth first;
    private final int months;
    private final Map<String, BigDecimal[]> byConsultant = new HashMap<>();

    /** Empty: the {@code months} months before {@code period}, which is not one of them. */
    public TrailingHours(YearMonth period, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, not " + months);
        }
        this.first = period.minusMonths(months);
        this.months = months;
    }

    /** The first of the months. */
    public YearMonth first() {
        return first;
    }

    /** The period the months precede: the first month after them. */
    public YearMonth period() {
        return first.plusMonths(months);
    }

    /**
     * Adds the row's hours to its consultant's month. A row at contract level, one without hours, and one outside the
     * months are not a consultant's trailing hours, and change nothing.
     */
    public void add(BillingHistory row) {
        if (row.contractLevel() || row.hours() == null || row.period() == null) {
            return;
        }
        long month = ChronoUnit.MONTHS.between(first, row.period());
        if (month < 0 || month >= months) {
            return;
        }
        BigDecimal[] hours = byConsultant.computeIfAbsent(row.consultantId(), id -> new BigDecimal[months]);
        int i = (int) month;
        hours[i] = hours[i] == null ? row.hours() : hours[i].add(row.hours());
    }

    /** The consultant's hours in each month that has history, oldest first; empty for a consultant without any. */
    public List<BigDecimal> of(String consultantId) {
        BigDecimal[] hours = byConsultant.get(consultantId);
        if (hours == null) {
            return List.of();
        }
        List<BigDecimal> billed = new ArrayList<>(months);
        for (BigDecimal month : hours) {
            if (month != null) {
                billed.add(month);
            }
        }
        return billed;
    }
}
