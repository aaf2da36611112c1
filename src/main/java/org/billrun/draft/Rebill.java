package org.billrun.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.Milestone;
import org.billrun.billing.RecordRef;
import org.billrun.billing.TimeEntry;
import org.billrun.draft.port.Rebills;
import org.billrun.validate.ValidationQueries.Billed;

/**
 * The rules of a rebill draft (docs/credits.md, "Rebills"), in plain Java: which of a run's valid records
 * a credit reopened, grouped by the contract they bill now, and the draft id of their rebill. The records
 * are the run's own versions, so a source corrected and loaded again (hours, project, consultant) and a rate
 * card corrected since the invoice bill as they are now; the assembler prices them by the contract's rules.
 */
public final class Rebill {

    private Rebill() {}

    /** The rebill draft's id: the contract's draft id and {@code -R} with the credit's id, so each credit has one. */
    public static String draftId(String contractDraftId, long creditId) {
        return contractDraftId + "-R" + creditId;
    }

    /**
     * The work of one credit's rebill per contract, by contract id: the records among {@code time},
     * {@code expenses} and {@code milestones} (the run's valid ones) that {@code credit} reopened, for the
     * contracts in {@code contracts} only (the contracts whose invoiced draft holds the credited lines; a
     * record that moved to a contract without one is on that contract's ordinary draft). Records the run
     * does not hold as valid (held by an exception, withdrawn from the source) are not rebilled.
     */
    public static Map<String, ContractWork> work(Rebills.Reopened credit, Map<String, Contract> contracts, List<Billed<TimeEntry>> time,
            List<Billed<Expense>> expenses, Map<String, List<Milestone>> milestones) {
        Set<Rebills.Record> reopened = credit.records();
        Map<String, List<TimeEntry>> timeBy = new TreeMap<>();
        Map<String, List<Expense>> expensesBy = new TreeMap<>();
        Map<String, List<Milestone>> milestonesBy = new TreeMap<>();
        for (Billed<TimeEntry> t : time) {
            if (contracts.containsKey(t.contractId()) && reopened.contains(record(t.record().ref()))) {
                timeBy.computeIfAbsent(t.contractId(), k -> new ArrayList<>()).add(t.record());
            }
        }
        for (Billed<Expense> x : expenses) {
            if (contracts.containsKey(x.contractId()) && reopened.contains(record(x.record().ref()))) {
                expensesBy.computeIfAbsent(x.contractId(), k -> new ArrayList<>()).add(x.record());
            }
        }
        milestones.forEach((contractId, list) -> list.stream()
                .filter(m -> contracts.containsKey(contractId) && reopened.contains(record(m.ref())))
                .forEach(m -> milestonesBy.computeIfAbsent(contractId, k -> new ArrayList<>()).add(m)));
        Map<String, ContractWork> work = new TreeMap<>();
        for (String contractId : contracts.keySet()) {
            List<TimeEntry> t = timeBy.getOrDefault(contractId, List.of());
            List<Expense> x = expensesBy.getOrDefault(contractId, List.of());
            List<Milestone> m = milestonesBy.getOrDefault(contractId, List.of());
            if (!t.isEmpty() || !x.isEmpty() || !m.isEmpty()) {
                work.put(contractId, new ContractWork(contracts.get(contractId), t, x, m));
            }
        }
        return work;
    }

    /** The assembled draft of a rebill's work under its own id: every amount, line, tax and reason as assembled. */
    public static InvoiceDraft asRebill(InvoiceDraft assembled, long creditId) {
        InvoiceDraft d = assembled;
        return new InvoiceDraft(draftId(d.draftId(), creditId), d.period(), d.contractId(), d.clientId(), d.entityId(), d.billingModel(),
                d.poNumber(), d.presentation(), d.timeAnnex(), d.invoiceDate(), d.serviceFrom(), d.serviceTo(), d.lines(), d.taxGroups(),
                d.net(), d.tax(), d.gross(), d.writeDown(), d.cap(), d.retainer(), d.projectManagerId(), d.reasons());
    }

    private static Rebills.Record record(RecordRef ref) {
        return new Rebills.Record(ref.kind().label(), ref.key());
    }
}
