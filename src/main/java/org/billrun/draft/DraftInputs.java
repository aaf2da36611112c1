package org.billrun.draft;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.billrun.billing.BillingHistory;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.billing.TimeEntry;
import org.billrun.draft.port.DisputeRiskSource;
import org.billrun.infra.partition.ClientKey;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.masterdata.MasterDataReader;
import org.billrun.masterdata.MasterDataReader.TaxRules;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScopes;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.billrun.validate.ValidationQueries;
import org.billrun.validate.ValidationQueries.Billed;
import org.billrun.validate.ValidationQueries.OpenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what a run's drafts are made of: the policy the run recorded, the master data, the run's
 * valid records grouped by contract, the period's open exceptions, and what earlier periods left each
 * contract with (cap consumed, retainer balance).
 */
@Component
public class DraftInputs {

    private static final Logger log = LoggerFactory.getLogger(DraftInputs.class);

    private final JdbcClient jdbc;
    private final MasterDataReader masterDataReader;
    private final ValidationQueries validated;
    private final DraftQueries drafts;
    private final ObjectProvider<DisputeRiskSource> risk;

    public DraftInputs(JdbcClient jdbc, MasterDataReader masterDataReader, ValidationQueries validation, DraftQueries drafts,
            ObjectProvider<DisputeRiskSource> risk) {
        this.jdbc = jdbc;
        this.masterDataReader = masterDataReader;
        this.validated = validation;
        this.drafts = drafts;
        this.risk = risk;
    }

    /** Rows a cursor over the run's records fetches at a time: a few MB of records in memory, whatever the period's size. */
    static final int FETCH_SIZE = 5_000;

    /**
     * A run's drafting inputs apart from its time entries and expenses, which {@link #forEachContract}
     * streams: the context every draft shares, the run's scope and its milestones by contract.
     */
    public record Inputs(long runId, DraftContext context, String scope, Map<String, List<Milestone>> milestones) {}

    /**
     * What drafting reads of the master data (with the FX quotes of the policy's look-back), the same for
     * every partition of one attempt at a run: not what the contracts' locks protect.
     */
    public record Master(MasterData data, TaxRules taxRules, Map<String, LegalEntity> entities) {}

    /** Reads the master data drafting needs, quoting FX rates up to {@code fxLookbackDays} back. */
    public Master master(int fxLookbackDays) {
        long start = System.nanoTime();
        Master master = new Master(masterDataReader.read(fxLookbackDays), masterDataReader.taxRules(), masterDataReader.entities());
        log.info("Read the master data for drafting in {} ms", (System.nanoTime() - start) / 1_000_000);
        return master;
    }

    /**
     * What every partition of one attempt at a run reads alike, none of it what the contracts' locks protect: the
     * master data, the run's open exceptions and the dispute risk's scorer with the contracts' histories. Each grows with
     * the firm, and so does the number of partitions: at 10M entries the open exceptions' query alone took 1.6 s (138,351
     * look-ups of an exception's record in validated_record) and the histories about 1 s, in each of 50 partitions.
     */
    public record Shared(Master master, List<OpenException> openExceptions, DisputeRiskSource.Scorer risk) {}

    /** Reads what the partitions of an attempt at run {@code runId} share, quoting FX rates up to {@code fxLookbackDays} back. */
    public Shared shared(long runId, int fxLookbackDays) {
        Master master = master(fxLookbackDays);
        long start = System.nanoTime();
        YearMonth period = period(runId);
        List<OpenException> open = validated.openExceptions(period, runId);
        DisputeRiskSource.Scorer scorer = risk.getIfAvailable(() -> p -> DisputeRiskSource.Scorer.NONE).forPeriod(period);
        log.info("Read the {} open exceptions and the dispute risk's histories of run {} for drafting in {} ms", open.size(), runId,
                (System.nanoTime() - start) / 1_000_000);
        return new Shared(master, open, scorer);
    }

    /** The inputs of run {@code runId}, read afresh. */
    public Inputs read(long runId) {
        return read(runId, lookback -> shared(runId, lookback));
    }

    /**
     * The inputs of run {@code runId}, with what {@code shared} gives for the run policy's FX look-back (a drafting
     * partition's is shared with the other partitions of its attempt).
     */
    public Inputs read(long runId, IntFunction<Shared> shared) {
        long start = System.nanoTime();
        ValidationQueries.RunPolicy run = validated.policy(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has not been validated: draft needs its validated records"));
        PolicyFile policyFile = PolicyFile.of(run.source(), run.content());
        ValidationPolicy validation = ValidationPolicy.from(policyFile);
        ScopedPolicy<DraftPolicy> policy = ScopedPolicy.of(policyFile, DraftPolicy::from);
        Shared alike = shared.apply(validation.fxLookbackDays());
        Master master = alike.master();
        MasterData data = master.data();

        Set<Long> validMilestones = validated.validMilestoneRows(runId);
        // validation left out what other periods bill; asked again under the drafting lock, in case one drafted it since
        Set<String> billedOutside = drafts.milestonesBilledOutside(run.period());
        Map<String, List<Milestone>> milestones = new HashMap<>();
        data.milestones().stream().filter(m -> validMilestones.contains(m.ref().rowId()))
                .filter(m -> {
                    boolean billed = billedOutside.contains(m.milestoneId());
                    if (billed) {
                        log.warn("Milestone {} was valid in run {} but another period's live draft bills it since; not drafted again",
                                m.milestoneId(), runId);
                    }
                    return !billed;
                })
                .forEach(m -> milestones.computeIfAbsent(m.contractId(), k -> new ArrayList<>()).add(m));

        List<OpenException> open = alike.openExceptions();

        Map<String, PriorBilling> prior = priorBilling(run.period(), data);
        List<DraftContext.RefusedTaxRule> refused = master.taxRules().refused().stream()
                .map(r -> new DraftContext.RefusedTaxRule(r.sellerCountry(), r.reason())).toList();
        Map<String, LegalEntity> entities = master.entities();
        RecordPolicies<DraftPolicy> policies = new RecordPolicies<>(policy, new PolicyScopes(data, entities));
        DraftContext context = new DraftContext(run.period(), data, entities, master.taxRules().table(), refused, policy.global(),
                open, id -> prior.getOrDefault(id, PriorBilling.NONE), policies, alike.risk());
        log.info("Read drafting inputs of run {}: {} open exceptions in {} ms", runId, open.size(), (System.nanoTime() - start) / 1_000_000);
        return new Inputs(runId, context, run.scope(), milestones);
    }

    /**
     * Hands {@code each} every contract of the run's scope that has work, in contract id order, with its
     * valid records: the time entries and expenses come from two cursors ordered by contract, so only
     * one contract's records are held at a time. Call it inside a transaction (a cursor needs one).
     * Refused when valid records name contracts that are no longer in contracts.csv.
     */
    public void forEachContract(Inputs in, Consumer<ContractWork> each) {
        forEachContract(in, null, each);
    }

    /**
     * The same for the contracts of {@code clients} only (every client when null): a drafting partition's
     * cursors read only its own clients' records. Contracts unknown to contracts.csv are then found by
     * {@link #clients}, before any partition starts.
     */
    public void forEachContract(Inputs in, Set<ClientKey> clients, Consumer<ContractWork> each) {
        YearMonth period = in.context().period();
        Map<String, Contract> contracts = new TreeMap<>(in.context().master().contracts());
        if (clients != null) {
            contracts.values().removeIf(c -> !clients.contains(new ClientKey(c.entityId(), c.clientId())));
        }
        Set<String> only = clients == null ? null : contracts.keySet();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Billed<TimeEntry>> timeRows = validated.validTimeEntries(in.runId(), only, FETCH_SIZE);
                Stream<Billed<Expense>> expenseRows = validated.validExpenses(in.runId(), only, FETCH_SIZE)) {
            ByContract<TimeEntry> time = new ByContract<>(timeRows.iterator());
            ByContract<Expense> expenses = new ByContract<>(expenseRows.iterator());
            for (Contract contract : contracts.values()) {
                String id = contract.contractId();
                List<TimeEntry> contractTime = time.take(id);
                List<Expense> contractExpenses = expenses.take(id);
                if (!inScope(contract, in.scope())) {
                    continue;
                }
                List<Milestone> contractMilestones = in.milestones().getOrDefault(id, List.of());
                boolean hasRecords = !contractTime.isEmpty() || !contractExpenses.isEmpty() || !contractMilestones.isEmpty();
                if (hasRecords || contract.billingModel() == BillingModel.RETAINER && inForceIn(contract, period)) {
                    each.accept(new ContractWork(contract, contractTime, contractExpenses, contractMilestones));
                }
            }
            unknown.addAll(time.unknown());
            unknown.addAll(expenses.unknown());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("valid records of run " + in.runId() + " name contracts that are no longer in contracts.csv: "
                    + unknown);
        }
    }

    /** The period run {@code runId} drafts; refused when the run has not been validated. */
    public YearMonth period(long runId) {
        return validated.policy(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has not been validated: draft needs its validated records"))
                .period();
    }

    /**
     * The clients run {@code runId} drafts in its scope, each with its records that bill and its
     * contracts: every client of contracts.csv in the scope, and every client that has a draft of the
     * period the run replaces (an unacted live draft, or one of the run's own), so that drafting all of
     * them supersedes exactly what drafting the whole run at once did. The set does not change while the
     * run drafts, so a resumed run partitions its clients the same way. Refused when valid records name
     * contracts that are no longer in contracts.csv.
     */
    public List<ClientPartitions.Sized> clients(long runId, String scope) {
        YearMonth period = period(runId);
        Map<String, Long> records = validated.billingRecordsByContract(runId);
        Set<String> known = new HashSet<>();
        Map<ClientKey, long[]> sized = new TreeMap<>();
        jdbc.sql("SELECT contract_id, entity_id, client_id FROM current_contract").query(rs -> {
            String contract = rs.getString(1);
            known.add(contract);
            String entity = rs.getString(2);
            if (scope == null || scope.equals("all") || scope.equals(entity)) {
                long[] size = sized.computeIfAbsent(new ClientKey(entity, rs.getString(3)), k -> new long[2]);
                size[0] += records.getOrDefault(contract, 0L);
                size[1]++;
            }
        });
        Set<String> unknown = new TreeSet<>(records.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("valid records of run " + runId + " name contracts that are no longer in contracts.csv: "
                    + unknown);
        }
        jdbc.sql("""
                SELECT DISTINCT entity_id, client_id FROM draft_invoice
                WHERE period = ? AND acted_at IS NULL AND (status = 'live' OR run_id = ? OR superseded_by_run_id = ?)
                  AND (? = 'all' OR entity_id = ?)""")
                .params(period.toString(), runId, runId, scope == null ? "all" : scope, scope)
                .query(rs -> {
                    sized.computeIfAbsent(new ClientKey(rs.getString(1), rs.getString(2)), k -> new long[2]);
                });
        List<ClientPartitions.Sized> clients = new ArrayList<>(sized.size());
        sized.forEach((client, size) -> clients.add(new ClientPartitions.Sized(client, size[0], (int) size[1])));
        return clients;
    }

    /** A run for one legal entity drafts the contracts that entity invoices; a run for all drafts every contract. */
    static boolean inScope(Contract contract, String scope) {
        return scope == null || scope.equals("all") || scope.equals(contract.entityId());
    }

    private static boolean inForceIn(Contract contract, YearMonth period) {
        LocalDate first = period.atDay(1);
        LocalDate last = period.atEndOfMonth();
        return !contract.startDate().isAfter(last) && (contract.endDate() == null || !contract.endDate().isBefore(first));
    }

    /**
     * Cap consumed before the period: live drafts of earlier periods, and for earlier periods billrun did
     * not draft, the contract's totals in billing_history.csv. Retainer carried: the closing balance of
     * the contract's latest earlier live draft.
     */
    private Map<String, PriorBilling> priorBilling(YearMonth period, MasterData master) {
        Map<String, Map<String, BigDecimal>> drafted = new HashMap<>();
        Map<String, BigDecimal> carried = new HashMap<>();
        jdbc.sql("""
                SELECT contract_id, period, cap_consumed, retainer_closing FROM draft_invoice
                WHERE status = 'live' AND period < ? ORDER BY contract_id, period""")
                .param(period.toString())
                .query(rs -> {
                    BigDecimal consumed = rs.getBigDecimal(3);
                    drafted.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            consumed == null ? BigDecimal.ZERO : consumed);
                    if (rs.getBigDecimal(4) != null) {
                        carried.put(rs.getString(1), rs.getBigDecimal(4)); // ordered by period: the latest wins
                    }
                });
        Map<String, BigDecimal> consumed = new HashMap<>();
        drafted.forEach((contract, periods) -> periods.values().forEach(v -> consumed.merge(contract, v, BigDecimal::add)));
        for (BillingHistory h : master.history()) {
            boolean contractTotal = h.consultantId() == null || h.consultantId().isEmpty();
            if (contractTotal && h.period().isBefore(period)
                    && !drafted.getOrDefault(h.contractId(), Map.of()).containsKey(h.period().toString())) {
                consumed.merge(h.contractId(), h.amount(), BigDecimal::add);
            }
        }
        Map<String, PriorBilling> prior = new HashMap<>();
        Set<String> contracts = new HashSet<>(consumed.keySet());
        contracts.addAll(carried.keySet());
        for (String contract : contracts) {
            prior.put(contract, new PriorBilling(consumed.getOrDefault(contract, BigDecimal.ZERO), carried.getOrDefault(contract, BigDecimal.ZERO)));
        }
        return prior;
    }
}
