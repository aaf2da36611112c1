package org.billrun.validate;

import static org.billrun.billing.RuleCode.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.Project;
import org.billrun.billing.RecordRef;
import org.billrun.billing.RobustStats;
import org.billrun.billing.RuleCode;
import org.billrun.billing.TrailingHours;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ValidationPolicy;

/**
 * Checks that concern a contract or a consultant as a whole, after every time entry and expense of
 * the period has been validated: milestones marked billable, not-to-exceed caps, and the two
 * statistical checks, which explain their numbers and only ever warn (unless a firm's policy says
 * otherwise). Plain Java over the period's totals; the step that calls it reads and writes.
 */
public final class ContractChecks {

    /** What the period's valid, billable records of one contract are worth, in the contract's currency. */
    public record PeriodValue(BigDecimal time, BigDecimal expenses) {
        public static final PeriodValue NONE = new PeriodValue(BigDecimal.ZERO, BigDecimal.ZERO);

        public BigDecimal total() {
            return time.add(expenses);
        }
    }

    /** A consultant's billable hours this period, and the project most of them went to. */
    public record ConsultantHours(String consultantId, BigDecimal hours, String topProjectId) {}

    private final YearMonth period;
    private final ValidationPolicy policy;
    private final RecordPolicies<ValidationPolicy> policies;
    private final MasterData master;

    private final Map<String, List<BillingHistory>> historyByContract = new HashMap<>();

    public ContractChecks(YearMonth period, ValidationPolicy policy, MasterData master) {
        this(period, RecordPolicies.everywhere(policy), master);
    }

    /** Checks under the policy of each contract's scope (a milestone's, a cap's) and each consultant's main project. */
    public ContractChecks(YearMonth period, RecordPolicies<ValidationPolicy> policies, MasterData master) {
        this.period = period;
        this.policy = policies.global();
        this.policies = policies;
        this.master = master;
        for (BillingHistory h : master.history()) {
            if (h.contractLevel()) {
                historyByContract.computeIfAbsent(h.contractId(), k -> new ArrayList<>()).add(h);
            }
        }
    }

    /**
     * What validation found about a milestone in its evidence documents (docs/assistance.md, "In billrun"):
     * every stored sentence, and each document named in evidence_files that could not be read, with the reason.
     */
    public record EvidenceLookup(List<MilestoneEvidence> found, List<String> problems) {
        public static final EvidenceLookup NONE = new EvidenceLookup(List.of(), List.of());

        public EvidenceLookup {
            found = List.copyOf(found);
            problems = List.copyOf(problems);
        }

        List<MilestoneEvidence> in(EvidenceState state) {
            return found.stream().filter(e -> e.state() == state).toList();
        }
    }

    /** The milestones this period validates: marked billable, not billed, and on no live draft of another period. */
    public List<Milestone> milestonesToCheck(Set<String> billedOutside) {
        return master.milestones().stream()
                .filter(m -> m.billable() && !"billed".equals(m.status()) && !billedOutside.contains(m.milestoneId()))
                .toList();
    }

    /** {@link #milestones(Set, Map)} for a firm that ships no evidence documents. */
    public List<ValidatedRecord> milestones(Set<String> billedOutside) {
        return milestones(billedOutside, Map.of());
    }

    /**
     * Milestones marked billable and not billed yet: each is a record of the period, with its evidence
     * checked. A milestone on a live draft of another period ({@code billedOutside}, by milestone id) is
     * billed there, as one the PSA marks billed is: no record of this period.
     * <p>
     * Its evidence: the status must be accepted; then, under milestone.evidence-required (of the
     * milestone's contract), acceptance evidence a person confirmed, else (the default, as before the
     * evidence documents) an acceptance_ref in the export. A milestone held for want of confirmed
     * evidence names what awaits a decision, so the exception tells finance which command to run.
     */
    public List<ValidatedRecord> milestones(Set<String> billedOutside, Map<String, EvidenceLookup> evidence) {
        List<ValidatedRecord> records = new ArrayList<>();
        for (Milestone m : milestonesToCheck(billedOutside)) {
            List<Finding> findings = new ArrayList<>();
            ValidationPolicy p = policies.ofContract(m.contractId());
            EvidenceLookup lookup = evidence.getOrDefault(m.milestoneId(), EvidenceLookup.NONE);
            List<MilestoneEvidence> confirmed = lookup.in(EvidenceState.CONFIRMED);
            String why = null;
            if (!m.accepted()) {
                why = "its status is " + m.status() + ", not accepted";
            } else if (p.milestoneEvidenceRequired() && confirmed.isEmpty()) {
                why = withoutConfirmedEvidence(m, lookup);
            } else if (!p.milestoneEvidenceRequired() && !m.hasEvidence()) {
                why = "it has no acceptance reference";
            }
            if (why != null && p.enabled(MILESTONE_NO_EVIDENCE)) {
                findings.add(finding(p, m.ref(), MILESTONE_NO_EVIDENCE, contractOwner(p, MILESTONE_NO_EVIDENCE, m.contractId()),
                        "milestone " + m.milestoneId() + " (" + m.description() + ", " + MoneyFormat.format(m.amount(), m.currency())
                                + ") is marked billable but " + why, m.amount(), m.currency()));
            }
            // the date the milestone bills for: the export's acceptance date, else the confirmed evidence's
            var acceptedOn = m.acceptedOn() != null || confirmed.isEmpty() ? m.acceptedOn() : confirmed.get(0).date();
            records.add(new ValidatedRecord(m.ref(), true, m.contractId(), null, acceptedOn, null, m.amount(), m.currency(), findings));
        }
        return records;
    }

    /** Why an accepted milestone still waits, under milestone.evidence-required: what was found and what a person does next. */
    static String withoutConfirmedEvidence(Milestone m, EvidenceLookup lookup) {
        StringBuilder why = new StringBuilder("no one has confirmed acceptance evidence for it (milestone.evidence-required)");
        List<MilestoneEvidence> proposed = lookup.in(EvidenceState.PROPOSED);
        if (!proposed.isEmpty()) {
            MilestoneEvidence best = proposed.get(0);
            why.append(": ").append(proposed.size() == 1 ? "proposal " : proposed.size() + " proposals, best ").append(best.ref())
                    .append(" awaits a decision, \"").append(best.shortQuote(120)).append("\" (").append(best.file()).append(", confidence ")
                    .append(best.confidence().toPlainString()).append("); confirm it with billrun milestones evidence confirm ")
                    .append(best.id());
        } else if (m.evidenceFiles().isEmpty()) {
            why.append(": milestones.csv names no evidence document for it (column evidence_files)");
        } else {
            List<MilestoneEvidence> rejected = lookup.in(EvidenceState.REJECTED);
            List<MilestoneEvidence> against = lookup.in(EvidenceState.NOTED).stream()
                    .filter(e -> e.kind() != org.billrun.assist.evidence.MentionKind.MENTION
                            && e.kind() != org.billrun.assist.evidence.MentionKind.TERMS
                            && e.kind() != org.billrun.assist.evidence.MentionKind.QUOTED)
                    .toList();
            why.append(": its evidence documents hold no acceptance to confirm");
            if (!rejected.isEmpty()) {
                why.append(" (").append(rejected.size()).append(rejected.size() == 1 ? " proposal" : " proposals").append(" rejected)");
            }
            if (!against.isEmpty()) {
                MilestoneEvidence first = against.get(0);
                why.append("; ").append(first.file()).append(" says \"").append(first.shortQuote(120)).append("\" (")
                        .append(first.kindLabel()).append(", ").append(first.ref()).append(")");
            }
        }
        if (!lookup.problems().isEmpty()) {
            why.append("; not read: ").append(String.join("; ", lookup.problems()));
        }
        return why.toString();
    }

    /**
     * Not-to-exceed contracts: billed before this period (billing history) plus this period's value
     * must stay within the cap, which covers the contract's whole life. The excess is held.
     */
    public List<Finding> caps(Map<String, PeriodValue> values) {
        List<Finding> findings = new ArrayList<>();
        for (Contract contract : sortedContracts()) {
            if (contract.billingModel() != BillingModel.NOT_TO_EXCEED) {
                continue;
            }
            ValidationPolicy p = policies.ofContract(contract.contractId());
            if (contract.capAmount() == null) {
                if (p.enabled(CONTRACT_CAP_MISSING)) {
                    findings.add(finding(p, contract.ref(), CONTRACT_CAP_MISSING, contractOwner(p, CONTRACT_CAP_MISSING, contract.contractId()),
                            "not-to-exceed contract " + contract.contractId() + " has no cap_amount", null, null));
                }
                continue;
            }
            BigDecimal before = history(contract).stream().map(BillingHistory::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            // the cap covers fees: expenses are billed outside it (docs/drafting.md), so the check and the draft's write-down agree
            BigDecimal now = values.getOrDefault(contract.contractId(), PeriodValue.NONE).time();
            BigDecimal excess = before.add(now).subtract(contract.capAmount());
            if (excess.signum() > 0 && p.enabled(CAP_EXCEEDED)) {
                String ccy = contract.currency();
                findings.add(finding(p, contract.ref(), CAP_EXCEEDED, contractOwner(p, CAP_EXCEEDED, contract.contractId()),
                        "cap " + MoneyFormat.format(contract.capAmount(), ccy) + ": billed before " + period + " "
                                + MoneyFormat.format(before, ccy) + " + time this period " + MoneyFormat.format(now, ccy) + " = "
                                + MoneyFormat.format(before.add(now), ccy) + "; " + MoneyFormat.format(excess, ccy)
                                + " above the cap is held for a write-down decision", excess, ccy));
            }
        }
        return findings;
    }

    /**
     * A contract whose billing this period is far above its own trailing months. This period's
     * billing is estimated from the validated records by billing model, before drafting: hourly
     * contracts their time and expenses, fixed fee its billable milestones, retainers the retainer
     * plus any time beyond it plus expenses.
     */
    public List<Finding> spikes(Map<String, PeriodValue> values, Map<String, BigDecimal> milestoneValues) {
        List<Finding> findings = new ArrayList<>();
        for (Contract contract : sortedContracts()) {
            ValidationPolicy p = policies.ofContract(contract.contractId());
            if (!p.enabled(BILLING_SPIKE)) {
                continue;
            }
            Map<YearMonth, BigDecimal> recent = new TreeMap<>();
            for (BillingHistory h : trailing(history(contract))) {
                recent.merge(h.period(), h.amount(), BigDecimal::add);
            }
            if (recent.size() < policy.minHistoryMonths()) {
                continue;
            }
            BigDecimal now = estimate(contract, values.getOrDefault(contract.contractId(), PeriodValue.NONE),
                    milestoneValues.getOrDefault(contract.contractId(), BigDecimal.ZERO));
            RobustStats stats = RobustStats.of(recent.values());
            if (stats.farAbove(now, policy.spikeMinRatio(), policy.spikeMinRobustZ())) {
                String ccy = contract.currency();
                findings.add(finding(p, contract.ref(), BILLING_SPIKE, contractOwner(p, BILLING_SPIKE, contract.contractId()),
                        MoneyFormat.format(now, ccy) + " this period is " + times(stats.ratio(now)) + " the median of the last "
                                + recent.size() + " months (" + MoneyFormat.format(stats.median(), ccy) + "; MAD "
                                + MoneyFormat.format(stats.mad(), ccy) + zText(stats.robustZ(now)) + ")", now, ccy));
            }
        }
        return findings;
    }

    /** Empty trailing hours of the months before this period that the policy's history.months names, for the caller to fill. */
    public TrailingHours trailingHours() {
        return new TrailingHours(period, policy.historyMonths());
    }

    /**
     * A consultant whose billable hours are far above their own trailing months and above their standard hours:
     * {@code trailing} as {@link #trailingHours()} made it, filled with the history rows per consultant.
     */
    public List<Finding> hoursAboveNorm(List<ConsultantHours> hours, TrailingHours trailing) {
        List<Finding> findings = new ArrayList<>();
        for (ConsultantHours c : hours.stream().sorted(Comparator.comparing(ConsultantHours::consultantId)).toList()) {
            ValidationPolicy p = policies.ofProject(c.topProjectId());
            Norm norm = p.enabled(HOURS_ABOVE_NORM) ? farAboveNorm(c.consultantId(), c.hours(), trailing) : null;
            if (norm == null) {
                continue;
            }
            Consultant consultant = norm.consultant();
            RobustStats stats = norm.stats();
            String owner = Owners.of(HOURS_ABOVE_NORM.ownerRole(), c.consultantId(), c.topProjectId(), master, p);
            findings.add(finding(p, consultant.ref(), HOURS_ABOVE_NORM, owner,
                    consultant.name() + " (" + c.consultantId() + ") has " + hoursText(c.hours()) + " billable in " + period + ": "
                            + times(stats.ratio(c.hours())) + " the median of the last " + stats.count() + " months ("
                            + hoursText(stats.median()) + "; MAD " + hoursText(stats.mad()) + zText(stats.robustZ(c.hours()))
                            + ") and above the norm of " + hoursText(norm.hours()) + " ("
                            + consultant.standardHoursPerDay().stripTrailingZeros().toPlainString() + " h x " + norm.workingDays()
                            + " working days)", null, null));
        }
        return findings;
    }

    /**
     * Whether the consultant's billable {@code hours} are above their norm by the numbers: above their standard hours
     * and far above their trailing months. Only such a consultant can be above the norm, whatever the policy of their
     * main project says, so the step asks for the main project of these consultants only.
     */
    public boolean farAboveTheirNumbers(String consultantId, BigDecimal hours, TrailingHours trailing) {
        return farAboveNorm(consultantId, hours, trailing) != null;
    }

    /** A consultant's norm for the period: their standard hours over its working days, and the stats of their months. */
    private record Norm(Consultant consultant, int workingDays, BigDecimal hours, RobustStats stats) {}

    /** The consultant's norm when {@code hours} are above it and far above their months; null otherwise. */
    private Norm farAboveNorm(String consultantId, BigDecimal hours, TrailingHours trailing) {
        Consultant consultant = master.consultant(consultantId);
        List<BigDecimal> months = trailing.of(consultantId);
        if (consultant == null || months.size() < policy.minHistoryMonths()) {
            return null;
        }
        int workingDays = WorkingDays.between(period.atDay(1), period.atEndOfMonth(), policy.holidays(consultant.homeEntityId()));
        BigDecimal norm = consultant.standardHoursPerDay().multiply(BigDecimal.valueOf(workingDays));
        RobustStats stats = RobustStats.of(months);
        boolean above = hours.compareTo(norm) > 0 && stats.farAbove(hours, policy.hoursMinRatio(), policy.hoursMinRobustZ());
        return above ? new Norm(consultant, workingDays, norm, stats) : null;
    }

    private BigDecimal estimate(Contract contract, PeriodValue value, BigDecimal milestones) {
        return switch (contract.billingModel()) {
            case TIME_AND_MATERIALS, NOT_TO_EXCEED -> value.total();
            case FIXED_FEE -> milestones.add(value.expenses());
            case RETAINER -> {
                BigDecimal retainer = contract.retainerAmount() == null ? BigDecimal.ZERO : contract.retainerAmount();
                yield retainer.max(value.time()).add(value.expenses());
            }
        };
    }

    /** Contract-level history rows in the contract's currency, before this period. */
    private List<BillingHistory> history(Contract contract) {
        return historyByContract.getOrDefault(contract.contractId(), List.of()).stream()
                .filter(h -> h.currency().equals(contract.currency()) && h.period().isBefore(period))
                .toList();
    }

    private List<BillingHistory> trailing(List<BillingHistory> history) {
        YearMonth first = period.minusMonths(policy.historyMonths());
        return history.stream().filter(h -> !h.period().isBefore(first)).toList();
    }

    private List<Contract> sortedContracts() {
        return master.contracts().values().stream().sorted(Comparator.comparing(Contract::contractId)).toList();
    }

    /** The named owner of a contract-level finding: finance per the policy, or the manager of the contract's first project. */
    private String contractOwner(ValidationPolicy scoped, RuleCode rule, String contractId) {
        if (rule.ownerRole() != OwnerRole.PROJECT_MANAGER) {
            return Owners.of(rule.ownerRole(), null, null, master, scoped);
        }
        Optional<Project> project = master.projects().values().stream()
                .filter(p -> p.contractId().equals(contractId) && p.projectManagerId() != null && !p.projectManagerId().isEmpty())
                .min(Comparator.comparing(Project::projectId));
        return project.map(Project::projectManagerId).orElse(null);
    }

    private static Finding finding(ValidationPolicy p, RecordRef ref, RuleCode rule, String owner, String message, BigDecimal amount,
            String currency) {
        return new Finding(ref, rule, p.severity(rule), rule.ownerRole(), owner, message, amount, currency);
    }

    private static String times(BigDecimal ratio) {
        return ratio.setScale(1, RoundingMode.HALF_UP).toPlainString() + "x";
    }

    private static String zText(BigDecimal z) {
        return z == null ? ", no variation before" : ", robust z " + z.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String hoursText(BigDecimal hours) {
        return hours.setScale(2, RoundingMode.HALF_UP).toPlainString() + " h";
    }
}
