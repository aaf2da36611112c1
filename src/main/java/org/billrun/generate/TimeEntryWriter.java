package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;
import static org.billrun.generate.Rng.weighted;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.billrun.generate.Firm.Project;

/**
 * Streams time_entries.csv: per active consultant and working day of the period about three entries adding
 * up to roughly their standard day, about a tenth of it internal, plus a small share of deliberate defects.
 * Only master data is held in memory.
 */
final class TimeEntryWriter {

    /** Deliberate defects; every kind occurs at least once, however small the firm. */
    enum Defect { NONE, UNKNOWN_PROJECT, CLOSED_PROJECT, CLOSED_TASK, OUTSIDE_PERIOD, UNAPPROVED, EXCESSIVE_HOURS }

    /** Chance per entry of each row-level defect, by ordinal (NONE and EXCESSIVE_HOURS unused). */
    private static final double[] ROW_CHANCE = {0, 0.001, 0.001, 0.001, 0.001, 0.0025, 0};
    /** Chance per consultant-day of a day booked far beyond any standard day. */
    private static final double EXCESSIVE_DAY_CHANCE = 0.0012;
    private static final double LEAVE_DAY_CHANCE = 0.03;
    private static final int LEAVE_TASK = 3;

    private final Firm f;
    private final Path file;
    private final String idPrefix;
    private final long periodSeed;
    private final int[] forcedConsultant = new int[Defect.values().length];
    private final int[] forcedDay = new int[Defect.values().length];
    /** Approves the time of the partner nobody manages (consultant 0) when no project manager can. */
    private final int deputy;
    private long sequence;

    TimeEntryWriter(Firm firm, Path dir) {
        this.f = firm;
        int other = -1;
        for (Firm.Role role : Firm.Role.values()) { // another partner, else the most senior one there is
            for (int c = 1; c < firm.consultantCount && other < 0; c++) {
                if (firm.role[c] == role && !firm.left[c]) {
                    other = c;
                }
            }
        }
        this.deputy = other;
        this.file = dir.resolve(Headers.TIME_ENTRIES);
        this.idPrefix = "T-" + firm.period.getYear() + Fmt.pad(firm.period.getMonthValue(), 2) + "-";
        this.periodSeed = periodSeed(firm);
        SplittableRandom r = Rng.stream(periodSeed, Rng.Section.DEFECTS, 1);
        Arrays.fill(forcedConsultant, -1);
        for (Defect d : Defect.values()) {
            if (d != Defect.NONE) {
                forcedConsultant[d.ordinal()] = activeConsultant(firm, r);
                forcedDay[d.ordinal()] = r.nextInt(firm.workingDays.size());
            }
        }
    }

    static long periodSeed(Firm f) {
        return Rng.mix(f.seed ^ Rng.mix(f.period.getYear() * 12L + f.period.getMonthValue()));
    }

    static int activeConsultant(Firm f, SplittableRandom r) {
        int c = r.nextInt(f.consultantCount);
        while (f.left[c]) {
            c = (c + 1) % f.consultantCount;
        }
        return c;
    }

    long write() throws IOException {
        try (CsvSink out = new CsvSink(file, Headers.of(Headers.TIME_ENTRIES))) {
            Defect[] forced = new Defect[Defect.values().length];
            for (int c = 0; c < f.consultantCount; c++) {
                if (f.left[c]) {
                    continue;
                }
                SplittableRandom r = Rng.stream(periodSeed, Rng.Section.TIME_ENTRIES, c);
                List<LocalDate> days = f.workingDays;
                for (int di = 0; di < days.size(); di++) {
                    int forcedRows = 0;
                    boolean excessive = false;
                    for (Defect d : Defect.values()) {
                        if (d != Defect.NONE && forcedConsultant[d.ordinal()] == c && forcedDay[d.ordinal()] == di) {
                            if (d == Defect.EXCESSIVE_HOURS) {
                                excessive = true;
                            } else {
                                forced[forcedRows++] = d;
                            }
                        }
                    }
                    day(out, r, c, days.get(di), forced, forcedRows, excessive);
                }
            }
            return out.rows();
        }
    }

    private void day(CsvSink out, SplittableRandom r, int c, LocalDate date, Defect[] forced, int forcedRows,
                     boolean excessive) throws IOException {
        int standard = f.standardQuarters[c];
        Project internal = f.projects.get(f.internalProject[f.homeEntity[c]]);
        if (forcedRows == 0 && !excessive && chance(r, LEAVE_DAY_CHANCE)) {
            String text = chance(r, 0.75) ? "Annual leave" : "Sick leave";
            entry(out, c, internal.id, internal.taskId(LEAVE_TASK), date, standard, false, "approved", internal, text, r);
            return;
        }
        excessive |= chance(r, EXCESSIVE_DAY_CHANCE);
        int quarters = excessive ? between(r, 60, 80)
                : Math.max(8, standard + new int[] {-2, -1, 0, 1, 2, 4}[weighted(r, new int[] {5, 8, 52, 10, 15, 10})]);
        quarters = Math.max(quarters, 2 * forcedRows);
        int count = weighted(r, new int[] {25, 45, 30}) + 2;
        if (excessive) {
            count = Math.max(count, 3);
        }
        count = Math.min(Math.max(count, forcedRows), quarters / 2);
        int[] parts = split(r, quarters, count);
        for (int j = 0; j < count; j++) {
            Defect defect = j < forcedRows ? forced[j] : excessive ? Defect.NONE : rowDefect(r);
            boolean useInternal = f.assignments[c].length == 0 || chance(r, f.role[c].internalShare);
            Project p;
            int task;
            String text;
            if (useInternal) {
                p = internal;
                task = weighted(r, new int[] {35, 35, 30});
                text = pick(r, task == 0 ? Vocabulary.TRAINING_DESCRIPTIONS
                        : task == 1 ? Vocabulary.PRESALES_DESCRIPTIONS : Vocabulary.ADMIN_DESCRIPTIONS);
            } else {
                p = f.projects.get(f.assignments[c][weighted(r, f.assignmentWeights[c])]);
                task = openTask(r, p);
                double d = r.nextDouble();
                text = d < 0.12 ? null : d < 0.123 ? pick(r, Vocabulary.ODD_DESCRIPTIONS)
                        : pick(r, Vocabulary.WORK_DESCRIPTIONS);
            }
            String projectId = p.id;
            String taskId = p.taskId(task);
            boolean billable = p.billable && p.taskBillable[task];
            LocalDate workDate = date;
            String status = "approved";
            switch (defect) {
                case UNKNOWN_PROJECT -> {
                    projectId = "P-LEGACY-" + Fmt.pad(between(r, 1, 9999), 4);
                    taskId = null;
                    billable = true;
                }
                case CLOSED_PROJECT -> {
                    p = f.projects.get(pick(r, f.closedProjects));
                    task = openTask(r, p);
                    projectId = p.id;
                    taskId = p.taskId(task);
                    billable = p.taskBillable[task];
                }
                case CLOSED_TASK -> {
                    p = f.projects.get(pick(r, f.projectsWithClosedTask));
                    task = closedTask(r, p);
                    projectId = p.id;
                    taskId = p.taskId(task);
                    billable = p.taskBillable[task];
                }
                case OUTSIDE_PERIOD -> workDate = outsidePeriod(r);
                case UNAPPROVED -> status = new String[] {"draft", "submitted", "rejected"}[weighted(r, new int[] {40, 45, 15})];
                default -> { }
            }
            entry(out, c, projectId, taskId, workDate, parts[j], billable, status, p, text, r);
        }
    }

    private void entry(CsvSink out, int c, String projectId, String taskId, LocalDate date, int quarters,
                       boolean billable, String status, Project project, String text, SplittableRandom r)
            throws IOException {
        String submittedAt = null;
        String approvedBy = null;
        if (!status.equals("draft")) {
            LocalDate friday = date.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            submittedAt = Fmt.timestamp(friday, between(r, 16 * 60, 18 * 60 + 59));
        }
        if (status.equals("approved")) {
            int approver = approver(c, project);
            approvedBy = approver < 0 ? null : f.consultantId(approver);
        }
        sequence++;
        out.row(idPrefix + Fmt.pad(sequence, 7), f.consultantId(c), projectId, taskId, date.toString(),
                Fmt.hours(quarters), Fmt.bool(billable), status, submittedAt, approvedBy, text);
    }

    private int approver(int c, Project p) {
        if (f.manager[c] >= 0) {
            return f.manager[c];
        }
        return p.manager >= 0 && p.manager != c ? p.manager : c == deputy ? -1 : deputy;
    }

    private static Defect rowDefect(SplittableRandom r) {
        double x = r.nextDouble();
        for (int i = 1; i < ROW_CHANCE.length; i++) {
            x -= ROW_CHANCE[i];
            if (x < 0) {
                return Defect.values()[i];
            }
        }
        return Defect.NONE;
    }

    private LocalDate outsidePeriod(SplittableRandom r) {
        LocalDate d;
        if (chance(r, 0.5)) {
            d = f.periodStart.minusDays(between(r, 1, 7));
            while (!Firm.isWorkingDay(d)) {
                d = d.minusDays(1);
            }
        } else {
            d = f.periodEnd.plusDays(between(r, 1, 7));
            while (!Firm.isWorkingDay(d)) {
                d = d.plusDays(1);
            }
        }
        return d;
    }

    /** Splits {@code quarters} into {@code count} parts of at least half an hour, mostly in half hours. */
    static int[] split(SplittableRandom r, int quarters, int count) {
        int halves = quarters / 2;
        int[] cuts = new int[count - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = r.nextInt(halves - count + 1);
        }
        Arrays.sort(cuts);
        int[] parts = new int[count];
        int previous = 0;
        for (int i = 0; i < count; i++) {
            int cut = i < cuts.length ? cuts[i] : halves - count;
            parts[i] = (1 + cut - previous) * 2;
            previous = cut;
        }
        if (quarters % 2 == 1) {
            parts[r.nextInt(count)] += 1;
        }
        return parts;
    }

    private static int openTask(SplittableRandom r, Project p) {
        int open = 0;
        for (boolean closed : p.taskClosed) {
            if (!closed) {
                open++;
            }
        }
        if (open == 0) {
            return r.nextInt(p.taskCount());
        }
        int k = r.nextInt(open);
        for (int t = 0; t < p.taskCount(); t++) {
            if (!p.taskClosed[t] && k-- == 0) {
                return t;
            }
        }
        return 0;
    }

    private static int closedTask(SplittableRandom r, Project p) {
        int closed = 0;
        for (boolean c : p.taskClosed) {
            if (c) {
                closed++;
            }
        }
        int k = r.nextInt(closed);
        for (int t = 0; t < p.taskCount(); t++) {
            if (p.taskClosed[t] && k-- == 0) {
                return t;
            }
        }
        return 0;
    }
}
