package org.billrun.assist.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded invoice histories with disputes, for training the shipped risk model and evaluating it (docs/assistance.md,
 * "Dispute risk: evaluation"). Each client has a latent dispute propensity on the log-odds scale that
 * drifts month by month (a random walk), seasonal billing (a yearly wave and a quiet December),
 * occasional spikes, a share of lines without evidence, and a paying habit tied to its propensity.
 * Whether an invoice is disputed is drawn from the client's propensity that month plus the spike,
 * the missing evidence, year-end scrutiny and a dispute the month before, which the model sees only
 * through the history it is given. Every client draws from its own stream (seed, client index), as
 * the firm generator's {@code Rng.stream} does, so it ports there as one more section.
 */
final class SyntheticDisputeHistory {

    record Settings(int clients, YearMonth first, int months, long seed) {}

    /** The history the shipped model trains on and is evaluated with (docs/assistance.md, "Evaluation"). */
    static final Settings EVALUATION = new Settings(400, YearMonth.of(2025, 1), 24, 19);

    /** The shipped model trains on the periods up to this one; the later ones are held out for the evaluation. */
    static final YearMonth LAST_TRAINING_PERIOD = YearMonth.of(2026, 6);

    /** The histories, and the probability of a dispute each invoice was drawn with (the best any model could know). */
    record Generated(List<ClientHistory> histories, Map<String, Map<YearMonth, Double>> trueProbability) {

        double trueProbability(String clientId, YearMonth period) {
            return trueProbability.get(clientId).get(period);
        }
    }

    private static final String[] CURRENCIES = {"EUR", "GBP", "USD"};

    private SyntheticDisputeHistory() {}

    static Generated generate(Settings settings) {
        List<ClientHistory> histories = new ArrayList<>();
        Map<String, Map<YearMonth, Double>> truth = new HashMap<>();
        for (int c = 0; c < settings.clients(); c++) {
            String clientId = String.format("C-%05d", c + 1);
            Map<YearMonth, Double> probabilities = new HashMap<>();
            histories.add(client(clientId, stream(settings.seed(), c), settings, probabilities));
            truth.put(clientId, probabilities);
        }
        return new Generated(histories, truth);
    }

    private static ClientHistory client(String clientId, SplittableRandom r, Settings settings, Map<YearMonth, Double> truth) {
        String currency = CURRENCIES[r.nextInt(CURRENCIES.length)];
        double base = Math.exp(Math.log(30_000) + 0.7 * gaussian(r));
        double volatility = 0.05 + 0.20 * r.nextDouble();
        double propensity = -2.3 + 0.9 * gaussian(r);
        double evidenceGap = 0.25 * Math.pow(r.nextDouble(), 2);
        double slowPayer = 0.6 * (propensity + 2.3) / 0.9 + 0.8 * gaussian(r);
        int phase = r.nextInt(12);
        List<PastInvoice> invoices = new ArrayList<>();
        boolean lastDisputed = false;
        for (int t = 0; t < settings.months(); t++) {
            YearMonth period = settings.first().plusMonths(t);
            propensity += 0.15 * gaussian(r);
            double season = period.getMonth() == Month.DECEMBER ? 0.7 : 1 + 0.2 * Math.sin(2 * Math.PI * (period.getMonthValue() - phase) / 12);
            double usual = base * season;
            double amount = usual * Math.exp(volatility * gaussian(r));
            boolean spike = r.nextDouble() < 0.05;
            if (spike) {
                amount *= 1.8 + 2.2 * r.nextDouble();
            }
            int lines = 4 + r.nextInt(27);
            double gap = Math.min(0.9, evidenceGap + (spike ? 0.10 : 0));
            int withoutEvidence = 0;
            for (int l = 0; l < lines; l++) {
                withoutEvidence += r.nextDouble() < gap ? 1 : 0;
            }
            boolean yearEnd = period.getMonth() == Month.DECEMBER || period.getMonth() == Month.JANUARY;
            double logOdds = propensity + 0.9 * Math.log(amount / usual) / Math.log(2) + 5.0 * withoutEvidence / lines
                    + (yearEnd ? 0.35 : 0) + (lastDisputed ? 0.5 : 0);
            double p = 1 / (1 + Math.exp(-logOdds));
            boolean disputed = r.nextDouble() < p;
            BigDecimal billed = money(amount);
            BigDecimal credited = disputed && r.nextDouble() < 0.6 ? money(amount * (0.05 + 0.45 * r.nextDouble())) : money(0);
            double writeDownChance = Math.min(0.9, 1.5 / (1 + Math.exp(-propensity)));
            BigDecimal writtenDown = r.nextDouble() < writeDownChance ? money(amount * (0.02 + 0.13 * r.nextDouble())) : money(0);
            boolean paidYet = t < settings.months() - 1;
            Integer days = paidYet ? (int) Math.max(3, Math.round(30 + 8 * slowPayer + (disputed ? 20 : 0) + 6 * gaussian(r))) : null;
            invoices.add(new PastInvoice(period, billed, lines, withoutEvidence, disputed, credited, writtenDown, days));
            truth.put(period, p);
            lastDisputed = disputed;
        }
        return new ClientHistory(clientId, currency, invoices);
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller from the stream itself, so the draws do not depend on a shared generator's state
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** SplitMix64-derived stream per client, as generate/Rng does per section and index. */
    private static SplittableRandom stream(long seed, long index) {
        long s = mix(seed + 0x9E3779B97F4A7C15L);
        return new SplittableRandom(mix(s ^ (index * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
