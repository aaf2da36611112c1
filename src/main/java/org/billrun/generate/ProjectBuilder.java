package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Project;
import org.billrun.generate.Rng.Section;

/**
 * Projects and their tasks: one to three per contract, led by a partner or senior of the contract's
 * entity, some closed, some with a closed or non-billable task; one internal project per entity. Also
 * the targets of the defects that need a closed project or task.
 */
final class ProjectBuilder {

    private static final Weights<Integer> PROJECTS_PER_CONTRACT = Weights.first(1, 45).then(2, 35).then(3, 20);

    private ProjectBuilder() {}

    static void build(Firm f, ConsultantBuilder.Leads leads) {
        SplittableRandom r = Rng.stream(f.seed, Section.PROJECTS, 0);
        f.internalProject = new int[f.entities.size()];
        for (Contract k : f.contracts) {
            k.firstProject = f.projects.size();
            if (k.internal) {
                f.internalProject[k.entity] = f.projects.size();
                f.projects.add(internal(f, k, leads));
                k.projectCount = 1;
                continue;
            }
            int count = PROJECTS_PER_CONTRACT.draw(r);
            boolean anyOpen = false;
            for (int j = 0; j < count; j++) {
                Project p = project(f, r, k, j);
                // an active contract keeps at least one open project
                if (!k.expired && j == count - 1 && !anyOpen) {
                    p.closed = false;
                }
                anyOpen |= !p.closed;
                List<Integer> leadsHere = leads.byEntity().get(k.entity);
                p.manager = leadsHere.isEmpty() ? leads.managingPartner()[0] : pick(r, leadsHere);
                tasks(r, p);
                f.projects.add(p);
            }
            k.projectCount = count;
        }
        ensureClosedProjectAndTask(f);
        defectTargets(f);
    }

    private static Project internal(Firm f, Contract k, ConsultantBuilder.Leads leads) {
        Project p = new Project();
        p.index = f.projects.size();
        p.key = k.key;
        p.id = "P-" + p.key;
        p.contract = k.index;
        p.client = k.client;
        p.name = "Internal time " + f.entities.get(k.entity).id();
        p.manager = leads.managingPartner()[k.entity];
        p.billable = false;
        int t = Vocabulary.INTERNAL_TASKS.length;
        p.taskNames = Vocabulary.INTERNAL_TASKS.clone();
        p.taskClosed = new boolean[t];
        p.taskBillable = new boolean[t];
        return p;
    }

    private static Project project(Firm f, SplittableRandom r, Contract k, int j) {
        Project p = new Project();
        p.index = f.projects.size();
        p.key = k.key + "-" + (j + 1);
        p.id = "P-" + p.key;
        p.contract = k.index;
        p.client = k.client;
        p.name = pick(r, Vocabulary.PROJECT_TYPES) + (chance(r, 0.2) ? pick(r, Vocabulary.PROJECT_SUFFIXES) : "");
        p.closed = k.expired || chance(r, 0.07);
        return p;
    }

    /** Two to four tasks drawn from the vocabulary, later ones sometimes closed; sometimes the last is non-billable. */
    private static void tasks(SplittableRandom r, Project p) {
        p.billable = true;
        int t = between(r, 2, 4);
        int[] names = new int[Vocabulary.TASKS.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = i;
        }
        Rng.shuffle(r, names);
        p.taskNames = new String[t];
        p.taskClosed = new boolean[t];
        p.taskBillable = new boolean[t];
        for (int i = 0; i < t; i++) {
            p.taskNames[i] = Vocabulary.TASKS[names[i]];
            p.taskBillable[i] = true;
            p.taskClosed[i] = i > 0 && chance(r, 0.06);
        }
        if (t >= 3 && chance(r, 0.12)) {
            p.taskNames[t - 1] = Vocabulary.NON_BILLABLE_TASK;
            p.taskBillable[t - 1] = false;
        }
    }

    /** The defects need a closed project and a closed task on an open project, however small the firm. */
    private static void ensureClosedProjectAndTask(Firm f) {
        boolean closedProject = false;
        boolean closedTask = false;
        for (Project p : f.projects) {
            closedProject |= p.billable && p.closed;
            closedTask |= p.billable && !p.closed && hasClosedTask(p);
        }
        if (!closedProject) {
            Project target = null;
            for (Project p : f.projects) {
                if (p.billable && !p.closed && otherOpenProject(f, p)) {
                    target = p;
                    break;
                }
            }
            (target != null ? target : f.projects.get(0)).closed = true;
        }
        if (!closedTask) {
            for (Project p : f.projects) {
                if (p.billable && !p.closed && p.taskCount() >= 2) {
                    p.taskClosed[p.taskCount() - 1] = true;
                    break;
                }
            }
        }
    }

    private static void defectTargets(Firm f) {
        List<Integer> closed = new ArrayList<>();
        List<Integer> closedTask = new ArrayList<>();
        for (Project p : f.projects) {
            if (!p.billable) {
                continue;
            }
            if (p.closed) {
                closed.add(p.index);
            } else if (hasClosedTask(p)) {
                closedTask.add(p.index);
            }
        }
        f.closedProjects = closed.stream().mapToInt(Integer::intValue).toArray();
        f.projectsWithClosedTask = closedTask.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean hasClosedTask(Project p) {
        for (boolean closed : p.taskClosed) {
            if (closed) {
                return true;
            }
        }
        return false;
    }

    private static boolean otherOpenProject(Firm f, Project p) {
        Contract k = f.contracts.get(p.contract);
        for (int i = k.firstProject; i < k.firstProject + k.projectCount; i++) {
            if (i != p.index && !f.projects.get(i).closed) {
                return true;
            }
        }
        return false;
    }
}
