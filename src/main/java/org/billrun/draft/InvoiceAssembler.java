package org.billrun.draft;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.billrun.assist.risk.DraftFacts;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Contract;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.billing.Money;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.Project;
import org.billrun.billing.RecordKind;
import org.billrun.draft.InvoiceDraft.CapUse;
import org.billrun.draft.InvoiceDraft.RetainerBalance;
import org.billrun.validate.ValidationQueries.OpenException;

/**
 * Turns one contract's valid records into its draft invoice (docs/drafting.md): lines by billing
 * model, tax, totals, and routing. Plain Java over plain objects: the draft step feeds it, the
 * tests call it directly.
 */
public final class InvoiceAssembler {

    private final DraftContext context;
    private final TimeLines timeLines;
    private final ExpenseLines expenseLines;
    private final Taxation taxation;
    private final Map<String, List<OpenException>> exceptionsByTarget = new HashMap<>();
    /** Indexed once per run, not scanned once per draft: a firm has hundreds of contracts. */
    private final Map<String, List<Milestone>> milestonesByContract = new HashMap<>();
    private final Map<String, List<Project>> projectsByContract = new HashMap<>();

    public InvoiceAssembler(DraftContext context) {
        this.context = context;
        this.timeLines = new TimeLines(context.master());
        this.expenseLines = new ExpenseLines(context.master());
        this.taxation = new Taxation(context.taxRules(), context.refusedTaxRules());
        for (OpenException exception : context.openExceptions()) {
            exceptionsByTarget.computeIfAbsent(target(exception.recordKind(), exception.recordRowId(), exception.recordKey()),
                    k -> new ArrayList<>()).add(exception);
        }
        context.master().milestones().forEach(m -> milestonesByContract.computeIfAbsent(m.contractId(), k -> new ArrayList<>()).add(m));
        context.master().projects().values()
                .forEach(p -> projectsByContract.computeIfAbsent(p.contractId(), k -> new ArrayList<>()).add(p));
    }

    /** The deterministic draft id: period, the legal entity's invoice prefix, contract. */
    public static String draftId(YearMonth period, LegalEntity entity, String contractId) {
        return period + "-" + entity.prefix() + "-" + contractId;
    }

    public InvoiceDraft assemble(ContractWork work) {
        MasterData master = context.master();
        Contract contract = work.contract();
        Client client = Objects.requireNonNull(master.client(contract.clientId()), () -> "contract " + contract.contractId()
                + " bills client " + contract.clientId() + ", which is not in clients.csv");
        LegalEntity entity = Objects.requireNonNull(context.entities().get(contract.entityId()), () -> "contract "
                + contract.contractId() + " is invoiced by legal entity " + contract.entityId() + ", which is not in entities.csv");
        String currency = contract.currency();
        Money zero = Money.zero(currency);
        PriorBilling prior = context.prior().apply(contract.contractId());

        List<DraftLine> lines = new ArrayList<>();
        for (Milestone milestone : sortedMilestones(work)) {
            lines.add(milestoneLine(milestone, currency));
        }
        Money writeDown = zero;
        Money valueBeforeWriteDown = zero;
        Money overage = zero;
        String retainerExplanation = null;
        CapUse cap = null;
        RetainerBalance retainer = null;
        BillingModel model = contract.billingModel();
        if (model == BillingModel.FIXED_FEE) {
            lines.addAll(timeLines.coveredByFixedFee(contract, new ArrayList<>(work.time())));
        } else if (model == BillingModel.RETAINER) {
            Money fee = Money.rounded(Objects.requireNonNullElse(contract.retainerAmount(), BigDecimal.ZERO), currency);
            lines.add(DraftLine.of(LineType.RETAINER_FEE, "retainer_fee", "Retainer fee " + context.period(), BigDecimal.ONE, fee.amount(),
                    fee, fee, "retainer_amount of contract " + contract.contractId(), List.of()));
            List<DraftLine> time = timeLines.byTheHour(contract, work.time(), client.presentation(), true);
            lines.addAll(time);
            Money drawn = sum(time, DraftLine::value, zero);
            Money opening = Money.rounded(prior.retainerCarried(), currency);
            Money available = opening.plus(fee);
            overage = drawn.minus(available).max(zero);
            Money closing = available.minus(drawn).max(zero);
            retainer = new RetainerBalance(opening, fee, drawn, overage, closing);
            retainerExplanation = "time worth " + money(drawn, currency) + " against a balance of " + money(available, currency)
                    + " (carried " + money(opening, currency) + " + fee " + money(fee, currency) + ")";
            if (overage.signum() > 0) {
                lines.add(DraftLine.of(LineType.RETAINER_OVERAGE, "retainer_overage", "Retainer overage " + context.period(), null,
                        null, overage, overage, retainerExplanation + "; the overage is billed at the rates in force", List.of()));
            }
        } else {
            List<DraftLine> time = timeLines.byTheHour(contract, work.time(), client.presentation(), false);
            lines.addAll(time);
            if (model == BillingModel.NOT_TO_EXCEED) {
                Money timeValue = sum(time, DraftLine::net, zero);
                valueBeforeWriteDown = timeValue;
                if (contract.capAmount() == null) {
                    cap = new CapUse(null, Money.of(prior.capConsumedBefore(), currency), timeValue, timeValue, zero);
                } else {
                    Money capAmount = Money.rounded(contract.capAmount(), currency);
                    Money before = Money.rounded(prior.capConsumedBefore(), currency);
                    Money remaining = capAmount.minus(before).max(zero);
                    writeDown = timeValue.minus(remaining).max(zero);
                    cap = new CapUse(capAmount, before, timeValue, timeValue.minus(writeDown), writeDown);
                    if (writeDown.signum() > 0) {
                        lines.add(DraftLine.of(LineType.CAP_WRITE_DOWN, "cap_write_down", "Write-down to not-to-exceed cap", null, null,
                                writeDown.negate(), writeDown.negate(), "cap " + money(capAmount, currency) + ", consumed before "
                                        + money(before, currency) + ", remaining " + money(remaining, currency) + "; time this period "
                                        + money(timeValue, currency), List.of()));
                    }
                }
            }
        }
        lines.addAll(expenseLines.lines(contract, work.expenses(), client.presentation()));
        List<DraftLine> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(lines.get(i).numbered(i + 1));
        }

        Taxation.Result taxed = taxation.tax(numbered, entity, client, currency, context.invoiceDate());
        Money net = sum(taxed.lines(), DraftLine::net, zero);
        Money tax = taxed.groups().stream().map(TaxGroup::tax).reduce(zero, Money::plus);
        Money gross = net.plus(tax);
        String projectManager = projectManager(contract, taxed.lines());
        // routed under the policy of the draft's scope: its contract, client, billing model and the entity's country
        List<RouteReason> reasons = new Router(context.policyFor(contract.contractId())).route(new Router.Facts(valueBeforeWriteDown, writeDown, overage, retainerExplanation,
                net, gross, touching(work, taxed.lines()), taxed.problems(), projectManager,
                model == BillingModel.FIXED_FEE && work.milestones().isEmpty(),
                context.risk().score(contract.contractId(), client.clientId(), currency, new DraftFacts(context.period(), net.amount(),
                        taxed.lines().size(), (int) taxed.lines().stream().filter(InvoiceAssembler::withoutEvidence).count()))));
        LocalDate[] service = servicePeriod(taxed.lines());
        return new InvoiceDraft(draftId(context.period(), entity, contract.contractId()), context.period(), contract.contractId(),
                client.clientId(), entity.entityId(), model, contract.poNumber(), client.presentation(), client.timeAnnex(),
                context.invoiceDate(), service[0], service[1], taxed.lines(), taxed.groups(), net, tax, gross, writeDown, cap, retainer,
                projectManager, reasons);
    }

    /** A line no record stands behind, for the dispute risk; a cap write-down is a deduction and needs none. */
    private static boolean withoutEvidence(DraftLine line) {
        return line.sources().isEmpty() && line.type() != LineType.CAP_WRITE_DOWN;
    }

    private static List<Milestone> sortedMilestones(ContractWork work) {
        List<Milestone> milestones = new ArrayList<>(work.milestones());
        milestones.sort(Comparator.comparing(Milestone::milestoneId));
        return milestones;
    }

    private DraftLine milestoneLine(Milestone milestone, String currency) {
        if (!milestone.currency().equals(currency)) {
            throw new IllegalStateException("milestone " + milestone.milestoneId() + " (" + milestone.ref().where() + ") is in "
                    + milestone.currency() + " but its contract bills in " + currency);
        }
        Money amount = Money.rounded(milestone.amount(), currency);
        // under milestone.evidence-required a milestone may bill on confirmed evidence without the export's date or reference: say only what is known
        List<String> acceptance = new ArrayList<>();
        if (milestone.acceptedOn() != null) {
            acceptance.add("accepted " + milestone.acceptedOn());
        }
        if (milestone.hasEvidence()) {
            acceptance.add("evidence: " + milestone.acceptanceRef());
        }
        String description = "Milestone " + milestone.milestoneId() + ": " + milestone.description()
                + (acceptance.isEmpty() ? "" : " (" + String.join(", ", acceptance) + ")");
        LineSource source = new LineSource(milestone.ref(), milestone.acceptedOn(), null,
                milestone.amount().setScale(org.billrun.billing.Valuation.SCALE), BigDecimal.ZERO, milestone.acceptanceRef());
        return DraftLine.of(LineType.MILESTONE, milestone.milestoneId(), description, BigDecimal.ONE, amount.amount(), amount, amount,
                "fixed fee by accepted milestone" + (milestone.hasEvidence() ? "; evidence " + milestone.acceptanceRef() : ""), List.of(source));
    }

    /** The open exceptions that touch a draft: on a record it bills, its contract, the contract's milestones, its consultants. */
    private List<OpenException> touching(ContractWork work, List<DraftLine> lines) {
        Map<Long, OpenException> found = new LinkedHashMap<>();
        Set<String> consultants = work.time().stream().map(t -> t.consultantId()).collect(Collectors.toSet());
        List<String> targets = new ArrayList<>();
        lines.forEach(line -> line.sources().forEach(s -> targets.add(target(s.record().kind(), s.record().rowId(), s.record().key()))));
        targets.add(target(RecordKind.CONTRACT, 0, work.contract().contractId()));
        milestonesByContract.getOrDefault(work.contract().contractId(), List.of())
                .forEach(m -> targets.add(target(RecordKind.MILESTONE, 0, m.milestoneId())));
        consultants.stream().sorted().forEach(c -> targets.add(target(RecordKind.CONSULTANT, 0, c)));
        for (String target : targets) {
            for (OpenException exception : exceptionsByTarget.getOrDefault(target, List.of())) {
                found.putIfAbsent(exception.exceptionId(), exception);
            }
        }
        List<OpenException> list = new ArrayList<>(found.values());
        list.sort(OpenException.BY_RULE_AND_RECORD.thenComparingLong(OpenException::exceptionId));
        return list;
    }

    /** Period records are matched by their version row; master records (contract, milestone, consultant) by their id. */
    private static String target(RecordKind kind, long rowId, String key) {
        return switch (kind) {
            case TIME_ENTRY, EXPENSE -> kind.label() + "#" + rowId;
            default -> kind.label() + ":" + key;
        };
    }

    /** The manager of the draft's project with the largest net, else of the contract's first project. */
    private String projectManager(Contract contract, List<DraftLine> lines) {
        Map<String, BigDecimal> byProject = new HashMap<>();
        for (DraftLine line : lines) {
            if (line.type() == LineType.TIME || line.type() == LineType.FIXED_FEE_TIME) {
                byProject.merge(line.key().split("\\|")[0], line.value().amount(), BigDecimal::add);
            }
        }
        List<Project> projects = projectsByContract.getOrDefault(contract.contractId(), List.of()).stream()
                .sorted(Comparator.comparing((Project p) -> byProject.getOrDefault(p.projectId(), BigDecimal.ZERO)).reversed()
                        .thenComparing(Project::projectId))
                .toList();
        return projects.stream().map(Project::projectManagerId).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private LocalDate[] servicePeriod(List<DraftLine> lines) {
        LocalDate from = null;
        LocalDate to = null;
        for (DraftLine line : lines) {
            for (LineSource source : line.sources()) {
                if (source.date() != null) {
                    from = from == null || source.date().isBefore(from) ? source.date() : from;
                    to = to == null || source.date().isAfter(to) ? source.date() : to;
                }
            }
        }
        return new LocalDate[] {from == null ? context.period().atDay(1) : from, to == null ? context.period().atEndOfMonth() : to};
    }

    private static Money sum(List<DraftLine> lines, Function<DraftLine, Money> amount, Money zero) {
        return lines.stream().map(amount).reduce(zero, Money::plus);
    }

    private static String money(Money amount, String currency) {
        return MoneyFormat.format(amount.amount(), currency);
    }
}
