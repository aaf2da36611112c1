package org.billrun.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.billrun.assist.risk.RiskEvaluation;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;

/**
 * Generates a deterministic synthetic consulting firm as the input CSV files of docs/input-formats.md: master
 * data (entities, clients, contracts, projects, tasks, consultants, rate cards, milestones, tax rules, fx rates,
 * expense policies), billing history for the six months before the period, the directory of who approves
 * (people and approval limits), and the period's time entries and
 * expenses, with a small share (under 1 %) of deliberate defects for the validation stage. Every row is
 * syntactically valid. Beside them a policy.properties with the firm's approval limits for drafts, and when asked
 * for, dispute_history.csv: months of invoices with disputes, credits and payments ({@link DisputeHistory}), on which
 * the dispute risk score is trained and evaluated.
 *
 * <p>The same request gives byte-identical files: all randomness comes from streams seeded by the request, no
 * clock is read, no hash order is relied on. Period rows are streamed to disk; memory holds master data only.
 * Plain Java, no Spring; not thread-safe per call but holds no state between calls.
 */
public final class FirmGenerator {

    /** The files written, in order. */
    public static final List<String> FILES = Headers.FILES;

    /**
     * The last months of a dispute history the risk score is judged on, after training on the months before: half a
     * year, as the shipped model's evaluation holds out (docs/assistance.md).
     */
    public static final int HELD_OUT_MONTHS = 6;

    public GenerationSummary generate(GenerationRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        Files.createDirectories(request.outDir());
        Firm firm = new FirmBuilder(request).build();
        MasterDataWriter master = new MasterDataWriter(firm, request.outDir());
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(Headers.ENTITIES, master.entities());
        rows.put(Headers.CLIENTS, master.clients());
        rows.put(Headers.CONTRACTS, master.contracts());
        rows.put(Headers.PROJECTS, master.projects());
        rows.put(Headers.TASKS, master.tasks());
        rows.put(Headers.CONSULTANTS, master.consultants());
        rows.put(Headers.RATE_CARDS, master.rateCards());
        rows.put(Headers.MILESTONES, master.milestones());
        rows.put(Headers.TAX_RULES, master.taxRules());
        rows.put(Headers.FX_RATES, master.fxRates());
        rows.put(Headers.EXPENSE_POLICIES, master.expensePolicies());
        rows.put(Headers.BILLING_HISTORY, master.billingHistory());
        PeopleWriter people = new PeopleWriter(firm, request.outDir());
        rows.put(Headers.PEOPLE, people.people());
        rows.put(Headers.APPROVAL_LIMITS, people.approvalLimits());
        rows.put(Headers.TIME_ENTRIES, new TimeEntryWriter(firm, request.outDir()).write());
        rows.put(Headers.EXPENSES, new ExpenseWriter(firm, request.outDir()).write());
        Path policy = PolicyWriter.write(firm, request.outDir());
        RiskEvaluation risk = null;
        if (request.disputeHistoryMonths() > 0) {
            List<DisputeHistory.ContractHistory> history = DisputeHistory.compute(firm, request.disputeHistoryMonths());
            rows.put(DisputeHistory.FILE, DisputeHistory.write(history, request.outDir()));
            // judged at the routing threshold of the policy just written, as drafting of this firm would route
            double threshold = DraftPolicy.from(PolicyFile.read(policy)).disputeRiskThreshold().doubleValue();
            risk = RiskEvaluation.of(history.stream().map(DisputeHistory.ContractHistory::history).toList(),
                    request.period().minusMonths(HELD_OUT_MONTHS + 1L), threshold);
        }
        return new GenerationSummary(request.outDir(), rows, policy, risk);
    }
}
