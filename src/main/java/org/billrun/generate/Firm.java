package org.billrun.generate;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The generated firm's master data, held in memory (it scales with the number of consultants, never with the
 * number of time entries). Period data is derived from it and streamed to disk.
 */
final class Firm {

    static final String[] CURRENCIES = {"EUR", "GBP", "USD", "CHF"};
    /** Price of one EUR in each currency above, per mille, as a starting level for rates and prices. */
    static final int[] PER_MILLE_OF_EUR = {1000, 860, 1100, 970};
    static final int HISTORY_MONTHS = 6;

    enum Role {
        PARTNER("partner", 320_00, 0.25),
        SENIOR_CONSULTANT("senior_consultant", 220_00, 0.08),
        CONSULTANT("consultant", 165_00, 0.05),
        ANALYST("analyst", 115_00, 0.05);

        final String code;
        /** Firm list price per hour in EUR cents. */
        final long baseRateEurCents;
        /** Share of an average day spent on internal (non-billable) work. */
        final double internalShare;

        Role(String code, long baseRateEurCents, double internalShare) {
            this.code = code;
            this.baseRateEurCents = baseRateEurCents;
            this.internalShare = internalShare;
        }
    }

    enum BillingModel {
        TIME_AND_MATERIALS("time_and_materials"), FIXED_FEE("fixed_fee"), RETAINER("retainer"),
        NOT_TO_EXCEED("not_to_exceed");

        final String code;

        BillingModel(String code) {
            this.code = code;
        }
    }

    enum RateLevel {
        FIRM("firm"), CLIENT("client"), CONTRACT("contract"), CONSULTANT("consultant");

        final String code;

        RateLevel(String code) {
            this.code = code;
        }
    }

    record Entity(int index, String id, String name, String country, String currency, String vatId, String address,
                  String invoicePrefix) {}

    /** One rate_cards.csv row; {@code role} is null on consultant level, {@code validTo} null when open-ended. */
    record RateRow(String rateCardId, RateLevel level, String levelRef, Role role, String currency, BigDecimal rate,
                   LocalDate validFrom, LocalDate validTo) {
        boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
        }
    }

    static final class Client {
        int index;
        String id;
        String name;
        String country;
        String currency;
        boolean business;
        String taxId;
        String address;
        int paymentTermsDays;
        String presentation;
        String timeAnnex;
        String email;
        int defaultEntity;
        boolean internal;
        List<RateRow> card = List.of();
    }

    record Milestone(String id, String description, BigDecimal amount, LocalDate dueDate, String status,
                     LocalDate acceptedOn, String acceptanceRef, boolean billable) {}

    static final class Contract {
        int index;
        String id;
        /** The part of the id after "K-", reused in project, milestone and rate card ids. */
        String key;
        int client;
        int entity;
        BillingModel model;
        String currency;
        LocalDate start;
        LocalDate end;
        String poNumber;
        String markupPct;
        BigDecimal cap;
        BigDecimal retainer;
        String rateCardId;
        List<RateRow> card = List.of();
        List<Milestone> milestones = List.of();
        boolean internal;
        boolean expired;
        int firstProject;
        int projectCount;
        /** Consultants staffed on the contract and their share of their billable time, per mille. */
        int[] staff = new int[0];
        int[] staffShare = new int[0];

        boolean activeIn(YearMonth month) {
            return !start.isAfter(month.atEndOfMonth()) && (end == null || !end.isBefore(month.atDay(1)));
        }
    }

    static final class Project {
        int index;
        String id;
        /** The part of the id after "P-", reused in task ids. */
        String key;
        int contract;
        int client;
        String name;
        boolean closed;
        int manager = -1;
        boolean billable;
        String[] taskNames;
        boolean[] taskClosed;
        boolean[] taskBillable;

        String taskId(int task) {
            return "TK-" + key + "-" + (task + 1);
        }

        int taskCount() {
            return taskNames.length;
        }
    }

    final YearMonth period;
    final LocalDate periodStart;
    final LocalDate periodEnd;
    final List<YearMonth> historyMonths;
    final List<LocalDate> workingDays;
    final long seed;

    String brand;
    String brandCode;
    String domain;
    final List<Entity> entities = new ArrayList<>();

    // consultants, by index
    final int consultantCount;
    final int idWidth;
    Role[] role;
    int[] homeEntity;
    int[] manager;
    boolean[] left;
    int[] standardQuarters;
    boolean[] standardHoursBlank;
    /** Per consultant the projects worked on this period and the weight of each, per mille. */
    int[][] assignments;
    int[][] assignmentWeights;

    final List<Client> clients = new ArrayList<>();
    final List<Contract> contracts = new ArrayList<>();
    final List<Project> projects = new ArrayList<>();
    /** Internal (non-billable) project of each entity. */
    int[] internalProject;
    /** Closed billable projects, and open billable projects that have a closed task: targets for defects. */
    int[] closedProjects;
    int[] projectsWithClosedTask;

    final List<RateRow> firmRates = new ArrayList<>();
    /** Firm rates by role and currency: the current row first, then last year's. */
    final Map<Role, Map<String, List<RateRow>>> firmRatesByRoleAndCurrency = new EnumMap<>(Role.class);
    /** Consultant-level rates by consultant, null for most. */
    List<RateRow>[] consultantRates;

    Firm(GenerationRequest request) {
        this.period = request.period();
        this.seed = request.seed();
        this.periodStart = period.atDay(1);
        this.periodEnd = period.atEndOfMonth();
        List<YearMonth> months = new ArrayList<>();
        for (int i = HISTORY_MONTHS; i >= 1; i--) {
            months.add(period.minusMonths(i));
        }
        this.historyMonths = List.copyOf(months);
        this.workingDays = List.copyOf(workingDays(periodStart, periodEnd));
        this.consultantCount = request.consultants();
        this.idWidth = Math.max(4, Fmt.digits(consultantCount));
    }

    String consultantId(int c) {
        return "E-" + Fmt.pad(c + 1L, idWidth);
    }

    static int currencyIndex(String currency) {
        for (int i = 0; i < CURRENCIES.length; i++) {
            if (CURRENCIES[i].equals(currency)) {
                return i;
            }
        }
        throw new IllegalArgumentException(currency);
    }

    static List<LocalDate> workingDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    static int countWorkingDays(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    static boolean isWorkingDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }

    /**
     * The hourly rate billrun should find for {@code role} (and consultant {@code c}, or -1) on {@code contract}
     * on {@code day}: consultant level before contract before client before firm, in the contract currency.
     */
    BigDecimal rate(int c, Role role, Contract contract, LocalDate day) {
        String currency = contract.currency;
        if (c >= 0 && consultantRates[c] != null) {
            for (RateRow r : consultantRates[c]) {
                if (r.currency().equals(currency) && r.validOn(day)) {
                    return r.rate();
                }
            }
        }
        for (RateRow r : contract.card) {
            if (r.role() == role && r.currency().equals(currency) && r.validOn(day)) {
                return r.rate();
            }
        }
        for (RateRow r : clients.get(contract.client).card) {
            if (r.role() == role && r.currency().equals(currency) && r.validOn(day)) {
                return r.rate();
            }
        }
        List<RateRow> firm = firmRatesByRoleAndCurrency.get(role).get(currency);
        for (RateRow r : firm) {
            if (r.validOn(day)) {
                return r.rate();
            }
        }
        return firm.get(firm.size() - 1).rate();
    }
}
