package org.billrun.draft;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    public DraftService(DraftInputs inputs, DraftStore store, AuditLog auditLog) {
        this.inputs = inputs;
        this.store = store;
        this.auditLog = auditLog;
    }

    /** Drafts run {@code runId}; returns the drafts written. Call it inside a transaction. */
    public List<InvoiceDraft> draft(long runId, String scope) throws SQLException, IOException {
        long start = System.nanoTime();
        store.lock();
        Assembled assembled = compute(runId);
        List<InvoiceDraft> drafts = assembled.drafts();
        long writing = System.nanoTime();
        store.clear(runId, assembled.period().toString(), scope);
        store.write(runId, scope, drafts);
        auditLog.append(List.of(auditLog.entry(AuditAction.DRAFTS_WRITTEN, "run", runId, runId, summary(drafts))));
        long end = System.nanoTime();
        log.info("Drafted {} invoices for run {}: read and assembled in {} ms, cleared and written in {} ms", drafts.size(), runId,
                (writing - start) / 1_000_000, (end - writing) / 1_000_000);
        return drafts;
    }

    /** The drafts of a run's inputs, and the contracts left out because someone acted on their live draft. */
    record Assembled(YearMonth period, List<InvoiceDraft> drafts, List<String> actedOn) {}

    /**
     * The drafts run {@code runId} gets from the data as it is now: the one path of the draft step and
     * of the dry run ({@link DraftPreview}), so the two cannot drift apart. Reads only.
     */
    Assembled compute(long runId) {
        DraftInputs.Inputs in = inputs.read(runId);
        return assemble(in, store.actedOnContracts(in.context().period().toString()));
    }

    /** Assembles every contract's draft except those someone acted on. */
    private static Assembled assemble(DraftInputs.Inputs in, List<String> actedOn) {
        InvoiceAssembler assembler = new InvoiceAssembler(in.context());
        List<InvoiceDraft> drafts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ContractWork work : in.work().values()) {
            if (actedOn.contains(work.contract().contractId())) {
                log.info("Contract {} has a draft someone acted on; its records stay on it", work.contract().contractId());
                skipped.add(work.contract().contractId());
            } else {
                drafts.add(assembler.assemble(work));
            }
        }
        return new Assembled(in.context().period(), drafts, skipped);
    }

    private static String summary(List<InvoiceDraft> drafts) {
        Map<String, BigDecimal> gross = new TreeMap<>();
        long review = drafts.stream().filter(d -> d.route() == InvoiceDraft.Route.REVIEW).count();
        drafts.forEach(d -> gross.merge(d.currency(), d.gross().amount(), BigDecimal::add));
        StringBuilder text = new StringBuilder(drafts.size() + " drafts (" + (drafts.size() - review) + " straight through, " + review
                + " for review); gross");
        gross.forEach((currency, amount) -> text.append(' ').append(MoneyFormat.format(amount, currency)));
        return text.toString();
    }
}
