package org.billrun.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.audit.AuditLog;
import org.billrun.billing.MoneyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The draft step: in one transaction, under the drafting lock, replaces the run's unacted drafts with
 * freshly assembled ones and supersedes earlier runs' unacted drafts of the period. All or nothing, so
 * a restart after a crash simply drafts again and ends with the same drafts.
 */
class DraftStep implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DraftStep.class);

    private final long runId;
    private final String scope;
    private final DraftInputs inputs;
    private final DraftStore store;
    private final AuditLog auditLog;

    DraftStep(long runId, String scope, DraftInputs inputs, DraftStore store, AuditLog auditLog) {
        this.runId = runId;
        this.scope = scope;
        this.inputs = inputs;
        this.store = store;
        this.auditLog = auditLog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        store.lock();
        DraftInputs.Inputs in = inputs.read(runId);
        String period = in.context().period().toString();
        List<String> actedOn = store.actedOnContracts(period);
        store.clear(runId, period);
        InvoiceAssembler assembler = new InvoiceAssembler(in.context());
        List<InvoiceDraft> drafts = new ArrayList<>();
        for (ContractWork work : in.work().values()) {
            if (actedOn.contains(work.contract().contractId())) {
                log.info("Contract {} has a draft someone acted on; its records stay on it", work.contract().contractId());
                continue;
            }
            drafts.add(assembler.assemble(work));
        }
        store.write(runId, scope, drafts);
        contribution.incrementWriteCount(drafts.size());
        auditLog.append(List.of(new AuditLog.Entry("billrun", "drafts_written", "run", runId, runId, summary(drafts))));
        log.info("Drafted {} invoices for run {}", drafts.size(), runId);
        return RepeatStatus.FINISHED;
    }

    private static String summary(List<InvoiceDraft> drafts) {
        Map<String, BigDecimal> gross = new TreeMap<>();
        long review = drafts.stream().filter(d -> d.route() == InvoiceDraft.Route.REVIEW).count();
        drafts.forEach(d -> gross.merge(d.currency(), d.gross(), BigDecimal::add));
        StringBuilder text = new StringBuilder(drafts.size() + " drafts (" + (drafts.size() - review) + " straight through, " + review
                + " for review); gross");
        gross.forEach((currency, amount) -> text.append(' ').append(MoneyFormat.format(amount, currency)));
        return text.toString();
    }
}
