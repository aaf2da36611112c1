package org.billrun.generate;

import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Project;
import org.billrun.generate.Firm.Role;
import org.billrun.generate.Rng.Section;

/**
 * Who works on what this period: every open project gets someone first, then each consultant is
 * staffed on one to three open projects (mostly of their own entity), with the first one taking most
 * of their time. Then, per contract, the consultants staffed on it and their share.
 */
final class StaffingBuilder {

    /** How many projects a consultant of each role works on this period. */
    private static final Map<Role, Weights<Integer>> PROJECTS_PER_CONSULTANT = new EnumMap<>(Map.of(
            Role.PARTNER, Weights.first(2, 40).then(3, 60),
            Role.SENIOR_CONSULTANT, Weights.first(1, 30).then(2, 50).then(3, 20),
            Role.CONSULTANT, Weights.first(1, 45).then(2, 40).then(3, 15),
            Role.ANALYST, Weights.first(1, 60).then(2, 40)));

    /** A consultant's time on their first project, per mille; the rest is shared by the others. */
    private static final int FIRST_PROJECT_SHARE = 600;

    private StaffingBuilder() {}

    static void build(Firm f) {
        SplittableRandom r = Rng.stream(f.seed, Section.ASSIGNMENTS, 0);
        int n = f.consultantCount;
        List<Integer> open = new ArrayList<>();
        List<List<Integer>> openByEntity = new ArrayList<>();
        for (int e = 0; e < f.entities.size(); e++) {
            openByEntity.add(new ArrayList<>());
        }
        for (Project p : f.projects) {
            Contract k = f.contracts.get(p.contract);
            if (p.billable && !p.closed && !k.expired) {
                open.add(p.index);
                openByEntity.get(k.entity).add(p.index);
            }
        }
        int[] cover = open.stream().mapToInt(Integer::intValue).toArray();
        Rng.shuffle(r, cover);
        int next = 0;
        f.assignments = new int[n][];
        f.assignmentWeights = new int[n][];
        for (int c = 0; c < n; c++) {
            if (f.left[c] || open.isEmpty()) {
                f.assignments[c] = new int[0];
                f.assignmentWeights[c] = new int[0];
                continue;
            }
            int want = PROJECTS_PER_CONSULTANT.get(f.role[c]).draw(r);
            int[] chosen = new int[want];
            int have = 0;
            for (int s = 0; s < want; s++) {
                for (int attempt = 0; attempt < 6; attempt++) {
                    int p;
                    if (next < cover.length) {
                        p = cover[next++];
                    } else {
                        List<Integer> local = openByEntity.get(f.homeEntity[c]);
                        p = !local.isEmpty() && chance(r, 0.8) ? pick(r, local) : pick(r, open);
                    }
                    if (!contains(chosen, have, p)) {
                        chosen[have++] = p;
                        break;
                    }
                }
            }
            f.assignments[c] = Arrays.copyOf(chosen, have);
            f.assignmentWeights[c] = shares(have);
        }
        staffPerContract(f);
    }

    /** Per mille of a consultant's time on each of {@code projects} projects. */
    private static int[] shares(int projects) {
        int[] weights = new int[projects];
        if (projects == 1) {
            weights[0] = 1000;
        } else {
            int rest = 1000 - FIRST_PROJECT_SHARE;
            weights[0] = FIRST_PROJECT_SHARE;
            for (int i = 1; i < projects; i++) {
                weights[i] = rest / (projects - 1);
            }
            weights[projects - 1] += rest - rest / (projects - 1) * (projects - 1);
        }
        return weights;
    }

    /** The assignments inverted: per contract the staffed consultants and their share. */
    private static void staffPerContract(Firm f) {
        int n = f.consultantCount;
        int[] staffCount = new int[f.contracts.size()];
        int[] countedFor = new int[f.contracts.size()];
        Arrays.fill(countedFor, -1);
        for (int c = 0; c < n; c++) {
            for (int p : f.assignments[c]) {
                int k = f.projects.get(p).contract;
                if (countedFor[k] != c) {
                    countedFor[k] = c;
                    staffCount[k]++;
                }
            }
        }
        for (Contract k : f.contracts) {
            k.staff = new int[staffCount[k.index]];
            k.staffShare = new int[staffCount[k.index]];
        }
        int[] filled = new int[f.contracts.size()];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < f.assignments[c].length; i++) {
                Contract k = f.contracts.get(f.projects.get(f.assignments[c][i]).contract);
                int at = filled[k.index];
                if (at > 0 && k.staff[at - 1] == c) {
                    k.staffShare[at - 1] += f.assignmentWeights[c][i];
                } else {
                    k.staff[at] = c;
                    k.staffShare[at] = f.assignmentWeights[c][i];
                    filled[k.index]++;
                }
            }
        }
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
