package org.billrun.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Entity;
import org.billrun.generate.Firm.Milestone;
import org.billrun.generate.Firm.Project;
import org.billrun.generate.Firm.RateRow;

/** Writes the master data files, fx rates and billing history of a {@link Firm}. */
final class MasterDataWriter {

    private final Firm f;
    private final Path dir;

    MasterDataWriter(Firm firm, Path dir) {
        this.f = firm;
        this.dir = dir;
    }

    private CsvSink open(String file) throws IOException {
        return new CsvSink(dir.resolve(file), Headers.of(file));
    }

    long entities() throws IOException {
        try (CsvSink out = open(Headers.ENTITIES)) {
            for (Entity e : f.entities) {
                String[] particulars = InvoicingParticulars.of(e, f.domain);
                out.row(concat(new String[] {e.id(), e.name(), e.country(), e.currency(), e.vatId(), e.address(), e.invoicePrefix()},
                        particulars));
            }
            return out.rows();
        }
    }

    /** delivery_channel left empty: e-mail where the client has an address (docs/delivery.md), as exports without the column. */
    private static final String[] DEFAULT_DELIVERY_CHANNEL = {null};

    long clients() throws IOException {
        try (CsvSink out = open(Headers.CLIENTS)) {
            for (Client c : f.clients) {
                out.row(concat(new String[] {c.id, c.name, c.country, c.currency, c.business ? "business" : "consumer", c.taxId,
                        c.address, Integer.toString(c.paymentTermsDays), c.presentation, c.timeAnnex, c.email},
                        concat(InvoicingParticulars.of(c), DEFAULT_DELIVERY_CHANNEL)));
            }
            return out.rows();
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    long contracts() throws IOException {
        try (CsvSink out = open(Headers.CONTRACTS)) {
            for (Contract k : f.contracts) {
                out.row(k.id, f.clients.get(k.client).id, f.entities.get(k.entity).id(), k.model.code, k.currency,
                        Fmt.date(k.start), Fmt.date(k.end), k.poNumber, k.markupPct,
                        k.cap == null ? null : Fmt.money(k.cap), k.retainer == null ? null : Fmt.money(k.retainer),
                        k.rateCardId);
            }
            return out.rows();
        }
    }

    long projects() throws IOException {
        try (CsvSink out = open(Headers.PROJECTS)) {
            for (Project p : f.projects) {
                out.row(p.id, f.contracts.get(p.contract).id, f.clients.get(p.client).id, p.name,
                        p.closed ? "closed" : "open", p.manager < 0 ? null : f.consultantId(p.manager),
                        Fmt.bool(p.billable));
            }
            return out.rows();
        }
    }

    long tasks() throws IOException {
        try (CsvSink out = open(Headers.TASKS)) {
            for (Project p : f.projects) {
                for (int t = 0; t < p.taskCount(); t++) {
                    out.row(p.taskId(t), p.id, p.taskNames[t], p.taskClosed[t] ? "closed" : "open",
                            Fmt.bool(p.taskBillable[t]));
                }
            }
            return out.rows();
        }
    }

    long consultants() throws IOException {
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.CONSULTANT_NAMES, 0);
        try (CsvSink out = open(Headers.CONSULTANTS)) {
            for (int c = 0; c < f.consultantCount; c++) {
                String id = f.consultantId(c);
                out.row(id, name(r, f.entities.get(f.homeEntity[c]).country()),
                        id.toLowerCase(Locale.ROOT) + "@" + f.domain, f.role[c].code,
                        f.entities.get(f.homeEntity[c]).id(), f.manager[c] < 0 ? null : f.consultantId(f.manager[c]),
                        f.left[c] ? "left" : "active",
                        f.standardHoursBlank[c] ? null : Fmt.hours(f.standardQuarters[c]));
            }
            return out.rows();
        }
    }

    static String name(SplittableRandom r, String country) {
        if (Rng.chance(r, 0.1)) {
            return Rng.pick(r, Vocabulary.INTERNATIONAL);
        }
        return switch (country) {
            case "GB" -> Rng.pick(r, Vocabulary.GB_FIRST) + " " + Rng.pick(r, Vocabulary.GB_LAST);
            case "US" -> Rng.pick(r, Vocabulary.US_FIRST) + " " + Rng.pick(r, Vocabulary.US_LAST);
            case "NL" -> Rng.pick(r, Vocabulary.NL_FIRST) + " " + Rng.pick(r, Vocabulary.NL_LAST);
            default -> Rng.pick(r, Vocabulary.DE_FIRST) + " " + Rng.pick(r, Vocabulary.DE_LAST);
        };
    }

    long rateCards() throws IOException {
        try (CsvSink out = open(Headers.RATE_CARDS)) {
            long[] seq = {0};
            write(out, seq, f.firmRates);
            for (Client c : f.clients) {
                write(out, seq, c.card);
            }
            for (Contract k : f.contracts) {
                write(out, seq, k.card);
            }
            for (List<RateRow> rows : f.consultantRates) {
                if (rows != null) {
                    write(out, seq, rows);
                }
            }
            return out.rows();
        }
    }

    private static void write(CsvSink out, long[] seq, List<RateRow> rows) throws IOException {
        for (RateRow r : rows) {
            seq[0]++;
            out.row("R-" + Fmt.pad(seq[0], 6), r.rateCardId(), r.level().code, r.levelRef(),
                    r.role() == null ? null : r.role().code, r.currency(), Fmt.money(r.rate()),
                    Fmt.date(r.validFrom()), Fmt.date(r.validTo()));
        }
    }

    long milestones() throws IOException {
        try (CsvSink out = open(Headers.MILESTONES)) {
            for (Contract k : f.contracts) {
                for (Milestone m : k.milestones) {
                    out.row(m.id(), k.id, m.description(), Fmt.money(m.amount()), k.currency, Fmt.date(m.dueDate()),
                            m.status(), Fmt.date(m.acceptedOn()), m.acceptanceRef(), Fmt.bool(m.billable()), null);
                }
            }
            return out.rows();
        }
    }

    long taxRules() throws IOException {
        try (CsvSink out = open(Headers.TAX_RULES)) {
            for (String[] row : TaxRules.rows()) {
                out.row(row);
            }
            return out.rows();
        }
    }

    long expensePolicies() throws IOException {
        try (CsvSink out = open(Headers.EXPENSE_POLICIES)) {
            for (ExpenseCategory c : ExpenseCategory.values()) {
                out.row(c.code, "EUR", c.limitCents < 0 ? null : Fmt.money(Fmt.cents(c.limitCents)),
                        c.receiptAboveCents < 0 ? null : Fmt.money(Fmt.cents(c.receiptAboveCents)),
                        Fmt.bool(c.reimbursable));
            }
            return out.rows();
        }
    }

    /**
     * Daily rates for every calendar day from the first history month to the period's end, for every ordered
     * pair of the firm's currencies. EUR rates follow a seeded random walk; cross rates are derived from them
     * so that the table is consistent.
     */
    long fxRates() throws IOException {
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.FX, 0);
        int n = Firm.CURRENCIES.length;
        long[] perEurMicros = new long[n]; // units of currency i per EUR, in millionths
        for (int i = 0; i < n; i++) {
            perEurMicros[i] = i == 0 ? 1_000_000L : Firm.PER_MILLE_OF_EUR[i] * 1000L * Rng.between(r, 970, 1030) / 1000;
        }
        LocalDate from = f.historyMonths.get(0).atDay(1);
        try (CsvSink out = open(Headers.FX_RATES)) {
            for (LocalDate d = from; !d.isAfter(f.periodEnd); d = d.plusDays(1)) {
                for (int i = 1; i < n; i++) {
                    perEurMicros[i] = perEurMicros[i] * (10_000 + Rng.between(r, -30, 30)) / 10_000;
                }
                String day = d.toString();
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        if (a == b) {
                            continue;
                        }
                        BigDecimal rate = BigDecimal.valueOf(perEurMicros[b])
                                .divide(BigDecimal.valueOf(perEurMicros[a]), 6, RoundingMode.HALF_UP);
                        out.row(Firm.CURRENCIES[a], Firm.CURRENCIES[b], day, rate.toPlainString());
                    }
                }
            }
            return out.rows();
        }
    }

    /**
     * Six months before the period: per contract a contract-level row (empty consultant) and per staffed
     * consultant a row. Contract rows bill hours at rate for time and materials and not-to-exceed, the retainer
     * for retainers and accepted milestones for fixed fees; consultant rows carry their hours and, where time is
     * billed by the hour, its value (0.00 on fixed-fee and retainer contracts).
     */
    long billingHistory() throws IOException {
        try (CsvSink out = open(Headers.BILLING_HISTORY)) {
            for (Contract k : f.contracts) {
                if (k.internal) {
                    continue;
                }
                boolean hourly = k.model == Firm.BillingModel.TIME_AND_MATERIALS
                        || k.model == Firm.BillingModel.NOT_TO_EXCEED;
                for (History.Month m : History.compute(f, k)) {
                    BigDecimal amount = switch (k.model) {
                        case TIME_AND_MATERIALS, NOT_TO_EXCEED -> m.totalValue();
                        case RETAINER -> k.retainer;
                        case FIXED_FEE -> billedMilestones(k, m.month());
                    };
                    String month = m.month().toString();
                    out.row(k.id, null, month, Fmt.hours(m.totalQuarters()), Fmt.money(amount), k.currency);
                    for (int i = 0; i < m.consultants().length; i++) {
                        out.row(k.id, f.consultantId(m.consultants()[i]), month, Fmt.hours(m.quarters()[i]),
                                hourly ? Fmt.money(m.values()[i]) : "0.00", k.currency);
                    }
                }
            }
            return out.rows();
        }
    }

    private static BigDecimal billedMilestones(Contract k, YearMonth month) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Milestone m : k.milestones) {
            if (m.status().equals("billed") && m.acceptedOn() != null
                    && YearMonth.from(m.acceptedOn()).equals(month)) {
                sum = sum.add(m.amount());
            }
        }
        return sum;
    }
}
