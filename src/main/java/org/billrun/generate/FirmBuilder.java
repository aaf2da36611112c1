package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;
import static org.billrun.generate.Rng.weighted;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.billrun.generate.Firm.BillingModel;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Contract;
import org.billrun.generate.Firm.Entity;
import org.billrun.generate.Firm.Milestone;
import org.billrun.generate.Firm.Project;
import org.billrun.generate.Firm.RateLevel;
import org.billrun.generate.Firm.RateRow;
import org.billrun.generate.Firm.Role;
import org.billrun.generate.Rng.Section;

/** Builds the firm's master data for a request. */
final class FirmBuilder {

    private static final String[] EU_COUNTRIES = {"FR", "NL", "BE", "AT", "IT", "ES", "IE", "PL", "SE", "DK", "FI", "LU"};

    private enum Region { DOMESTIC, EU, UK, US, SWISS, CONSUMER }

    private final GenerationRequest request;
    private final Firm f;
    private final long seed;
    private final YearMonth period;

    /** Active partners and senior consultants per entity (project managers, approvers). */
    private List<List<Integer>> leadsByEntity;
    private int[] managingPartner;

    FirmBuilder(GenerationRequest request) {
        this.request = request;
        this.f = new Firm(request);
        this.seed = request.seed();
        this.period = request.period();
    }

    Firm build() {
        entities();
        consultants();
        clients();
        contracts();
        projects();
        assignments();
        rates();
        commercialTerms();
        defectTargets();
        return f;
    }

    private SplittableRandom rng(Section section) {
        return Rng.stream(seed, section, 0);
    }

    // ---------------------------------------------------------------- entities

    private void entities() {
        SplittableRandom r = rng(Section.FIRM);
        String[] brand = pick(r, Vocabulary.BRANDS);
        f.brand = brand[0];
        f.brandCode = brand[1];
        f.domain = brand[2];
        f.entities.add(new Entity(0, "DE01", f.brand + " Consulting GmbH", "DE", "EUR", "DE" + digits(r, 9),
                address(r, "DE"), f.brandCode + "DE"));
        f.entities.add(new Entity(1, "GB01", f.brand + " Consulting Ltd", "GB", "GBP", "GB" + digits(r, 9),
                address(r, "GB"), f.brandCode + "UK"));
        f.entities.add(new Entity(2, "US01", f.brand + " Consulting Inc.", "US", "USD",
                "EIN " + digits(r, 2) + "-" + digits(r, 7), address(r, "US"), f.brandCode + "US"));
        if (request.consultants() >= 500) {
            f.entities.add(new Entity(3, "NL01", f.brand + " Consulting B.V.", "NL", "EUR",
                    "NL" + digits(r, 9) + "B01", address(r, "NL"), f.brandCode + "NL"));
        }
    }

    // ---------------------------------------------------------------- consultants

    private void consultants() {
        SplittableRandom r = rng(Section.CONSULTANTS);
        int n = f.consultantCount;
        int partners = (int) Math.max(1, Math.round(n * 0.05));
        int seniors = (int) Math.min(n - partners, Math.round(n * 0.25));
        int analysts = (int) Math.min(n - partners - seniors, Math.round(n * 0.25));
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
        // consultant 0 is the firm's senior partner, always active
        for (int i = 0; i < n; i++) {
            if (pool[i] == Role.PARTNER) {
                pool[i] = pool[0];
                pool[0] = Role.PARTNER;
                break;
            }
        }
        f.role = pool;
        f.homeEntity = new int[n];
        f.left = new boolean[n];
        f.standardQuarters = new int[n];
        f.standardHoursBlank = new boolean[n];
        f.manager = new int[n];
        int[] entityWeights = f.entities.size() == 4 ? new int[] {35, 20, 30, 15} : new int[] {45, 25, 30};
        for (int c = 0; c < n; c++) {
            f.homeEntity[c] = c == 0 ? 0 : weighted(r, entityWeights);
            f.left[c] = c > 0 && n >= 10 && pool[c] != Role.PARTNER && chance(r, 0.02);
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
        leadsByEntity = new ArrayList<>();
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
        managingPartner = new int[entities];
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
    }

    // ---------------------------------------------------------------- clients

    private void clients() {
        SplittableRandom r = rng(Section.CLIENTS);
        int count = Math.max(10, f.consultantCount / 10);
        int width = Math.max(4, Fmt.digits(count));
        int[] shares = {30, 25, 15, 20, 5, 5};
        int[] counts = new int[shares.length];
        int assigned = 0;
        for (int i = 1; i < shares.length; i++) {
            counts[i] = Math.max(1, count * shares[i] / 100);
            assigned += counts[i];
        }
        counts[0] = count - assigned;
        int[] regions = new int[count];
        for (int i = 0, pos = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                regions[pos++] = i;
            }
        }
        Rng.shuffle(r, regions);
        boolean withNl = f.entities.size() == 4;
        for (int i = 0; i < count; i++) {
            Client cl = new Client();
            cl.index = i;
            cl.id = "C-" + Fmt.pad(i + 1L, width);
            Region region = Region.values()[regions[i]];
            String stem = pick(r, Vocabulary.CLIENT_STEMS);
            cl.business = region != Region.CONSUMER;
            switch (region) {
                case DOMESTIC -> {
                    cl.country = "DE";
                    cl.currency = "EUR";
                    cl.taxId = chance(r, 0.9) ? "DE" + digits(r, 9) : null;
                    cl.defaultEntity = 0;
                }
                case EU -> {
                    cl.country = pick(r, EU_COUNTRIES);
                    cl.currency = "EUR";
                    cl.taxId = chance(r, 0.95) ? euVatId(r, cl.country) : null;
                    cl.defaultEntity = withNl && (cl.country.equals("NL") || chance(r, 0.25)) ? 3 : 0;
                }
                case UK -> {
                    cl.country = "GB";
                    cl.currency = "GBP";
                    cl.taxId = chance(r, 0.95) ? "GB" + digits(r, 9) : null;
                    cl.defaultEntity = 1;
                }
                case US -> {
                    cl.country = "US";
                    cl.currency = "USD";
                    cl.taxId = chance(r, 0.7) ? digits(r, 2) + "-" + digits(r, 7) : null;
                    cl.defaultEntity = 2;
                }
                case SWISS -> {
                    cl.country = "CH";
                    cl.currency = chance(r, 0.7) ? "CHF" : "EUR";
                    cl.taxId = chance(r, 0.9)
                            ? "CHE-" + digits(r, 3) + "." + digits(r, 3) + "." + digits(r, 3) + " MWST" : null;
                    cl.defaultEntity = 0;
                }
                case CONSUMER -> {
                    cl.country = chance(r, 0.7) ? "DE" : "AT";
                    cl.currency = "EUR";
                    cl.taxId = null;
                    cl.defaultEntity = 0;
                }
            }
            if (region == Region.CONSUMER) {
                cl.name = pick(r, new String[] {"Dr. ", "", "", "Prof. "}) + pick(r, Vocabulary.DE_FIRST) + " "
                        + pick(r, Vocabulary.DE_LAST);
            } else {
                String form = pick(r, Vocabulary.legalForms(cl.country));
                double style = r.nextDouble();
                if (style < 0.03) {
                    cl.name = stem + ", " + pick(r, Vocabulary.CLIENT_STEMS) + " & Partners " + form;
                } else if (style < 0.05) {
                    cl.name = "\"" + stem + "\" " + pick(r, Vocabulary.SECTORS) + " " + form;
                } else {
                    cl.name = stem + " " + pick(r, Vocabulary.SECTORS) + " " + form;
                }
            }
            cl.address = address(r, cl.country);
            if (chance(r, 0.05)) {
                cl.address = (cl.business ? "Accounts Payable, " : "") + cl.address;
                cl.address = cl.address.replace(", ", "\n");
            }
            cl.paymentTermsDays = pick(r, new int[] {14, 30, 30, 30, 45, 60, 90});
            cl.presentation = chance(r, 0.7) ? "summary_by_role" : "detail_by_consultant";
            double annex = r.nextDouble();
            cl.timeAnnex = annex < 0.25 ? "true" : annex < 0.85 ? "false" : "";
            if (chance(r, 0.85)) {
                String slug = slug(region == Region.CONSUMER ? cl.name : stem);
                if (slug.isEmpty()) {
                    slug = "client" + (i + 1);
                }
                cl.email = region == Region.CONSUMER ? slug + "@mail.example"
                        : pick(r, new String[] {"ap@", "invoices@", "accounts.payable@"}) + slug + ".example";
            }
            f.clients.add(cl);
        }
        for (Entity e : f.entities) {
            Client cl = new Client();
            cl.index = f.clients.size();
            cl.id = "C-INT-" + e.id();
            cl.name = e.name() + " (internal)";
            cl.country = e.country();
            cl.currency = e.currency();
            cl.business = true;
            cl.taxId = e.vatId();
            cl.address = e.address();
            cl.paymentTermsDays = 0;
            cl.presentation = "summary_by_role";
            cl.timeAnnex = "false";
            cl.defaultEntity = e.index();
            cl.internal = true;
            f.clients.add(cl);
        }
    }

    // ---------------------------------------------------------------- contracts

    private void contracts() {
        SplittableRandom r = rng(Section.CONTRACTS);
        List<int[]> plan = new ArrayList<>(); // client, number within client, model
        int[] modelCount = new int[BillingModel.values().length];
        for (Client cl : f.clients) {
            if (cl.internal) {
                continue;
            }
            int count = weighted(r, new int[] {50, 35, 15}) + 1;
            for (int j = 0; j < count; j++) {
                int model = weighted(r, new int[] {58, 15, 12, 15});
                plan.add(new int[] {cl.index, j, model});
                modelCount[model]++;
            }
        }
        // every billing model occurs, however small the firm
        for (int m = 0; m < modelCount.length; m++) {
            if (modelCount[m] > 0) {
                continue;
            }
            for (int i = plan.size() - 1; i >= 0; i--) {
                int other = plan.get(i)[2];
                if (modelCount[other] > 1) {
                    modelCount[other]--;
                    plan.get(i)[2] = m;
                    modelCount[m]++;
                    break;
                }
            }
        }
        YearMonth ym = period;
        for (int[] p : plan) {
            Client cl = f.clients.get(p[0]);
            Contract k = new Contract();
            k.index = f.contracts.size();
            k.client = cl.index;
            k.key = cl.id.substring(2) + "-" + (p[1] + 1);
            k.id = "K-" + k.key;
            k.model = BillingModel.values()[p[2]];
            k.entity = cl.defaultEntity;
            k.currency = cl.currency;
            if (chance(r, 0.08)) {
                int other = r.nextInt(f.entities.size() - 1);
                k.entity = other >= cl.defaultEntity ? other + 1 : other;
                if (chance(r, 0.5)) {
                    k.currency = f.entities.get(k.entity).currency();
                }
            }
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
                case FIXED_FEE -> {
                    k.start = ym.minusMonths(between(r, 0, 9)).atDay(1);
                    k.end = YearMonth.from(k.start).plusMonths(between(r, 6, 15) - 1L).atEndOfMonth();
                    if (k.end.isBefore(f.periodEnd)) {
                        k.end = ym.plusMonths(between(r, 1, 3)).atEndOfMonth();
                    }
                }
                case RETAINER -> {
                    k.start = ym.minusMonths(between(r, 2, 24)).atDay(1);
                    k.end = chance(r, 0.5) ? null : ym.plusMonths(between(r, 2, 14)).atEndOfMonth();
                }
                case NOT_TO_EXCEED -> {
                    k.start = ym.minusMonths(between(r, 1, 5)).atDay(1);
                    k.end = YearMonth.from(k.start).plusMonths(between(r, 6, 12) - 1L).atEndOfMonth();
                    if (k.end.isBefore(f.periodEnd)) {
                        k.end = ym.plusMonths(between(r, 1, 3)).atEndOfMonth();
                    }
                }
            }
            if (chance(r, 0.55)) {
                k.poNumber = chance(r, 0.7) ? "PO-" + between(r, 1000, 9_999_999) : "45" + digits(r, 8);
            }
            if (chance(r, 0.6)) {
                k.markupPct = pick(r, new String[] {"0", "5", "10", "10", "12.5", "15"});
            }
            f.contracts.add(k);
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
            k.start = LocalDate.of(period.getYear() - 5, 1, 1);
            k.internal = true;
            f.contracts.add(k);
        }
    }

    // ---------------------------------------------------------------- projects and tasks

    private void projects() {
        SplittableRandom r = rng(Section.PROJECTS);
        f.internalProject = new int[f.entities.size()];
        for (Contract k : f.contracts) {
            k.firstProject = f.projects.size();
            if (k.internal) {
                Project p = new Project();
                p.index = f.projects.size();
                p.key = k.key;
                p.id = "P-" + p.key;
                p.contract = k.index;
                p.client = k.client;
                p.name = "Internal time " + f.entities.get(k.entity).id();
                p.manager = managingPartner[k.entity];
                p.billable = false;
                int t = Vocabulary.INTERNAL_TASKS.length;
                p.taskNames = Vocabulary.INTERNAL_TASKS.clone();
                p.taskClosed = new boolean[t];
                p.taskBillable = new boolean[t];
                f.internalProject[k.entity] = p.index;
                f.projects.add(p);
                k.projectCount = 1;
                continue;
            }
            int count = weighted(r, new int[] {45, 35, 20}) + 1;
            boolean anyOpen = false;
            for (int j = 0; j < count; j++) {
                Project p = new Project();
                p.index = f.projects.size();
                p.key = k.key + "-" + (j + 1);
                p.id = "P-" + p.key;
                p.contract = k.index;
                p.client = k.client;
                p.name = pick(r, Vocabulary.PROJECT_TYPES) + (chance(r, 0.2) ? pick(r, Vocabulary.PROJECT_SUFFIXES) : "");
                p.closed = k.expired || chance(r, 0.07);
                if (!k.expired && j == count - 1 && !anyOpen) {
                    p.closed = false;
                }
                anyOpen |= !p.closed;
                List<Integer> leads = leadsByEntity.get(k.entity);
                if (!leads.isEmpty()) {
                    p.manager = pick(r, leads);
                } else {
                    p.manager = managingPartner[0];
                }
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
                f.projects.add(p);
            }
            k.projectCount = count;
        }
        // the defects need a closed project and a closed task on an open project, however small the firm
        boolean closedProject = false;
        boolean closedTask = false;
        for (Project p : f.projects) {
            closedProject |= p.billable && p.closed;
            closedTask |= p.billable && !p.closed && hasClosedTask(p);
        }
        if (!closedProject) {
            Project target = null;
            for (Project p : f.projects) {
                if (p.billable && !p.closed && otherOpenProject(p)) {
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

    private static boolean hasClosedTask(Project p) {
        for (boolean closed : p.taskClosed) {
            if (closed) {
                return true;
            }
        }
        return false;
    }

    private boolean otherOpenProject(Project p) {
        Contract k = f.contracts.get(p.contract);
        for (int i = k.firstProject; i < k.firstProject + k.projectCount; i++) {
            if (i != p.index && !f.projects.get(i).closed) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- staffing

    private void assignments() {
        SplittableRandom r = rng(Section.ASSIGNMENTS);
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
        int[][] slots = {{0, 0, 40, 60}, {0, 30, 50, 20}, {0, 45, 40, 15}, {0, 60, 40, 0}};
        for (int c = 0; c < n; c++) {
            if (f.left[c] || open.isEmpty()) {
                f.assignments[c] = new int[0];
                f.assignmentWeights[c] = new int[0];
                continue;
            }
            int want = weighted(r, slots[f.role[c].ordinal()]);
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
            int[] weights = new int[have];
            if (have == 1) {
                weights[0] = 1000;
            } else {
                weights[0] = 600;
                for (int i = 1; i < have; i++) {
                    weights[i] = 400 / (have - 1);
                }
                weights[have - 1] += 400 - 400 / (have - 1) * (have - 1);
            }
            f.assignmentWeights[c] = weights;
        }
        // invert: per contract the staffed consultants and their share
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

    // ---------------------------------------------------------------- rate cards

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void rates() {
        SplittableRandom r = rng(Section.RATES);
        int year = period.getYear();
        LocalDate lastYearStart = LocalDate.of(year - 1, 1, 1);
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        int level = between(r, 950, 1050);
        int roles = Role.values().length;
        f.firmRatesByRoleAndCurrency = new List[roles][Firm.CURRENCIES.length];
        long[][] current = new long[roles][Firm.CURRENCIES.length];
        for (Role role : Role.values()) {
            for (int cur = 0; cur < Firm.CURRENCIES.length; cur++) {
                long now = Fmt.roundCents(role.baseRateEurCents * level / 1000 * Firm.PER_MILLE_OF_EUR[cur] / 1000, 500);
                long before = Fmt.roundCents(now * 960 / 1000, 500);
                current[role.ordinal()][cur] = now;
                RateRow old = new RateRow("RC-FIRM", RateLevel.FIRM, null, role, Firm.CURRENCIES[cur],
                        Fmt.cents(before), lastYearStart, yearStart.minusDays(1));
                RateRow neu = new RateRow("RC-FIRM", RateLevel.FIRM, null, role, Firm.CURRENCIES[cur],
                        Fmt.cents(now), yearStart, null);
                f.firmRates.add(old);
                f.firmRates.add(neu);
                f.firmRatesByRoleAndCurrency[role.ordinal()][cur] = List.of(neu, old);
            }
        }
        for (Client cl : f.clients) {
            if (cl.internal || !chance(r, 0.25)) {
                continue;
            }
            String card = "RC-" + cl.id;
            int cur = Firm.currencyIndex(cl.currency);
            int discount = between(r, 880, 970);
            LocalDate change = chance(r, 0.3) ? period.minusMonths(between(r, 0, 5)).atDay(1) : null;
            List<RateRow> rows = new ArrayList<>();
            for (Role role : pickRoles(r, 0.7)) {
                long rate = Fmt.roundCents(current[role.ordinal()][cur] * discount / 1000, 100);
                if (change != null) {
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency,
                            Fmt.cents(Fmt.roundCents(rate * 960 / 1000, 100)), lastYearStart, change.minusDays(1)));
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency, Fmt.cents(rate), change, null));
                } else {
                    rows.add(new RateRow(card, RateLevel.CLIENT, cl.id, role, cl.currency, Fmt.cents(rate),
                            lastYearStart, null));
                }
            }
            cl.card = rows;
        }
        for (Contract k : f.contracts) {
            if (k.internal || !chance(r, 0.35)) {
                continue;
            }
            k.rateCardId = "RC-" + k.id;
            int cur = Firm.currencyIndex(k.currency);
            int factor = between(r, 850, 1050);
            List<RateRow> rows = new ArrayList<>();
            for (Role role : pickRoles(r, 0.75)) {
                long rate = Fmt.roundCents(current[role.ordinal()][cur] * factor / 1000, 100);
                rows.add(new RateRow(k.rateCardId, RateLevel.CONTRACT, k.id, role, k.currency, Fmt.cents(rate),
                        k.start, k.end));
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
            for (int cur = 0; cur < Firm.CURRENCIES.length; cur++) {
                long rate = Fmt.roundCents(current[f.role[c].ordinal()][cur] * premium / 1000, 500);
                rows.add(new RateRow("RC-" + id, RateLevel.CONSULTANT, id, null, Firm.CURRENCIES[cur],
                        Fmt.cents(rate), yearStart, null));
            }
            f.consultantRates[c] = rows;
        }
    }

    private static List<Role> pickRoles(SplittableRandom r, double p) {
        List<Role> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (chance(r, p)) {
                roles.add(role);
            }
        }
        if (roles.isEmpty()) {
            roles.add(Role.values()[r.nextInt(Role.values().length)]);
        }
        return roles;
    }

    // ---------------------------------------------------------------- caps, retainers, fixed fees

    private void commercialTerms() {
        int days = 21;
        for (Contract k : f.contracts) {
            if (k.internal) {
                continue;
            }
            SplittableRandom r = Rng.stream(seed, Section.MILESTONES, k.index);
            BigDecimal monthly = History.expectedMonthly(f, k, days);
            switch (k.model) {
                case RETAINER -> {
                    BigDecimal amount = roundTo(scale(monthly, between(r, 800, 1100)), 500, RoundingMode.HALF_UP);
                    k.retainer = amount.max(new BigDecimal("2000.00"));
                }
                case NOT_TO_EXCEED -> {
                    BigDecimal billed = BigDecimal.ZERO.setScale(2);
                    for (History.Month m : History.compute(f, k)) {
                        billed = billed.add(m.totalValue());
                    }
                    long remaining = ChronoUnit.MONTHS.between(period, YearMonth.from(k.end)) + 1;
                    if (chance(r, 0.25)) { // tight: the cap is reached this period
                        k.cap = roundTo(billed.add(scale(monthly, between(r, 500, 900))), 100, RoundingMode.CEILING);
                    } else {
                        BigDecimal planned = billed.add(monthly.multiply(BigDecimal.valueOf(remaining)));
                        k.cap = roundTo(scale(planned, between(r, 1050, 1300)), 1000, RoundingMode.CEILING);
                    }
                    k.cap = k.cap.max(new BigDecimal("1000.00"));
                }
                case FIXED_FEE -> milestones(r, k, monthly);
                default -> { }
            }
        }
    }

    private void milestones(SplittableRandom r, Contract k, BigDecimal monthly) {
        YearMonth first = YearMonth.from(k.start);
        int duration = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(k.end)) + 1;
        BigDecimal fee = roundTo(scale(monthly.multiply(BigDecimal.valueOf(duration)), between(r, 900, 1200)), 1000,
                RoundingMode.HALF_UP).max(new BigDecimal("10000.00"));
        int count = Math.min(duration, between(r, 2, 5));
        int[] weights = new int[count];
        int sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = between(r, 1, 4);
            sum += weights[i];
        }
        List<Milestone> list = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < count; i++) {
            BigDecimal amount = i == count - 1 ? fee.subtract(allocated)
                    : roundTo(fee.multiply(BigDecimal.valueOf(weights[i])).divide(BigDecimal.valueOf(sum), 2,
                    RoundingMode.HALF_UP), 100, RoundingMode.HALF_UP);
            allocated = allocated.add(amount);
            YearMonth dueMonth = first.plusMonths((long) Math.ceil((i + 1) * (double) duration / count) - 1);
            LocalDate due = dueMonth.atEndOfMonth();
            if (due.isAfter(k.end)) {
                due = k.end;
            }
            String text = i == count - 1 ? Vocabulary.MILESTONES[Vocabulary.MILESTONES.length - 1]
                    : Vocabulary.MILESTONES[i % (Vocabulary.MILESTONES.length - 1)];
            String description = "Milestone " + (i + 1) + ": " + text;
            String status;
            LocalDate acceptedOn = null;
            boolean billable = false;
            if (dueMonth.isBefore(period)) {
                status = "billed";
                acceptedOn = due.minusDays(between(r, 0, 9));
            } else if (dueMonth.equals(period) && chance(r, 0.8)) {
                status = "accepted";
                acceptedOn = due.minusDays(between(r, 0, 9));
                if (acceptedOn.isBefore(f.periodStart)) {
                    acceptedOn = f.periodStart;
                }
                billable = true;
            } else {
                status = "planned";
            }
            String ref = null;
            if (acceptedOn != null) {
                ref = chance(r, 0.5) ? "Signed acceptance certificate ACC-" + k.key + "-" + (i + 1)
                        : "E-mail from client project lead, " + acceptedOn;
            }
            list.add(new Milestone("M-" + k.key + "-" + (i + 1), description, amount, due, status, acceptedOn, ref,
                    billable));
        }
        k.milestones = list;
    }

    private static BigDecimal scale(BigDecimal amount, int perMille) {
        return amount.multiply(BigDecimal.valueOf(perMille)).divide(BigDecimal.valueOf(1000), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal roundTo(BigDecimal amount, int unit, RoundingMode mode) {
        BigDecimal u = BigDecimal.valueOf(unit);
        return amount.divide(u, 0, mode).multiply(u).setScale(2);
    }

    // ---------------------------------------------------------------- defect targets

    private void defectTargets() {
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

    // ---------------------------------------------------------------- helpers

    private static String digits(SplittableRandom r, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = (char) ('0' + (i == 0 ? 1 + r.nextInt(9) : r.nextInt(10)));
        }
        return new String(out);
    }

    private static String address(SplittableRandom r, String country) {
        return pick(r, Vocabulary.addresses(country)).replace("#", Integer.toString(between(r, 1, 220)));
    }

    private static String euVatId(SplittableRandom r, String country) {
        return switch (country) {
            case "FR" -> "FR" + digits(r, 11);
            case "NL" -> "NL" + digits(r, 9) + "B01";
            case "BE" -> "BE0" + digits(r, 9);
            case "AT" -> "ATU" + digits(r, 8);
            case "IT" -> "IT" + digits(r, 11);
            case "ES" -> "ESB" + digits(r, 8);
            case "IE" -> "IE" + digits(r, 7) + "W";
            case "PL" -> "PL" + digits(r, 10);
            case "SE" -> "SE" + digits(r, 10) + "01";
            case "DK" -> "DK" + digits(r, 8);
            case "FI" -> "FI" + digits(r, 8);
            case "LU" -> "LU" + digits(r, 8);
            default -> country + digits(r, 9);
        };
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.+|\\.+$", "");
    }
}
