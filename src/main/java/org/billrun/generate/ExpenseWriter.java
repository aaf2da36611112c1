package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;
import static org.billrun.generate.Rng.weighted;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.billrun.generate.Firm.Project;

/**
 * Streams expenses.csv: 5 to 20 expenses per active consultant in the period with a category mix, plus a small
 * share of deliberate defects. Holds one consultant's expenses at a time.
 */
final class ExpenseWriter {

    /** Deliberate defects; every kind occurs at least once, however small the firm. */
    enum Defect { NONE, OVER_LIMIT, MISSING_RECEIPT, EXACT_DUPLICATE, NEAR_DUPLICATE, UNKNOWN_CURRENCY, UNAPPROVED }

    private static final double[] CHANCE = {0, 0.0015, 0.0015, 0.0015, 0.0015, 0.0008, 0.002};
    private static final ExpenseCategory[] LIMITED = {ExpenseCategory.MEALS, ExpenseCategory.TAXI,
            ExpenseCategory.TRAVEL, ExpenseCategory.HOTEL};
    /** Per km, in cents of EUR, GBP, USD, CHF. */
    private static final int[] MILEAGE_CENTS_PER_KM = {30, 45, 67, 70};

    private static final int ID = 0;
    private static final int DATE = 3;
    private static final int AMOUNT = 5;
    private static final int RECEIPT_REF = 10;

    private final Firm f;
    private final Path file;
    private final String idPrefix;
    private final String receiptPrefix;
    private final long periodSeed;
    private final int[] forcedConsultant = new int[Defect.values().length];
    private long sequence;
    private long receipts;

    ExpenseWriter(Firm firm, Path dir) {
        this.f = firm;
        this.file = dir.resolve(Headers.EXPENSES);
        String ym = firm.period.getYear() + Fmt.pad(firm.period.getMonthValue(), 2);
        this.idPrefix = "X-" + ym + "-";
        this.receiptPrefix = "rcpt/" + firm.period.getYear() + "/" + Fmt.pad(firm.period.getMonthValue(), 2) + "/";
        this.periodSeed = TimeEntryWriter.periodSeed(firm);
        SplittableRandom r = Rng.stream(periodSeed, Rng.Section.DEFECTS, 2);
        Arrays.fill(forcedConsultant, -1);
        for (Defect d : Defect.values()) {
            if (d != Defect.NONE) {
                forcedConsultant[d.ordinal()] = TimeEntryWriter.activeConsultant(firm, r);
            }
        }
    }

    long write() throws IOException {
        try (CsvSink out = new CsvSink(file, Headers.of(Headers.EXPENSES))) {
            List<String[]> rows = new ArrayList<>();
            List<String[]> later = new ArrayList<>();
            Defect[] forced = new Defect[Defect.values().length];
            for (int c = 0; c < f.consultantCount; c++) {
                if (f.left[c]) {
                    continue;
                }
                SplittableRandom r = Rng.stream(periodSeed, Rng.Section.EXPENSES, c);
                int forcedCount = 0;
                for (Defect d : Defect.values()) {
                    if (d != Defect.NONE && forcedConsultant[d.ordinal()] == c) {
                        forced[forcedCount++] = d;
                    }
                }
                int count = Math.max(between(r, 5, 20), forcedCount);
                rows.clear();
                later.clear();
                for (int i = 0; i < count; i++) {
                    Defect defect = i < forcedCount ? forced[i] : defect(r);
                    String[] row = expense(r, c, defect);
                    rows.add(row);
                    if (defect == Defect.EXACT_DUPLICATE) {
                        later.add(row.clone());
                    } else if (defect == Defect.NEAR_DUPLICATE) {
                        later.add(nearCopy(r, row));
                    }
                }
                rows.addAll(later);
                for (String[] row : rows) {
                    sequence++;
                    row[ID] = idPrefix + Fmt.pad(sequence, 7);
                    out.row(row);
                }
            }
            return out.rows();
        }
    }

    private static Defect defect(SplittableRandom r) {
        double x = r.nextDouble();
        for (int i = 1; i < CHANCE.length; i++) {
            x -= CHANCE[i];
            if (x < 0) {
                return Defect.values()[i];
            }
        }
        return Defect.NONE;
    }

    private String[] expense(SplittableRandom r, int c, Defect defect) {
        ExpenseCategory category = switch (defect) {
            case OVER_LIMIT, MISSING_RECEIPT -> pick(r, LIMITED);
            default -> ExpenseCategory.values()[weighted(r, ExpenseCategory.WEIGHTS)];
        };
        String home = f.entities.get(f.homeEntity[c]).currency();
        String currency = home;
        if (category != ExpenseCategory.MILEAGE && chance(r, 0.12)) {
            currency = Firm.CURRENCIES[r.nextInt(Firm.CURRENCIES.length)];
        }
        LocalDate date = category == ExpenseCategory.HOTEL || category == ExpenseCategory.TRAVEL
                ? f.periodStart.plusDays(r.nextInt(f.period.lengthOfMonth()))
                : pick(r, f.workingDays);
        long cents;
        String description = pick(r, category.descriptions());
        if (category == ExpenseCategory.MILEAGE) {
            int km = between(r, 20, 450);
            cents = (long) km * MILEAGE_CENTS_PER_KM[Firm.currencyIndex(currency)];
            description = description + ", " + km + " km";
        } else {
            cents = between(r, category.minCents, category.maxCents);
        }
        boolean hasReceipt = category.receiptAboveCents >= 0
                && (cents * 10 >= category.receiptAboveCents * 8 || chance(r, 0.7));
        String status = "approved";
        switch (defect) {
            case OVER_LIMIT -> {
                currency = home;
                cents = category.limitCents * between(r, 1250, 2000) / 1000;
                hasReceipt = true;
            }
            case MISSING_RECEIPT -> {
                currency = home;
                long low = Math.max(category.minCents, category.receiptAboveCents * 16 / 10);
                long high = Math.max(low, Math.min(category.maxCents, category.limitCents * 7 / 10));
                cents = between(r, low, high);
                hasReceipt = false;
            }
            case UNKNOWN_CURRENCY -> {
                int u = r.nextInt(Vocabulary.UNKNOWN_CURRENCIES.length);
                currency = Vocabulary.UNKNOWN_CURRENCIES[u];
                cents = cents * Vocabulary.UNKNOWN_CURRENCY_PER_EUR[u];
            }
            case UNAPPROVED -> status = new String[] {"draft", "submitted", "rejected"}[weighted(r, new int[] {40, 45, 15})];
            default -> { }
        }
        Project p = project(r, c, category);
        boolean reimbursable = category.reimbursable && p.billable;
        String submittedAt = status.equals("draft") ? null
                : Fmt.timestamp(date.plusDays(between(r, 1, 6)), between(r, 8 * 60, 20 * 60 + 59));
        String merchant = pick(r, category.merchants());
        String receiptRef = hasReceipt ? receiptPrefix + Fmt.pad(++receipts, 7) + ".pdf" : null;
        return new String[] {null, f.consultantId(c), p.id, date.toString(), category.code,
                Fmt.money(Fmt.cents(cents)), currency, merchant.isEmpty() ? null : merchant,
                description.isEmpty() ? null : description, Fmt.bool(hasReceipt), receiptRef, Fmt.bool(reimbursable),
                status, submittedAt};
    }

    private Project project(SplittableRandom r, int c, ExpenseCategory category) {
        int[] assigned = f.assignments[c];
        boolean overhead = category == ExpenseCategory.TELECOM || category == ExpenseCategory.SOFTWARE
                || category == ExpenseCategory.CONFERENCE;
        if (assigned.length == 0 || chance(r, overhead ? 0.7 : 0.1)) {
            return f.projects.get(f.internalProject[f.homeEntity[c]]);
        }
        return f.projects.get(assigned[weighted(r, f.assignmentWeights[c])]);
    }

    /** The same expense submitted again with a slightly different amount or date. */
    private String[] nearCopy(SplittableRandom r, String[] row) {
        String[] copy = row.clone();
        if (chance(r, 0.5)) {
            long cents = new BigDecimal(row[AMOUNT]).movePointRight(2).longValueExact();
            long delta = between(r, 1, 200);
            cents = cents > delta + 1 && chance(r, 0.5) ? cents - delta : cents + delta;
            copy[AMOUNT] = Fmt.money(Fmt.cents(cents));
        } else {
            LocalDate date = LocalDate.parse(row[DATE]);
            LocalDate next = date.plusDays(1);
            copy[DATE] = (next.isAfter(f.periodEnd) ? date.minusDays(1) : next).toString();
        }
        if (copy[RECEIPT_REF] != null) {
            copy[RECEIPT_REF] = receiptPrefix + Fmt.pad(++receipts, 7) + ".pdf";
        }
        return copy;
    }
}
