package org.billrun.generate;

import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.Role;
import org.billrun.generate.Rng.Section;

/**
 * The consultants: their roles, home entities, standard hours, who has left, and who manages whom
 * (partners report to their entity's managing partner, the rest to a senior or a partner of their entity).
 */
final class ConsultantBuilder {

    private static final double PARTNER_SHARE = 0.05;
    private static final double SENIOR_SHARE = 0.25;
    private static final double ANALYST_SHARE = 0.25;

    /** Where consultants work, by legal entity, for a firm with and without its Dutch entity. */
    private static final Weights<String> HOME_WITH_NL = Weights.first("DE01", 35).then("GB01", 20).then("US01", 30).then("NL01", 15);
    private static final Weights<String> HOME = Weights.first("DE01", 45).then("GB01", 25).then("US01", 30);

    /**
     * The partners and senior consultants still with the firm, per entity (they lead projects), and each
     * entity's managing partner (-1 when the entity has no partner).
     */
    record Leads(List<List<Integer>> byEntity, int[] managingPartner) {}

    private ConsultantBuilder() {}

    static Leads build(Firm f) {
        SplittableRandom r = Rng.stream(f.seed, Section.CONSULTANTS, 0);
        int n = f.consultantCount;
        Role[] pool = roles(r, n);
        f.role = pool;
        f.homeEntity = new int[n];
        f.left = new boolean[n];
        f.standardQuarters = new int[n];
        f.standardHoursBlank = new boolean[n];
        f.manager = new int[n];
        Weights<String> home = f.entities.size() == 4 ? HOME_WITH_NL : HOME;
        for (int c = 0; c < n; c++) {
            f.homeEntity[c] = c == 0 ? 0 : entityIndex(f, home.draw(r));
            f.left[c] = c > 0 && n >= 10 && pool[c] != Role.PARTNER && chance(r, 0.02);
            // a full day is 7.5 h in the UK, 8 h elsewhere; some work part time
            int quarters = f.entities.get(f.homeEntity[c]).country().equals("GB") ? 30 : 32;
            if (pool[c] != Role.PARTNER && chance(r, 0.05)) {
                quarters = chance(r, 0.7) ? 24 : 16;
            }
            f.standardQuarters[c] = quarters;
            f.standardHoursBlank[c] = quarters == 32 && chance(r, 0.1);
        }
        int entities = f.entities.size();
        List<List<Integer>> partnersByEntity = new ArrayList<>();
        List<List<Integer>> seniorsByEntity = new ArrayList<>();
        List<List<Integer>> leadsByEntity = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            partnersByEntity.add(new ArrayList<>());
            seniorsByEntity.add(new ArrayList<>());
            leadsByEntity.add(new ArrayList<>());
        }
        for (int c = 0; c < n; c++) {
            if (f.left[c]) {
                continue;
            }
            if (pool[c] == Role.PARTNER) {
                partnersByEntity.get(f.homeEntity[c]).add(c);
                leadsByEntity.get(f.homeEntity[c]).add(c);
            } else if (pool[c] == Role.SENIOR_CONSULTANT) {
                seniorsByEntity.get(f.homeEntity[c]).add(c);
                leadsByEntity.get(f.homeEntity[c]).add(c);
            }
        }
        int[] managingPartner = new int[entities];
        for (int e = 0; e < entities; e++) {
            managingPartner[e] = partnersByEntity.get(e).isEmpty() ? -1 : partnersByEntity.get(e).get(0);
        }
        for (int c = 0; c < n; c++) {
            int e = f.homeEntity[c];
            List<Integer> partnersHere = partnersByEntity.get(e);
            List<Integer> seniorsHere = seniorsByEntity.get(e);
            int m;
            switch (pool[c]) {
                case PARTNER -> m = c == managingPartner[e] ? (e == 0 ? -1 : 0) : managingPartner[e];
                case SENIOR_CONSULTANT -> m = partnersHere.isEmpty() ? 0 : pick(r, partnersHere);
                default -> {
                    if (!seniorsHere.isEmpty() && (partnersHere.isEmpty() || chance(r, 0.8))) {
                        m = pick(r, seniorsHere);
                    } else {
                        m = partnersHere.isEmpty() ? 0 : pick(r, partnersHere);
                    }
                }
            }
            f.manager[c] = m == c ? -1 : m;
        }
        return new Leads(leadsByEntity, managingPartner);
    }

    /** Roles in their shares, shuffled; consultant 0 is the firm's senior partner, always active. */
    private static Role[] roles(SplittableRandom r, int n) {
        int partners = (int) Math.max(1, Math.round(n * PARTNER_SHARE));
        int seniors = (int) Math.min(n - partners, Math.round(n * SENIOR_SHARE));
        int analysts = (int) Math.min(n - partners - seniors, Math.round(n * ANALYST_SHARE));
        Role[] pool = new Role[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng.shuffle(r, order);
        for (int i = 0; i < n; i++) {
            int slot = order[i];
            pool[slot] = i < partners ? Role.PARTNER : i < partners + seniors ? Role.SENIOR_CONSULTANT
                    : i < partners + seniors + analysts ? Role.ANALYST : Role.CONSULTANT;
        }
        for (int i = 0; i < n; i++) {
            if (pool[i] == Role.PARTNER) {
                pool[i] = pool[0];
                pool[0] = Role.PARTNER;
                break;
            }
        }
        return pool;
    }

    private static int entityIndex(Firm f, String entityId) {
        for (int e = 0; e < f.entities.size(); e++) {
            if (f.entities.get(e).id().equals(entityId)) {
                return e;
            }
        }
        throw new IllegalStateException("no entity " + entityId);
    }
}
