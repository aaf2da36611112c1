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
import java.util.function.Consumer;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.MoneyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drafts a run's invoices in the caller's transaction, under the drafting lock: replaces the run's
 * unacted drafts with freshly assembled ones and supersedes other runs' unacted drafts of the period.
 * All or nothing, so a restart after a crash simply drafts again and ends with the same drafts.
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

    /** Drafts run {@code runId}; returns how many drafts it wrote. Call it inside a transaction. */
    public int draft(long runId, String scope) throws SQLException, IOException {
        long start = System.nanoTime();
        store.lock();
        DraftInputs.Inputs in = inputs.read(runId);
        Set<String> actedOn = actedOn(in);
        store.clear(runId, in.context().period().toString(), scope);
        Totals totals = new Totals();
        DraftStore.Writer writer = store.writer(runId, scope);
        int written;
        List<RebillDrafts.Drafted> rebilled = new ArrayList<>();
        Consumer<InvoiceDraft> write = draft -> {
            try {
                writer.add(draft);
            } catch (SQLException | IOException e) {
                throw new DraftWriteException(e);
            }
            totals.add(draft);
        };
        try {
            assemble(in, actedOn, write);
            rebills.assemble(in, actedOn, rebill -> {
                write.accept(rebill.draft());
                rebilled.add(rebill);
            });
            written = writer.finish();
        } catch (DraftWriteException e) {
            throw e.unwrapped();
        }
        rebills.link(runId, rebilled);
        auditLog.append(List.of(auditLog.entry(AuditAction.DRAFTS_WRITTEN, "run", runId, runId, totals.summary())));
        log.info("Drafted {} invoices for run {} in {} ms (records streamed by contract, drafts written as they were assembled)",
                written, runId, (System.nanoTime() - start) / 1_000_000);
        return written;
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
        List<String> skipped = assemble(in, actedOn, drafts::add);
        rebills.assemble(in, actedOn, rebill -> drafts.add(rebill.draft()));
        return new Assembled(in.context().period(), drafts, skipped);
    }

    private Set<String> actedOn(DraftInputs.Inputs in) {
        return new HashSet<>(store.actedOnContracts(in.context().period().toString()));
    }

    /** Assembles every contract's draft except those someone acted on, one contract at a time; returns the contracts skipped. */
    private List<String> assemble(DraftInputs.Inputs in, Set<String> actedOn, Consumer<InvoiceDraft> drafts) {
        InvoiceAssembler assembler = new InvoiceAssembler(in.context());
        List<String> skipped = new ArrayList<>();
        inputs.forEachContract(in, work -> {
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

        void add(InvoiceDraft d) {
            count++;
            review += d.route() == InvoiceDraft.Route.REVIEW ? 1 : 0;
            gross.merge(d.currency(), d.gross().amount(), BigDecimal::add);
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
