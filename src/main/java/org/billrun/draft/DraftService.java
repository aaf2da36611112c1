package org.billrun.draft;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.MoneyFormat;
import org.billrun.infra.partition.ClientKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drafts a run's invoices, a set of clients at a time in the caller's transaction (a partition of the
 * draft step, {@link #draftClients}): locks the clients' contracts, replaces the run's unacted drafts of
 * them with freshly assembled ones and supersedes other runs' unacted drafts of them. All or nothing per
 * set of clients, so a partition resumed after a crash simply drafts its clients again and ends with the
 * same drafts. When every partition is done, {@link #record} logs the run's drafts.
 */
@Component
public class DraftService {

    private static final Logger log = LoggerFactory.getLogger(DraftService.class);

    private final DraftInputs inputs;
    private final DraftStore store;
    private final AuditLog auditLog;
    private final RebillDrafts rebills;

    public DraftService(DraftInputs inputs, DraftStore store, AuditLog auditLog, RebillDrafts rebills) {
        this.inputs = inputs;
        this.store = store;
        this.auditLog = auditLog;
        this.rebills = rebills;
    }

    /**
     * Drafts the whole of run {@code runId} in one transaction (every client of its scope, then
     * {@link #record}); returns how many drafts it wrote. Call it inside a transaction. The run's draft
     * step does the same in partitions.
     */
    public int draft(long runId, String scope) throws SQLException, IOException {
        Set<ClientKey> clients = new TreeSet<>();
        inputs.clients(runId, scope).forEach(c -> clients.add(c.client()));
        int written = draftClients(runId, scope, clients);
        record(runId);
        return written;
    }

    /**
     * Drafts the contracts of {@code clients} of run {@code runId} (a run of {@code scope}) under their
     * contracts' locks; returns how many drafts it wrote. Call it inside a transaction.
     */
    public int draftClients(long runId, String scope, Set<ClientKey> clients) throws SQLException, IOException {
        return draftClients(runId, scope, clients, lookback -> inputs.shared(runId, lookback));
    }

    /** The same with what {@code shared} gives (a drafting partition's, shared with its attempt's other partitions). */
    int draftClients(long runId, String scope, Set<ClientKey> clients, IntFunction<DraftInputs.Shared> shared)
            throws SQLException, IOException {
        long start = System.nanoTime();
        if (clients.isEmpty()) {
            return 0;
        }
        store.planForTheArguments();
        String period = inputs.period(runId).toString();
        Set<String> contracts = store.contractsOf(period, clients);
        store.lockContracts(contracts);
        // read under the locks: cap and retainer ledgers, milestones billed elsewhere, drafts acted on
        DraftInputs.Inputs in = inputs.read(runId, shared);
        Set<String> actedOn = actedOn(in);
        store.clear(runId, period, clients, contracts);
        DraftStore.Writer writer = store.writer(runId, scope);
        int written;
        List<RebillDrafts.Drafted> rebilled = new ArrayList<>();
        Consumer<InvoiceDraft> write = draft -> {
            try {
                writer.add(draft);
            } catch (SQLException | IOException e) {
                throw new DraftWriteException(e);
            }
        };
        try {
            assemble(in, clients, actedOn, write);
            rebills.assemble(in, clients, actedOn, rebill -> {
                write.accept(rebill.draft());
                rebilled.add(rebill);
            });
            written = writer.finish();
        } catch (DraftWriteException e) {
            throw e.unwrapped();
        }
        rebills.link(runId, rebilled);
        log.info("Drafted {} invoices of {} clients ({} contracts locked) for run {} in {} ms (records streamed by contract,"
                + " drafts written as they were assembled)", written, clients.size(), contracts.size(), runId,
                (System.nanoTime() - start) / 1_000_000);
        return written;
    }

    /**
     * Once every client of run {@code runId} is drafted: refreshes the draft tables' statistics and logs
     * the run's drafts in the audit log (how many, how many for review, gross per currency), unless the
     * run's latest such entry already says exactly that. A step stopped or killed after its transaction
     * committed is run again on resume (Spring Batch had not recorded it COMPLETED): its partitions write
     * the same drafts again, and the log must not get a second entry for them.
     */
    public void record(long runId) {
        store.analyze();
        Totals totals = new Totals();
        store.totals(runId).forEach(totals::add);
        String summary = totals.summary();
        if (store.lastRecorded(runId, AuditAction.DRAFTS_WRITTEN.label()).filter(summary::equals).isPresent()) {
            log.info("The audit log already records run {}'s drafts as they are ({}); not recorded again", runId, summary);
            return;
        }
        auditLog.append(List.of(auditLog.entry(AuditAction.DRAFTS_WRITTEN, "run", runId, runId, summary)));
    }

    /** The drafts of a run's inputs, and the contracts left out because someone acted on their live draft. */
    record Assembled(YearMonth period, List<InvoiceDraft> drafts, List<String> actedOn) {}

    /**
     * The drafts run {@code runId} gets from the data as it is now, on the draft step's own path, so the
     * dry run ({@link DraftPreview}) and the step cannot drift apart. Reads only; holds every draft, so
     * it is for previews, not for month-end at scale.
     */
    Assembled compute(long runId) {
        DraftInputs.Inputs in = inputs.read(runId);
        Set<String> actedOn = actedOn(in);
        List<InvoiceDraft> drafts = new ArrayList<>();
        List<String> skipped = assemble(in, null, actedOn, drafts::add);
        rebills.assemble(in, null, actedOn, rebill -> drafts.add(rebill.draft()));
        return new Assembled(in.context().period(), drafts, skipped);
    }

    private Set<String> actedOn(DraftInputs.Inputs in) {
        return new HashSet<>(store.actedOnContracts(in.context().period().toString()));
    }

    /**
     * Assembles the draft of every contract of {@code clients} (all when null) except those someone acted
     * on, one contract at a time; returns the contracts skipped.
     */
    private List<String> assemble(DraftInputs.Inputs in, Set<ClientKey> clients, Set<String> actedOn, Consumer<InvoiceDraft> drafts) {
        InvoiceAssembler assembler = new InvoiceAssembler(in.context());
        List<String> skipped = new ArrayList<>();
        inputs.forEachContract(in, clients, work -> {
            if (actedOn.contains(work.contract().contractId())) {
                log.info("Contract {} has a draft someone acted on; its records stay on it", work.contract().contractId());
                skipped.add(work.contract().contractId());
            } else {
                drafts.accept(assembler.assemble(work));
            }
        });
        return skipped;
    }

    /** What the audit log says of a run's drafts: how many, how many for review, gross per currency. */
    private static final class Totals {
        private final Map<String, BigDecimal> gross = new TreeMap<>();
        private long count;
        private long review;

        void add(DraftStore.CurrencyTotals t) {
            count += t.drafts();
            review += t.review();
            gross.merge(t.currency(), t.gross(), BigDecimal::add);
        }

        String summary() {
            StringBuilder text = new StringBuilder(count + " drafts (" + (count - review) + " straight through, " + review
                    + " for review); gross");
            gross.forEach((currency, amount) -> text.append(' ').append(MoneyFormat.format(amount, currency)));
            return text.toString();
        }
    }

    /** A failed COPY while drafts stream through a consumer; {@link #draft} throws the cause. */
    private static final class DraftWriteException extends RuntimeException {
        DraftWriteException(Exception cause) {
            super(cause);
        }

        SQLException unwrapped() {
            return getCause() instanceof SQLException sql ? sql : new SQLException(getCause());
        }
    }
}
