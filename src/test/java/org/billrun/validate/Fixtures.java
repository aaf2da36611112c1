package org.billrun.validate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.ExpensePolicy;
import org.billrun.billing.FxTable;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.billing.Project;
import org.billrun.billing.RateBook;
import org.billrun.billing.RateLevel;
import org.billrun.billing.RateRow;
import org.billrun.billing.RecordKind;
import org.billrun.billing.RecordRef;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.billing.Task;
import org.billrun.billing.TimeEntry;
import org.billrun.policy.ValidationPolicy;

/**
 * Master data and period records modelled on the Northwind sample firm (sample-data/northwind), for
 * plain-Java tests of the rules: builders with realistic defaults, so each test states only what
 * matters to it.
 */
public final class Fixtures {

    private Fixtures() {}

    public static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    /** The Northwind README's cutoff for 2026-10, and what the default policy computes. */
    public static final Instant CUTOFF = Instant.parse("2026-11-03T18:00:00Z");

    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    public static LocalDate oct(int day) {
        return LocalDate.of(2026, 10, day);
    }

    public static RecordRef ref(RecordKind kind, long rowId, String key, String file, int line) {
        return new RecordRef(kind, rowId, key, file, line);
    }

    // ---------------------------------------------------------------- master data

    public static Consultant consultant(String id, String name, String role, String entity, String manager, String hoursPerDay) {
        return new Consultant(ref(RecordKind.CONSULTANT, 1000 + Math.abs(id.hashCode() % 1000), id, "consultants.csv", 2), id, name,
                role, entity, manager, true, hoursPerDay == null ? null : dec(hoursPerDay));
    }

    public static List<Consultant> consultants() {
        return List.of(
                consultant("E-002", "Friedrich Hoffmann", "partner", "DE01", null, "8"),
                consultant("E-004", "Maximilian Bauer", "senior_consultant", "DE01", "E-002", "8"),
                consultant("E-006", "王芳", "consultant", "DE01", "E-009", "8"),
                consultant("E-007", "Jonas Weißmüller", "consultant", "DE01", "E-004", "8"),
                consultant("E-009", "Zoë Ångström", "senior_consultant", "DE01", "E-002", "8"),
                consultant("E-010", "Sofie de Vries", "consultant", "DE01", "E-009", "8"),
                consultant("E-101", "Eleanor Whitcombe", "partner", "GB01", null, "7.5"),
                consultant("E-102", "Rajesh Venkataraman", "senior_consultant", "GB01", "E-101", "7.5"),
                consultant("E-103", "Siobhán O'Sullivan", "senior_consultant", "GB01", "E-101", "7.5"),
                consultant("E-104", "Oliver Pemberton", "consultant", "GB01", "E-103", "7.5"),
                consultant("E-109", "Hamish Drummond", "consultant", "GB01", "E-103", "7.5"),
                consultant("E-202", "Daniel Okafor", "senior_consultant", "US01", "E-201", "8"),
                consultant("E-206", "Margaret \"Peggy\" Alvarez", "consultant", "US01", "E-202", "8"),
                consultant("E-210", "Nguyễn Thị Hương", "data_scientist", "US01", "E-202", null));
    }

    public static List<Client> clients() {
        return List.of(
                new Client("C-ACME", "Acme Industrie SARL", "FR", "EUR", true, "FR40123456789"),
                new Client("C-BAUER", "Bauer Maschinenbau AG", "DE", "EUR", true, "DE123456789"),
                new Client("C-WISLA", "Wisła Logistyka sp. z o.o.", "PL", "EUR", true, "PL5260001234"),
                new Client("C-ALPEN", "Alpenblick Versicherungen AG", "CH", "CHF", true, "CHE-123.456.789"),
                new Client("C-HARBOUR", "Harbour & Finch Ltd", "GB", "GBP", true, "GB123456789"),
                new Client("C-KESTREL", "Kestrel Retail plc", "GB", "GBP", true, "GB223456789"),
                new Client("C-HUDSON", "Hudson River Capital LLC", "US", "USD", true, null),
                new Client("C-CASCADE", "Cascade Biotech Inc.", "US", "USD", true, null),
                new Client("C-LONESTAR", "Lone Star Energy Partners LP", "US", "USD", true, null),
                new Client("C-NORTHWIND", "Northwind Consulting (internal)", "DE", "EUR", true, null));
    }

    public static Contract contract(String id, String client, String entity, BillingModel model, String currency, LocalDate start,
            LocalDate end, String cap, String retainer, String rateCard, int line) {
        return new Contract(ref(RecordKind.CONTRACT, 200 + line, id, "contracts.csv", line), id, client, entity, model, currency, start,
                end, null, null, cap == null ? null : dec(cap), retainer == null ? null : dec(retainer), rateCard);
    }

    public static List<Contract> contracts() {
        return List.of(
                contract("K-ACME-1", "C-ACME", "DE01", BillingModel.TIME_AND_MATERIALS, "EUR", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, null, "RC-ACME", 2),
                contract("K-BAUER-1", "C-BAUER", "DE01", BillingModel.RETAINER, "EUR", LocalDate.of(2026, 1, 1), null, null, "25000.00", null, 4),
                contract("K-BAUER-2", "C-BAUER", "DE01", BillingModel.TIME_AND_MATERIALS, "EUR", LocalDate.of(2026, 3, 1), oct(15), null, null, null, 5),
                contract("K-ALPEN-1", "C-ALPEN", "DE01", BillingModel.TIME_AND_MATERIALS, "CHF", LocalDate.of(2026, 3, 1), null, null, null, null, 6),
                contract("K-WISLA-1", "C-WISLA", "DE01", BillingModel.TIME_AND_MATERIALS, "EUR", oct(5), null, null, null, null, 7),
                contract("K-HARBOUR-1", "C-HARBOUR", "GB01", BillingModel.TIME_AND_MATERIALS, "GBP", LocalDate.of(2025, 11, 1), null, null, null, null, 9),
                contract("K-KESTREL-1", "C-KESTREL", "GB01", BillingModel.NOT_TO_EXCEED, "GBP", oct(1), LocalDate.of(2027, 1, 31), "65000.00", null, "RC-KESTREL", 10),
                contract("K-HUDSON-1", "C-HUDSON", "US01", BillingModel.TIME_AND_MATERIALS, "USD", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 12, 31), null, null, "RC-HUDSON", 12),
                contract("K-CASCADE-1", "C-CASCADE", "US01", BillingModel.FIXED_FEE, "USD", LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31), null, null, null, 13),
                contract("K-LONESTAR-1", "C-LONESTAR", "US01", BillingModel.NOT_TO_EXCEED, "USD", LocalDate.of(2026, 1, 1), null, "650000.00", null, null, 14),
                contract("K-INT-DE01", "C-NORTHWIND", "DE01", BillingModel.TIME_AND_MATERIALS, "EUR", LocalDate.of(2020, 1, 1), null, null, null, null, 15));
    }

    public static Project project(String id, String contract, String client, String name, boolean open, String manager, boolean billable,
            int line) {
        return new Project(ref(RecordKind.PROJECT, 300 + line, id, "projects.csv", line), id, contract, client, name, open, manager, billable);
    }

    public static List<Project> projects() {
        return List.of(
                project("P-ACME-ERP", "K-ACME-1", "C-ACME", "ERP finance process redesign", true, "E-009", true, 2),
                project("P-ACME-PMO", "K-ACME-1", "C-ACME", "PMO support (phase 1, completed)", false, "E-009", true, 3),
                project("P-BAUER-MIGR", "K-BAUER-2", "C-BAUER", "SAP S/4HANA data migration", true, "E-004", true, 6),
                project("P-ALPEN-RISK", "K-ALPEN-1", "C-ALPEN", "Solvency II internal model review", true, "E-003", true, 7),
                project("P-WISLA-LOG", "K-WISLA-1", "C-WISLA", "Distribution network optimisation", true, "E-002", true, 8),
                project("P-HARBOUR-DATA", "K-HARBOUR-1", "C-HARBOUR", "Data platform strategy", true, "E-102", true, 10),
                project("P-HARBOUR-GOV", "K-HARBOUR-1", "C-KESTREL", "Data governance framework", true, "E-103", true, 11),
                project("P-KESTREL-POS", "K-KESTREL-1", "C-KESTREL", "Point-of-sale replacement programme", true, "E-103", true, 12),
                project("P-HUDSON-DD", "K-HUDSON-1", "C-HUDSON", "Commercial due diligence (Project Osprey)", true, "E-202", true, 14),
                project("P-CASCADE-VAL", "K-CASCADE-1", "C-CASCADE", "Computer system validation for FDA submission", true, "E-203", true, 15),
                project("P-LONESTAR-PMO", "K-LONESTAR-1", "C-LONESTAR", "Capital programme PMO", true, "E-203", true, 16),
                project("P-INT-DE", "K-INT-DE01", "C-NORTHWIND", "Internal: training, administration and business development (DE)", true, "E-001", false, 17));
    }

    public static List<Task> tasks() {
        return List.of(
                new Task("TK-ACME-ERP-1", "P-ACME-ERP", "Current-state process analysis", true, true),
                new Task("TK-ACME-ERP-2", "P-ACME-ERP", "Solution design workshops", true, true),
                new Task("TK-ACME-ERP-4", "P-ACME-ERP", "Travel time (non-billable)", true, false),
                new Task("TK-ACME-PMO-1", "P-ACME-PMO", "Weekly PMO reporting", false, true),
                new Task("TK-HARBOUR-GOV-1", "P-HARBOUR-GOV", "Governance framework design", true, true),
                new Task("TK-KESTREL-POS-3", "P-KESTREL-POS", "Testing and cutover", true, true),
                new Task("TK-HUDSON-DD-2", "P-HUDSON-DD", "Management interviews", true, true),
                new Task("TK-LONESTAR-PMO-1", "P-LONESTAR-PMO", "Mobilisation", false, true),
                new Task("TK-LONESTAR-PMO-2", "P-LONESTAR-PMO", "Schedule and cost control", true, true),
                new Task("TK-WISLA-LOG-1", "P-WISLA-LOG", "Network model", true, true),
                new Task("TK-BAUER-MIGR-2", "P-BAUER-MIGR", "Data cleansing", true, true),
                new Task("TK-INT-DE-1", "P-INT-DE", "Training", true, false));
    }

    /** Northwind's rate_cards.csv as it ships: firm, client, contract and consultant levels. */
    private static final String RATE_CARDS = """
            R-0002,RC-FIRM-EUR,firm,,partner,EUR,320.00,2026-01-01,
            R-0003,RC-FIRM-EUR,firm,,senior_consultant,EUR,200.00,2025-01-01,2025-12-31
            R-0004,RC-FIRM-EUR,firm,,senior_consultant,EUR,210.00,2026-01-01,2026-10-15
            R-0005,RC-FIRM-EUR,firm,,senior_consultant,EUR,220.00,2026-10-16,
            R-0007,RC-FIRM-EUR,firm,,consultant,EUR,165.00,2026-01-01,
            R-0009,RC-FIRM-EUR,firm,,analyst,EUR,115.00,2026-01-01,
            R-0011,RC-FIRM-GBP,firm,,partner,GBP,280.00,2026-01-01,
            R-0013,RC-FIRM-GBP,firm,,senior_consultant,GBP,185.00,2026-01-01,
            R-0015,RC-FIRM-GBP,firm,,consultant,GBP,140.00,2026-01-01,
            R-0017,RC-FIRM-GBP,firm,,analyst,GBP,95.00,2026-01-01,
            R-0019,RC-FIRM-USD,firm,,partner,USD,350.00,2026-01-01,
            R-0021,RC-FIRM-USD,firm,,senior_consultant,USD,240.00,2026-01-01,
            R-0023,RC-FIRM-USD,firm,,consultant,USD,185.00,2026-01-01,
            R-0025,RC-FIRM-USD,firm,,analyst,USD,125.00,2026-01-01,
            R-0026,RC-ALPEN,client,C-ALPEN,partner,CHF,340.00,2026-03-01,
            R-0027,RC-ALPEN,client,C-ALPEN,senior_consultant,CHF,235.00,2026-03-01,
            R-0028,RC-ALPEN,client,C-ALPEN,consultant,CHF,185.00,2026-03-01,
            R-0030,RC-HARBOUR,client,C-HARBOUR,senior_consultant,GBP,175.00,2025-11-01,
            R-0031,RC-HARBOUR,client,C-HARBOUR,consultant,GBP,130.00,2025-11-01,
            R-0032,RC-HARBOUR,client,C-HARBOUR,analyst,GBP,90.00,2025-11-01,
            R-0033,RC-ACME,contract,K-ACME-1,partner,EUR,300.00,2026-01-01,
            R-0034,RC-ACME,contract,K-ACME-1,senior_consultant,EUR,185.00,2026-01-01,2026-10-15
            R-0035,RC-ACME,contract,K-ACME-1,senior_consultant,EUR,195.00,2026-10-16,
            R-0036,RC-ACME,contract,K-ACME-1,consultant,EUR,150.00,2026-01-01,
            R-0037,RC-ACME,contract,K-ACME-1,analyst,EUR,105.00,2026-01-01,
            R-0038,RC-HUDSON,contract,K-HUDSON-1,partner,USD,335.00,2026-02-01,
            R-0039,RC-HUDSON,contract,K-HUDSON-1,senior_consultant,USD,230.00,2026-02-01,
            R-0040,RC-HUDSON,contract,K-HUDSON-1,consultant,USD,175.00,2026-02-01,
            R-0042,RC-KESTREL,contract,K-KESTREL-1,partner,GBP,260.00,2026-10-01,
            R-0043,RC-KESTREL,contract,K-KESTREL-1,senior_consultant,GBP,170.00,2026-10-01,
            R-0044,RC-KESTREL,contract,K-KESTREL-1,consultant,GBP,135.00,2026-10-01,
            R-0046,RC-CONS-E-010,consultant,E-010,,EUR,160.00,2026-07-01,
            R-0047,RC-CONS-E-102,consultant,E-102,,GBP,195.00,2026-01-01,2026-06-30
            R-0048,RC-CONS-E-102,consultant,E-102,,GBP,205.00,2026-07-01,
            """;

    /** One rate_cards.csv row: "R-0005,RC-FIRM-EUR,firm,,senior_consultant,EUR,220.00,2026-10-16,". */
    public static RateRow rateRow(String csv) {
        String[] f = csv.split(",", -1);
        return new RateRow(f[0], f[1], RateLevel.parse(f[2]), f[3].isEmpty() ? null : f[3], f[4].isEmpty() ? null : f[4], f[5], dec(f[6]),
                LocalDate.parse(f[7]), f[8].isEmpty() ? null : LocalDate.parse(f[8]));
    }

    public static List<RateRow> rateRows() {
        return RATE_CARDS.lines().filter(l -> !l.isBlank()).map(Fixtures::rateRow).toList();
    }

    public static List<ExpensePolicy> expensePolicies() {
        return List.of(
                new ExpensePolicy("travel", "EUR", dec("1500.00"), dec("0.00"), true),
                new ExpensePolicy("hotel", "EUR", dec("1000.00"), dec("0.00"), true),
                new ExpensePolicy("meals", "EUR", dec("75.00"), dec("25.00"), true),
                new ExpensePolicy("taxi", "EUR", dec("150.00"), dec("20.00"), true),
                new ExpensePolicy("mileage", "EUR", dec("500.00"), null, true),
                new ExpensePolicy("software", "EUR", dec("500.00"), dec("0.00"), false));
    }

    /** Daily October fixings (2026-09-30..2026-10-31) for the pairs the tests need; deliberately no SEK. */
    public static List<FxTable.Quote> fxQuotes() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("GBP/EUR", "1.158710");
        pairs.put("EUR/GBP", "0.863029");
        pairs.put("EUR/USD", "1.103800");
        pairs.put("USD/EUR", "0.905961");
        pairs.put("GBP/USD", "1.278950");
        List<FxTable.Quote> quotes = new ArrayList<>();
        for (var pair : pairs.entrySet()) {
            String[] ccy = pair.getKey().split("/");
            for (LocalDate d = LocalDate.of(2026, 9, 30); !d.isAfter(oct(31)); d = d.plusDays(1)) {
                quotes.add(new FxTable.Quote(ccy[0], ccy[1], d, dec(pair.getValue()), false));
            }
        }
        return quotes;
    }

    public static Milestone milestone(String id, String contract, String description, String amount, String currency, String status,
            LocalDate acceptedOn, String acceptanceRef, boolean billable, int line) {
        return new Milestone(ref(RecordKind.MILESTONE, 500 + line, id, "milestones.csv", line), id, contract, description, dec(amount),
                currency, acceptedOn, status, acceptedOn, acceptanceRef, billable);
    }

    public static BillingHistory contractHistory(String contract, String period, String hours, String amount, String currency) {
        return new BillingHistory(contract, "", YearMonth.parse(period), dec(hours), dec(amount), currency);
    }

    public static BillingHistory consultantHistory(String contract, String consultant, String period, String hours, String amount,
            String currency) {
        return new BillingHistory(contract, consultant, YearMonth.parse(period), dec(hours), dec(amount), currency);
    }

    /** K-HUDSON-1, billing_history.csv lines 80–85: USD 22,259.51–26,541.90 a month. */
    public static List<BillingHistory> hudsonHistory() {
        return List.of(
                contractHistory("K-HUDSON-1", "2026-04", "127.00", "22660.99", "USD"),
                contractHistory("K-HUDSON-1", "2026-05", "148.75", "26541.90", "USD"),
                contractHistory("K-HUDSON-1", "2026-06", "124.75", "22259.51", "USD"),
                contractHistory("K-HUDSON-1", "2026-07", "132.00", "23553.15", "USD"),
                contractHistory("K-HUDSON-1", "2026-08", "139.75", "24936.01", "USD"),
                contractHistory("K-HUDSON-1", "2026-09", "136.00", "24266.88", "USD"));
    }

    /** E-109 on K-HARBOUR-1, billing_history.csv lines 74–79: 118.50–133.00 h a month. */
    public static List<BillingHistory> e109History() {
        return List.of(
                consultantHistory("K-HARBOUR-1", "E-109", "2026-04", "122.50", "15925.00", "GBP"),
                consultantHistory("K-HARBOUR-1", "E-109", "2026-05", "119.00", "15470.00", "GBP"),
                consultantHistory("K-HARBOUR-1", "E-109", "2026-06", "119.75", "15567.50", "GBP"),
                consultantHistory("K-HARBOUR-1", "E-109", "2026-07", "133.00", "17290.00", "GBP"),
                consultantHistory("K-HARBOUR-1", "E-109", "2026-08", "122.50", "15925.00", "GBP"),
                consultantHistory("K-HARBOUR-1", "E-109", "2026-09", "118.50", "15405.00", "GBP"));
    }

    /** The Northwind master data; change any part with the {@link Firm} methods before {@link Firm#master()}. */
    public static Firm firm() {
        return new Firm();
    }

    public static MasterData master() {
        return firm().master();
    }

    public static final class Firm {
        public final List<Client> clients = new ArrayList<>(clients());
        public final List<Contract> contracts = new ArrayList<>(contracts());
        public final List<Project> projects = new ArrayList<>(projects());
        public final List<Task> tasks = new ArrayList<>(tasks());
        public final List<Consultant> consultants = new ArrayList<>(consultants());
        public final List<ExpensePolicy> expensePolicies = new ArrayList<>(expensePolicies());
        public final List<Milestone> milestones = new ArrayList<>();
        public final List<BillingHistory> history = new ArrayList<>();
        public final List<RateRow> rates = new ArrayList<>(rateRows());
        public final List<FxTable.Quote> fx = new ArrayList<>(fxQuotes());
        public int fxLookbackDays = 7;

        public Firm with(Contract contract) {
            contracts.removeIf(c -> c.contractId().equals(contract.contractId()));
            contracts.add(contract);
            return this;
        }

        public Firm with(Project project) {
            projects.removeIf(p -> p.projectId().equals(project.projectId()));
            projects.add(project);
            return this;
        }

        public Firm with(Milestone... list) {
            milestones.addAll(Arrays.asList(list));
            return this;
        }

        public Firm with(BillingHistory... list) {
            history.addAll(Arrays.asList(list));
            return this;
        }

        public Firm withHistory(List<BillingHistory> list) {
            history.addAll(list);
            return this;
        }

        public MasterData master() {
            return new MasterData(MasterData.index(clients, Client::clientId), MasterData.index(contracts, Contract::contractId),
                    MasterData.index(projects, Project::projectId), MasterData.index(tasks, Task::taskId),
                    MasterData.index(consultants, Consultant::consultantId), MasterData.index(expensePolicies, ExpensePolicy::category),
                    List.copyOf(milestones), List.copyOf(history), new RateBook(rates), new FxTable(fx, fxLookbackDays));
        }
    }

    // ---------------------------------------------------------------- policy

    public static ValidationPolicy policy() {
        return ValidationPolicy.defaults();
    }

    /** The defaults with owner.finance set, built without the policy file parser. */
    public static ValidationPolicy policyWithFinanceOwner(String financeOwner) {
        return copy(policy(), financeOwner, policy().severities(), policy().disabled());
    }

    /** The defaults with rule severities and switches set directly (independent of the policy file parser). */
    public static ValidationPolicy policyWith(Map<RuleCode, Severity> severities, Set<RuleCode> disabled) {
        Map<RuleCode, Severity> s = new EnumMap<>(RuleCode.class);
        s.putAll(severities);
        Set<RuleCode> d = EnumSet.noneOf(RuleCode.class);
        d.addAll(disabled);
        return copy(policy(), policy().financeOwner(), Map.copyOf(s), Set.copyOf(d));
    }

    private static ValidationPolicy copy(ValidationPolicy p, String financeOwner, Map<RuleCode, Severity> severities, Set<RuleCode> disabled) {
        return new ValidationPolicy(p.cutoffDayOfNextMonth(), p.cutoffTime(), p.cutoffZone(), p.maxHoursPerDay(), p.fxLookbackDays(),
                p.nearDuplicateWindowDays(), p.nearDuplicateAmountTolerancePct(), p.nearDuplicateMerchantSimilarity(), p.historyMonths(),
                p.minHistoryMonths(), p.spikeMinRatio(), p.spikeMinRobustZ(), p.hoursMinRatio(), p.hoursMinRobustZ(),
                p.missingTimeToleranceHours(), p.holidaysByEntity(), financeOwner, severities, disabled, p.receiptRequiredAbove(),
                p.milestoneEvidenceRequired());
    }

    // ---------------------------------------------------------------- contexts

    /** The context of a time entry rule: October 2026 under {@code policy}, daily hours summed from {@code entries}. */
    public static TimeEntryContext timeContext(MasterData master, ValidationPolicy policy, TimeEntry... entries) {
        Map<TimeEntryContext.ConsultantDay, TimeEntryContext.DayTotal> daily = new LinkedHashMap<>();
        for (TimeEntry e : entries) {
            daily.merge(new TimeEntryContext.ConsultantDay(e.consultantId(), e.workDate()), new TimeEntryContext.DayTotal(e.hours(), 1),
                    (a, b) -> new TimeEntryContext.DayTotal(a.hours().add(b.hours()), a.entries() + b.entries()));
        }
        return new TimeEntryContext(OCTOBER, policy.cutoff(OCTOBER), policy, master, daily);
    }

    public static TimeEntryContext timeContext(TimeEntry... entries) {
        return timeContext(master(), policy(), entries);
    }

    /** The context of an expense rule: October 2026 under {@code policy}, with {@code expenses} as the period's lines in load order. */
    public static ExpenseContext expenseContext(MasterData master, ValidationPolicy policy, Expense... expenses) {
        Map<String, List<Expense>> byConsultant = Arrays.stream(expenses)
                .collect(Collectors.groupingBy(Expense::consultantId, LinkedHashMap::new, Collectors.toList()));
        return new ExpenseContext(OCTOBER, policy.cutoff(OCTOBER), policy, master, byConsultant);
    }

    public static ExpenseContext expenseContext(Expense... expenses) {
        return expenseContext(master(), policy(), expenses);
    }

    // ---------------------------------------------------------------- period records

    /** A time entry: by default E-009's approved, billable 7.5 h on P-ACME-ERP, 2026-10-12 (time_entries.csv line 500). */
    public static TimeEntryBuilder time() {
        return new TimeEntryBuilder();
    }

    public static final class TimeEntryBuilder {
        private String id = "T-000498";
        private int line = 500;
        private String consultant = "E-009";
        private String project = "P-ACME-ERP";
        private String task = "TK-ACME-ERP-1";
        private LocalDate date = oct(12);
        private BigDecimal hours = dec("7.5");
        private boolean billable = true;
        private ApprovalStatus status = ApprovalStatus.APPROVED;
        private Instant submitted = Instant.parse("2026-10-13T16:31:32Z");
        private String approvedBy = "E-002";

        public TimeEntryBuilder id(String id, int line) {
            this.id = id;
            this.line = line;
            return this;
        }

        public TimeEntryBuilder by(String consultant) {
            this.consultant = consultant;
            return this;
        }

        public TimeEntryBuilder on(String project, String task) {
            this.project = project;
            this.task = task;
            return this;
        }

        public TimeEntryBuilder date(LocalDate date) {
            this.date = date;
            return this;
        }

        public TimeEntryBuilder hours(String hours) {
            this.hours = dec(hours);
            return this;
        }

        public TimeEntryBuilder nonBillable() {
            this.billable = false;
            return this;
        }

        public TimeEntryBuilder status(ApprovalStatus status, String approvedBy) {
            this.status = status;
            this.approvedBy = approvedBy;
            return this;
        }

        public TimeEntryBuilder submitted(String instant) {
            this.submitted = instant == null ? null : Instant.parse(instant);
            return this;
        }

        public TimeEntry build() {
            return new TimeEntry(ref(RecordKind.TIME_ENTRY, line, id, "time_entries.csv", line), id, consultant, project, task, date, hours,
                    billable, status, submitted, approvedBy);
        }
    }

    /** An expense line: by default E-006's approved hotel, "Hilton Paris" EUR 624.80 on 2026-10-13 (expenses.csv line 57). */
    public static ExpenseBuilder expense() {
        return new ExpenseBuilder();
    }

    public static final class ExpenseBuilder {
        private String id = "EX-00056";
        private int line = 57;
        private String consultant = "E-006";
        private String project = "P-ACME-ERP";
        private LocalDate date = oct(13);
        private String category = "hotel";
        private BigDecimal amount = dec("624.80");
        private String currency = "EUR";
        private String merchant = "Hilton Paris";
        private boolean receipt = true;
        private boolean reimbursable = true;
        private ApprovalStatus status = ApprovalStatus.APPROVED;
        private Instant submitted = Instant.parse("2026-10-14T14:33:37Z");

        public ExpenseBuilder id(String id, int line) {
            this.id = id;
            this.line = line;
            return this;
        }

        public ExpenseBuilder by(String consultant) {
            this.consultant = consultant;
            return this;
        }

        public ExpenseBuilder on(String project) {
            this.project = project;
            return this;
        }

        public ExpenseBuilder date(LocalDate date) {
            this.date = date;
            return this;
        }

        public ExpenseBuilder spent(String category, String amount, String currency, String merchant) {
            this.category = category;
            this.amount = dec(amount);
            this.currency = currency;
            this.merchant = merchant;
            return this;
        }

        public ExpenseBuilder withoutReceipt() {
            this.receipt = false;
            return this;
        }

        public ExpenseBuilder notReimbursable() {
            this.reimbursable = false;
            return this;
        }

        public ExpenseBuilder status(ApprovalStatus status) {
            this.status = status;
            return this;
        }

        public ExpenseBuilder submitted(String instant) {
            this.submitted = instant == null ? null : Instant.parse(instant);
            return this;
        }

        public Expense build() {
            return new Expense(ref(RecordKind.EXPENSE, line, id, "expenses.csv", line), id, consultant, project, date, category, amount,
                    currency, merchant, receipt, receipt ? "receipts/2026/10/" + consultant + "-" + id + ".pdf" : "", reimbursable, status,
                    submitted);
        }
    }
}
