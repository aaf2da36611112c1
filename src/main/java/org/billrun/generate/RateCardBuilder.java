package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.RateLevel;
import org.billrun.generate.Firm.RateRow;
import org.billrun.generate.Firm.Role;
import org.billrun.generate.Rng.Section;

/**
 * Rate cards: the firm's list prices per role and currency (raised at the start of the year), a
 * discounted card for a quarter of the clients (some changed during the history months), a card of
 * its own for about a third of the contracts, and a premium rate for a few consultants.
 */
final class RateCardBuilder {

    private RateCardBuilder() {}

    @SuppressWarnings("unchecked")
    static void build(Firm f) {
        SplittableRandom r = Rng.stream(f.seed, Section.RATES, 0);
        int year = f.period.getYear();
        LocalDate lastYearStart = LocalDate.of(year - 1, 1, 1);
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        int level = between(r, 950, 1050);
        // this year's firm rate per role and currency, in cents: what client and contract cards discount
        Map<Role, Map<String, Long>> current = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Map<String, Long> byCurrency = new HashMap<>();
            Map<String, List<RateRow>> rows = new HashMap<>();
            for (int cur = 0; cur < Firm.CURRENCIES.length; cur++) {
                String currency = Firm.CURRENCIES[cur];
                long now = Fmt.roundCents(role.baseRateEurCents * level / 1000 * Firm.PER_MILLE_OF_EUR[cur] / 1000, 500);
                long before = Fmt.roundCents(now * 960 / 1000, 500);
                byCurrency.put(currency, now);
                RateRow old = new RateRow("RC-FIRM", RateLevel.FIRM, null, role, currency, Fmt.cents(before), lastYearStart,
                        yearStart.minusDays(1));
                RateRow neu = new RateRow("RC-FIRM", RateLevel.FIRM, null, role, currency, Fmt.cents(now), yearStart, null);
                f.firmRates.add(old);
                f.firmRates.add(neu);
                rows.put(currency, List.of(neu, old));
            }
            current.put(role, byCurrency);
            f.firmRatesByRoleAndCurrency.put(role, rows);
        }
        for (Client cl : f.clients) {
            if (cl.internal || !chance(r, 0.25)) {
                continue;
            }
            String card = "RC-" + cl.id;
            int discount = between(r, 880, 970);
            LocalDate change = chance(r, 0.3) ? f.period.minusMonths(between(r, 0, 5)).atDay(1) : null;
            List<RateRow> rows = new ArrayList<>();
            for (Role role : pickRoles(r, 0.7)) {
                long rate = Fmt.roundCents(current.get(role).get(cl.currency) * discount / 1000, 100);
                if (change != null) {
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency,
                            Fmt.cents(Fmt.roundCents(rate * 960 / 1000, 100)), lastYearStart, change.minusDays(1)));
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency, Fmt.cents(rate), change, null));
                } else {
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency, Fmt.cents(rate), lastYearStart, null));
                }
            }
            cl.card = rows;
        }
        for (Contract k : f.contracts) {
            if (k.internal || !chance(r, 0.35)) {
                continue;
            }
            k.rateCardId = "RC-" + k.id;
            int factor = between(r, 850, 1050);
            List<RateRow> rows = new ArrayList<>();
            for (Role role : pickRoles(r, 0.75)) {
                long rate = Fmt.roundCents(current.get(role).get(k.currency) * factor / 1000, 100);
                rows.add(new RateRow(k.rateCardId, RateLevel.CONTRACT, k.id, role, k.currency, Fmt.cents(rate), k.start, k.end));
            }
            k.card = rows;
        }
        f.consultantRates = new List[f.consultantCount];
        for (int c = 0; c < f.consultantCount; c++) {
            if (f.left[c] || !chance(r, f.role[c] == Role.PARTNER ? 0.15 : 0.02)) {
                continue;
            }
            String id = f.consultantId(c);
            int premium = between(r, 1050, 1200);
            List<RateRow> rows = new ArrayList<>();
            for (String currency : Firm.CURRENCIES) {
                long rate = Fmt.roundCents(current.get(f.role[c]).get(currency) * premium / 1000, 500);
                rows.add(new RateRow("RC-" + id, RateLevel.CONSULTANT, id, null, currency, Fmt.cents(rate), yearStart, null));
            }
            f.consultantRates[c] = rows;
        }
    }

    /** Each role with probability {@code p}, in the roles' order; at least one. */
    private static List<Role> pickRoles(SplittableRandom r, double p) {
        List<Role> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (chance(r, p)) {
                roles.add(role);
            }
        }
        if (roles.isEmpty()) {
            roles.add(pick(r, Role.values()));
        }
        return roles;
    }
}
