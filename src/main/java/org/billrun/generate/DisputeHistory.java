package org.billrun.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.billrun.assist.risk.ClientHistory;
import org.billrun.assist.risk.PastInvoice;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Contract;

/**
 * Several past periods of each client contract's invoices with what happened to them: disputed or not, credited,
 * written down, and the days the client took to pay (docs/assistance.md, "Dispute risk: the generated history").
 * Written as dispute_history.csv only when asked for ({@code billrun generate --dispute-history MONTHS}), so the
 * default output stays as it was.
 *
 * <p>Each client has traits the risk model never sees: a propensity to dispute on the log-odds scale (mean
 * -2.3, sd 0.9) that drifts every month (a random walk, sd 0.15), a paying habit tied to it, and a share of
 * lines without evidence. Each contract bills its usual month (what it bills at the period's rates) with seasonal
 * swings (a yearly wave of 20 %, December at 70 %), month-to-month noise (5 to 25 %) and a 5 % chance of a spike
 * (1.8 to 4 times). An invoice is disputed with the probability of the client's propensity that month + 0.9 x
 * log2(amount / usual amount) + 5 x its share of lines without evidence + 0.35 at the year's end + 0.5 after a
 * dispute of the contract's previous invoice: the causes the model has to find in the history. A disputed
 * invoice is credited in 60 % of cases (5 to 50 % of it) and paid about 20 days later; write-downs follow the
 * propensity; an invoice is paid in the client's payment terms, early or late by its habit; the last month is
 * not paid yet. The same dynamics as the shipped model's training history (assist.risk.SyntheticDisputeHistory),
 * on the generated firm's own clients, contracts, currencies and amounts.
 *
 * <p>Client traits draw from the client's own stream, a contract's months from the contract's, neither from a
 * stream the rest of the firm uses: asking for the history changes no other file.
 */
final class DisputeHistory {

    static final String FILE = "dispute_history.csv";
    static final String[] HEADER = {"contract_id", "client_id", "period", "currency", "net", "lines", "lines_without_evidence", "disputed",
            "credited", "written_down", "days_to_pay"};
    /** At least a year: the score looks back six invoices, and a later part must be held out. */
    static final int MIN_MONTHS = 12;
    static final int MAX_MONTHS = 120;

    private DisputeHistory() {}

    /** What a client brings to every contract's history: its propensity to dispute, month by month, and its habits. */
    private record Traits(double[] propensity, double slowPayer, double evidenceGap) {}

    /** The months of history before the period, oldest first. */
    static List<YearMonth> months(Firm f, int count) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            months.add(f.period.minusMonths(i));
        }
        return months;
    }

    /** A contract's history (its id as the history's id, as billrun keeps risk history per contract) and the id of its client. */
    record ContractHistory(String clientId, ClientHistory history) {}

    /** One history per client contract that was active in any of the months (internal contracts bill nobody), in contract order. */
    static List<ContractHistory> compute(Firm f, int monthCount) {
        if (monthCount < MIN_MONTHS || monthCount > MAX_MONTHS) {
            throw new IllegalArgumentException("dispute history months must be between " + MIN_MONTHS + " and " + MAX_MONTHS + ", got "
                    + monthCount);
        }
        List<YearMonth> months = months(f, monthCount);
        Traits[] traits = new Traits[f.clients.size()];
        List<ContractHistory> histories = new ArrayList<>();
        for (Contract k : f.contracts) {
            if (k.internal) {
                continue;
            }
            Client client = f.clients.get(k.client);
            if (traits[k.client] == null) {
                traits[k.client] = traits(f, client, monthCount);
            }
            List<PastInvoice> invoices = contract(f, k, client, traits[k.client], months);
            if (!invoices.isEmpty()) {
                histories.add(new ContractHistory(client.id, new ClientHistory(k.id, k.currency, invoices)));
            }
        }
        return histories;
    }

    /** Writes the histories as dispute_history.csv into {@code dir}; returns the rows written. */
    static long write(List<ContractHistory> histories, Path dir) throws IOException {
        try (CsvSink csv = new CsvSink(dir.resolve(FILE), HEADER)) {
            for (ContractHistory c : histories) {
                ClientHistory h = c.history();
                for (PastInvoice i : h.invoices()) {
                    csv.row(h.clientId(), c.clientId(), i.period().toString(), h.currency(), i.amount().toPlainString(), Integer.toString(i.lines()),
                            Integer.toString(i.linesWithoutEvidence()), Boolean.toString(i.disputed()), i.credited().toPlainString(),
                            i.writtenDown().toPlainString(), i.daysToPay() == null ? "" : Integer.toString(i.daysToPay()));
                }
            }
            return csv.rows();
        }
    }

    private static Traits traits(Firm f, Client client, int monthCount) {
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.DISPUTE_TRAITS, client.index);
        double start = -2.3 + 0.9 * gaussian(r);
        double slowPayer = 0.6 * (start + 2.3) / 0.9 + 0.8 * gaussian(r);
        double evidenceGap = 0.25 * Math.pow(r.nextDouble(), 2);
        double[] propensity = new double[monthCount];
        double p = start;
        for (int t = 0; t < monthCount; t++) {
            p += 0.15 * gaussian(r);
            propensity[t] = p;
        }
        return new Traits(propensity, slowPayer, evidenceGap);
    }

    private static List<PastInvoice> contract(Firm f, Contract k, Client client, Traits traits, List<YearMonth> months) {
        List<PastInvoice> invoices = new ArrayList<>();
        double base = History.expectedMonthly(f, k, 21).doubleValue();
        if (base <= 0) {
            return invoices;
        }
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.DISPUTE_HISTORY, k.index);
        double volatility = 0.05 + 0.20 * r.nextDouble();
        int phase = r.nextInt(12);
        boolean lastDisputed = false;
        for (int t = 0; t < months.size(); t++) {
            YearMonth period = months.get(t);
            // every month draws the same numbers whether the contract was active or not, so a month's draws never depend on another's
            double noise = gaussian(r);
            boolean spike = r.nextDouble() < 0.05;
            double spikeSize = 1.8 + 2.2 * r.nextDouble();
            int lines = 4 + r.nextInt(27);
            int withoutEvidence = 0;
            double gap = Math.min(0.9, traits.evidenceGap() + (spike ? 0.10 : 0));
            for (int l = 0; l < 30; l++) {
                boolean bare = r.nextDouble() < gap;
                if (l < lines && bare) {
                    withoutEvidence++;
                }
            }
            double disputeDraw = r.nextDouble();
            double creditDraw = r.nextDouble();
            double creditShare = 0.05 + 0.45 * r.nextDouble();
            double writeDownDraw = r.nextDouble();
            double writeDownShare = 0.02 + 0.13 * r.nextDouble();
            double payNoise = gaussian(r);
            if (!k.activeIn(period)) {
                lastDisputed = false;
                continue;
            }
            double season = period.getMonth() == Month.DECEMBER ? 0.7 : 1 + 0.2 * Math.sin(2 * Math.PI * (period.getMonthValue() - phase) / 12);
            double usual = base * season;
            double amount = usual * Math.exp(volatility * noise) * (spike ? spikeSize : 1);
            boolean yearEnd = period.getMonth() == Month.DECEMBER || period.getMonth() == Month.JANUARY;
            double propensity = traits.propensity()[t];
            double logOdds = propensity + 0.9 * Math.log(amount / usual) / Math.log(2) + 5.0 * withoutEvidence / lines + (yearEnd ? 0.35 : 0)
                    + (lastDisputed ? 0.5 : 0);
            boolean disputed = disputeDraw < 1 / (1 + Math.exp(-logOdds));
            BigDecimal net = money(amount);
            BigDecimal credited = disputed && creditDraw < 0.6 ? money(amount * creditShare) : money(0);
            double writeDownChance = Math.min(0.9, 1.5 / (1 + Math.exp(-propensity)));
            BigDecimal writtenDown = writeDownDraw < writeDownChance ? money(amount * writeDownShare) : money(0);
            boolean paidYet = t < months.size() - 1;
            Integer days = paidYet ? (int) Math.max(3, Math.round(client.paymentTermsDays + 8 * traits.slowPayer() + (disputed ? 20 : 0)
                    + 6 * payNoise)) : null;
            invoices.add(new PastInvoice(period, net, lines, withoutEvidence, disputed, credited, writtenDown, days));
            lastDisputed = disputed;
        }
        return invoices;
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    /** Box-Muller from the stream itself, as assist.risk.SyntheticDisputeHistory draws. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
