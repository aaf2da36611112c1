package org.billrun.generate;

import static org.billrun.generate.Fakes.digits;
import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.BillingModel;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Entity;
import org.billrun.generate.Rng.Section;

/**
 * The contracts: one to three per client, each with a billing model, dates that fit it (some new this
 * period, some expired), sometimes another entity or currency, a PO number and an expense markup; then
 * one internal contract per entity. Caps, retainers and milestones come later ({@link TermsBuilder}),
 * once the contracts are staffed.
 */
final class ContractBuilder {

    private static final Weights<Integer> CONTRACTS_PER_CLIENT = Weights.first(1, 50).then(2, 35).then(3, 15);
    private static final Weights<BillingModel> MODEL_MIX = Weights.first(BillingModel.TIME_AND_MATERIALS, 58)
            .then(BillingModel.FIXED_FEE, 15).then(BillingModel.RETAINER, 12).then(BillingModel.NOT_TO_EXCEED, 15);

    /** How long ago a fixed-term contract started and how many months it runs, in months. */
    private record Term(int startedAgoMin, int startedAgoMax, int shortest, int longest) {}

    private static final Term FIXED_FEE_TERM = new Term(0, 9, 6, 15);
    private static final Term NOT_TO_EXCEED_TERM = new Term(1, 5, 6, 12);

    /** A contract before it is drawn: its client, its number there, its billing model. */
    private static final class Planned {
        final int client;
        final int number;
        BillingModel model;

        Planned(int client, int number, BillingModel model) {
            this.client = client;
            this.number = number;
            this.model = model;
        }
    }

    private ContractBuilder() {}

    static void build(Firm f) {
        SplittableRandom r = Rng.stream(f.seed, Section.CONTRACTS, 0);
        for (Planned p : plan(f, r)) {
            f.contracts.add(contract(f, r, p));
        }
        for (Entity e : f.entities) {
            Contract k = new Contract();
            k.index = f.contracts.size();
            k.client = f.clients.size() - f.entities.size() + e.index();
            k.key = "INT-" + e.id();
            k.id = "K-" + k.key;
            k.model = BillingModel.TIME_AND_MATERIALS;
            k.entity = e.index();
            k.currency = e.currency();
            k.start = LocalDate.of(f.period.getYear() - 5, 1, 1);
            k.internal = true;
            f.contracts.add(k);
        }
    }

    private static List<Planned> plan(Firm f, SplittableRandom r) {
        List<Planned> plan = new ArrayList<>();
        Map<BillingModel, Integer> modelCount = new EnumMap<>(BillingModel.class);
        for (BillingModel model : BillingModel.values()) {
            modelCount.put(model, 0);
        }
        for (Client cl : f.clients) {
            if (cl.internal) {
                continue;
            }
            int count = CONTRACTS_PER_CLIENT.draw(r);
            for (int j = 0; j < count; j++) {
                BillingModel model = MODEL_MIX.draw(r);
                plan.add(new Planned(cl.index, j, model));
                modelCount.merge(model, 1, Integer::sum);
            }
        }
        // every billing model occurs, however small the firm: the last contract of a model that has several takes it
        for (BillingModel missing : BillingModel.values()) {
            if (modelCount.get(missing) > 0) {
                continue;
            }
            for (int i = plan.size() - 1; i >= 0; i--) {
                BillingModel other = plan.get(i).model;
                if (modelCount.get(other) > 1) {
                    modelCount.merge(other, -1, Integer::sum);
                    plan.get(i).model = missing;
                    modelCount.merge(missing, 1, Integer::sum);
                    break;
                }
            }
        }
        return plan;
    }

    private static Contract contract(Firm f, SplittableRandom r, Planned p) {
        Client cl = f.clients.get(p.client);
        Contract k = new Contract();
        k.index = f.contracts.size();
        k.client = cl.index;
        k.key = cl.id.substring(2) + "-" + (p.number + 1);
        k.id = "K-" + k.key;
        k.model = p.model;
        k.entity = cl.defaultEntity;
        k.currency = cl.currency;
        if (chance(r, 0.08)) { // served by another entity, sometimes in that entity's currency
            int other = r.nextInt(f.entities.size() - 1);
            k.entity = other >= cl.defaultEntity ? other + 1 : other;
            if (chance(r, 0.5)) {
                k.currency = f.entities.get(k.entity).currency();
            }
        }
        dates(f, r, k);
        if (chance(r, 0.55)) {
            k.poNumber = chance(r, 0.7) ? "PO-" + between(r, 1000, 9_999_999) : "45" + digits(r, 8);
        }
        if (chance(r, 0.6)) {
            k.markupPct = pick(r, new String[] {"0", "5", "10", "10", "12.5", "15"});
        }
        return k;
    }

    private static void dates(Firm f, SplittableRandom r, Contract k) {
        YearMonth ym = f.period;
        switch (k.model) {
            case TIME_AND_MATERIALS -> {
                double kind = r.nextDouble();
                if (kind < 0.03) { // new this period
                    k.start = f.periodStart;
                    k.end = chance(r, 0.5) ? null : ym.plusMonths(between(r, 5, 11)).atEndOfMonth();
                } else if (kind < 0.08) { // ended during the history months
                    YearMonth endMonth = ym.minusMonths(between(r, 1, 4));
                    k.end = endMonth.atEndOfMonth();
                    k.start = endMonth.minusMonths(between(r, 3, 24)).atDay(1);
                    k.expired = true;
                } else {
                    k.start = ym.minusMonths(between(r, 1, 36)).atDay(chance(r, 0.8) ? 1 : between(r, 2, 28));
                    k.end = chance(r, 0.5) ? null : ym.plusMonths(between(r, 0, 18)).atEndOfMonth();
                }
            }
            case FIXED_FEE -> fixedTerm(f, r, k, FIXED_FEE_TERM);
            case RETAINER -> {
                k.start = ym.minusMonths(between(r, 2, 24)).atDay(1);
                k.end = chance(r, 0.5) ? null : ym.plusMonths(between(r, 2, 14)).atEndOfMonth();
            }
            case NOT_TO_EXCEED -> fixedTerm(f, r, k, NOT_TO_EXCEED_TERM);
        }
    }

    /**
     * A fixed term that started {@code startedAgo} months before the period, within the range, and
     * runs {@code shortest} to {@code longest} months; one that would have ended before the period's end
     * runs on for 1 to 3 months.
     */
    private static void fixedTerm(Firm f, SplittableRandom r, Contract k, Term term) {
        k.start = f.period.minusMonths(between(r, term.startedAgoMin(), term.startedAgoMax())).atDay(1);
        k.end = YearMonth.from(k.start).plusMonths(between(r, term.shortest(), term.longest()) - 1L).atEndOfMonth();
        if (k.end.isBefore(f.periodEnd)) {
            k.end = f.period.plusMonths(between(r, 1, 3)).atEndOfMonth();
        }
    }
}
