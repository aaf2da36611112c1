package org.billrun.draft;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.TimeEntry;
import org.billrun.draft.port.Rebills;
import org.billrun.validate.ValidationQueries;
import org.billrun.validate.ValidationQueries.Billed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Drafts the rebills of a run (docs/credits.md, "Rebills"): for each approved credit with a rebill of the
 * run's period that no one has acted on a rebill of yet, the records it reopened, as the run validated them,
 * on a draft of their own ({@link Rebill}) beside the contract's invoiced draft, assembled, taxed and routed
 * as every draft is. The draft step calls it after the contracts' drafts, with the same writer.
 */
@Component
public class RebillDrafts {

    private static final Logger log = LoggerFactory.getLogger(RebillDrafts.class);

    private final ObjectProvider<Rebills> rebills;
    private final ValidationQueries validated;
    private final RebillQueries queries;

    public RebillDrafts(ObjectProvider<Rebills> rebills, ValidationQueries validated, RebillQueries queries) {
        this.rebills = rebills;
        this.validated = validated;
        this.queries = queries;
    }

    /** A rebill draft assembled, and the credit it bills again. */
    public record Drafted(InvoiceDraft draft, long creditId) {}

    /** The approved credits of the period whose rebill is still to be drafted or acted on: what a rebill run drafts. */
    public List<Rebills.Reopened> waiting(YearMonth period) {
        Set<Long> done = queries.actedOnCredits();
        return rebills.getIfAvailable(() -> Rebills.NONE).approved(period).stream().filter(c -> !done.contains(c.creditId())).toList();
    }

    /**
     * Assembles the run's rebill drafts and hands each to {@code drafts}; {@code invoiced} are the contracts
     * of the period whose live draft someone acted on (the ordinary drafting left them out). Call it inside a
     * transaction (the run's records are read with a cursor).
     */
    void assemble(DraftInputs.Inputs in, Set<String> invoiced, Consumer<Drafted> drafts) {
        List<Rebills.Reopened> waiting = waiting(in.context().period());
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, Contract> contracts = new TreeMap<>();
        in.context().master().contracts().forEach((id, contract) -> {
            if (invoiced.contains(id) && DraftInputs.inScope(contract, in.scope())) {
                contracts.put(id, contract);
            }
        });
        List<Billed<TimeEntry>> time;
        List<Billed<Expense>> expenses;
        try (Stream<Billed<TimeEntry>> t = validated.validTimeEntries(in.runId(), DraftInputs.FETCH_SIZE);
                Stream<Billed<Expense>> x = validated.validExpenses(in.runId(), DraftInputs.FETCH_SIZE)) {
            Set<String> keys = new java.util.HashSet<>();
            waiting.forEach(c -> c.records().forEach(r -> keys.add(r.key())));
            time = t.filter(b -> keys.contains(b.record().entryId())).toList();
            expenses = x.filter(b -> keys.contains(b.record().expenseId())).toList();
        }
        InvoiceAssembler assembler = new InvoiceAssembler(in.context());
        for (Rebills.Reopened credit : waiting) {
            Map<String, ContractWork> work = Rebill.work(credit, contracts, time, expenses, in.milestones());
            if (work.isEmpty()) {
                log.info("Credit {} reopened records that run {} does not bill on an invoiced contract of scope {} (held, withdrawn or moved); "
                        + "no rebill drafted", credit.reference(), in.runId(), in.scope());
            }
            work.values().forEach(w -> {
                BillingModel model = w.contract().billingModel();
                if (model == BillingModel.RETAINER || model == BillingModel.NOT_TO_EXCEED) {
                    log.warn("Credit {} reopened records of {} contract {}: rebills of a retainer or a cap are not drafted (docs/credits.md)",
                            credit.reference(), model.label(), w.contract().contractId());
                    return;
                }
                drafts.accept(new Drafted(Rebill.asRebill(assembler.assemble(w), credit.creditId()), credit.creditId()));
            });
        }
    }

    /** Records which credit each of the run's rebill drafts bills again; after the drafts are written. */
    void link(long runId, List<Drafted> drafted) {
        drafted.forEach(d -> queries.link(runId, d.draft().draftId(), d.creditId()));
    }
}
