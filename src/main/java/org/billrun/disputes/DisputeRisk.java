package org.billrun.disputes;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.approval.ApprovalKpiQueries;
import org.billrun.assist.risk.ClientHistory;
import org.billrun.assist.risk.DraftFacts;
import org.billrun.assist.risk.PastInvoice;
import org.billrun.assist.risk.RiskModel;
import org.billrun.assist.risk.RiskScore;
import org.billrun.billing.BillingHistory;
import org.billrun.credit.CreditQueries;
import org.billrun.draft.DraftEvidenceQueries;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.port.DisputeRiskSource;
import org.billrun.disputes.port.PaidInvoices;
import org.billrun.masterdata.BillingHistoryReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The dispute risk of a run's drafts (docs/assistance.md, "Dispute risk"): each draft scored by the shipped
 * risk model against its contract's history. The history is the contract's live drafts of earlier periods
 * (net, lines, lines without evidence, and as written down its cap write-down plus what reviewers wrote down or
 * off before approving it) and, for the periods before billrun drafted it, the
 * contract's totals in billing_history.csv; a period is disputed when a dispute of that contract's invoice of
 * the period was opened. What was credited on a drafted period is the net of its invoice's approved credit memos,
 * its days to pay those from the invoice's issue to the payment that settled it (events import); a period from
 * billing_history.csv, and an invoice not paid in full, count as not credited and unpaid.
 */
@Component
public class DisputeRisk implements DisputeRiskSource {

    private final DraftQueries drafts;
    private final DraftEvidenceQueries draftEvidence;
    private final DisputeQueries disputes;
    private final BillingHistoryReader billingHistory;
    private final CreditQueries credits;
    private final ObjectProvider<PaidInvoices> payments;
    private final ApprovalKpiQueries approvals;

    DisputeRisk(DraftQueries drafts, DraftEvidenceQueries draftEvidence, DisputeQueries disputes, BillingHistoryReader billingHistory, CreditQueries credits,
            ObjectProvider<PaidInvoices> payments, ApprovalKpiQueries approvals) {
        this.approvals = approvals;
        this.drafts = drafts;
        this.draftEvidence = draftEvidence;
        this.disputes = disputes;
        this.billingHistory = billingHistory;
        this.credits = credits;
        this.payments = payments;
    }

    /** An earlier invoice of a contract, in its currency. */
    private record Past(String currency, PastInvoice invoice) {}

    /** The scores of the run's live drafts, by draft id (empty for a run without drafts). */
    public Map<String, RiskScore> scores(long runId) {
        Optional<DraftQueries.RunRef> run = drafts.run(runId);
        if (run.isEmpty()) {
            return Map.of();
        }
        YearMonth period = YearMonth.parse(run.get().period());
        Map<String, List<Past>> history = histories(period);
        Map<String, DraftEvidenceQueries.Evidence> evidence = draftEvidence.evidence(runId);
        Map<String, RiskScore> scores = new LinkedHashMap<>();
        RiskModel model = RiskModel.shipped();
        for (DraftQueries.Summary d : drafts.live(runId, new DraftQueries.Filter(null, null, null))) {
            DraftEvidenceQueries.Evidence own = evidence.getOrDefault(d.draftId(), new DraftEvidenceQueries.Evidence(0, 0));
            DraftFacts facts = new DraftFacts(period, d.net(), own.lines(), own.linesWithoutEvidence());
            List<PastInvoice> past = history.getOrDefault(d.contractId(), List.of()).stream()
                    .filter(p -> p.currency().equals(d.currency())).map(Past::invoice).toList();
            scores.put(d.draftId(), model.score(new ClientHistory(d.clientId(), d.currency(), past), facts));
        }
        return scores;
    }

    /** Reads every contract's history once; the scorer then scores drafts of {@code period} without the database. */
    @Override
    public Scorer forPeriod(YearMonth period) {
        Map<String, List<Past>> history = histories(period);
        RiskModel model = RiskModel.shipped();
        return (contractId, clientId, currency, draft) -> model.score(new ClientHistory(clientId, currency,
                history.getOrDefault(contractId, List.of()).stream().filter(p -> p.currency().equals(currency)).map(Past::invoice).toList()),
                draft);
    }

    /** One contract's history as a draft of {@code period} is scored against: its invoices of earlier periods in {@code currency}. */
    ClientHistory history(String contractId, String clientId, String currency, YearMonth period) {
        return new ClientHistory(clientId, currency, histories(period).getOrDefault(contractId, List.of()).stream()
                .filter(p -> p.currency().equals(currency)).map(Past::invoice).toList());
    }

    private Map<String, List<Past>> histories(YearMonth period) {
        Map<String, Set<YearMonth>> disputed = disputes.disputedPeriods();
        Map<String, Map<YearMonth, BigDecimal>> credited = credits.creditedNetByContractAndPeriod();
        PaidInvoices paid = payments.getIfAvailable();
        Map<String, Map<YearMonth, Integer>> daysToPay = paid == null ? Map.of() : paid.daysToPay();
        Map<String, Map<YearMonth, BigDecimal>> reviewersTookOff = approvals.reviewerWriteDowns();
        Map<String, List<Past>> history = new HashMap<>();
        Map<String, Set<YearMonth>> drafted = new HashMap<>();
        for (DraftEvidenceQueries.Earlier e : draftEvidence.earlierLive(period.toString())) {
            YearMonth p = YearMonth.parse(e.period());
            boolean wasDisputed = disputed.getOrDefault(e.contractId(), Set.of()).contains(p);
            history.computeIfAbsent(e.contractId(), k -> new ArrayList<>()).add(new Past(e.currency(), new PastInvoice(p, e.net(), e.lines(),
                    e.linesWithoutEvidence(), wasDisputed, credited.getOrDefault(e.contractId(), Map.of()).getOrDefault(p, BigDecimal.ZERO),
                    (e.writeDown() == null ? BigDecimal.ZERO : e.writeDown())
                            .add(reviewersTookOff.getOrDefault(e.contractId(), Map.of()).getOrDefault(p, BigDecimal.ZERO)),
                    daysToPay.getOrDefault(e.contractId(), Map.of()).get(p))));
            drafted.computeIfAbsent(e.contractId(), k -> new HashSet<>()).add(p);
        }
        for (BillingHistory h : billingHistory.contractTotals()) {
            if (h.period().isBefore(period) && !drafted.getOrDefault(h.contractId(), Set.of()).contains(h.period())) {
                boolean wasDisputed = disputed.getOrDefault(h.contractId(), Set.of()).contains(h.period());
                history.computeIfAbsent(h.contractId(), k -> new ArrayList<>()).add(new Past(h.currency(),
                        new PastInvoice(h.period(), h.amount(), 0, 0, wasDisputed, BigDecimal.ZERO, BigDecimal.ZERO, null)));
            }
        }
        return history;
    }
}
