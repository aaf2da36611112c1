package org.billrun.draft;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.infra.RefusedException;
import org.billrun.validate.ValidationQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dry run of the draft stage (`billrun run --dry-run`): computes the drafts of a period's latest
 * validated run on the draft step's own path ({@link DraftService#compute}), and stores nothing. It
 * reads in one read-only REPEATABLE READ transaction, so the database itself refuses a write and
 * every read sees the same snapshot.
 */
@Component
public class DraftPreview {

    /** The last step of the validate stage: a run that completed it has everything drafting reads. */
    private static final String VALIDATED_STEP = "settleExceptions";

    private final JdbcClient jdbc;
    private final DraftService drafting;
    private final ValidationQueries validation;
    private final TransactionTemplate readOnly;

    public DraftPreview(JdbcClient jdbc, DraftService drafting, ValidationQueries validation, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.drafting = drafting;
        this.validation = validation;
        this.readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The drafts the run would write, and the contracts left out because someone already acted on
     * their live draft (the draft step leaves those alone too).
     */
    public record Preview(long runId, YearMonth period, String scope, List<InvoiceDraft> drafts, List<String> actedOn) {}

    /**
     * Empty when the period and scope have no run that completed validation; refused when records of
     * the period were loaded since that run validated them (the next run validates them first).
     */
    public Optional<Preview> preview(YearMonth period, String scope) {
        return readOnly.execute(status -> {
            // belt and braces: whatever the driver does with setReadOnly, this transaction cannot write
            jdbc.sql("SET TRANSACTION READ ONLY").update();
            return latestValidatedRun(period, scope).map(runId -> {
                long changed = validation.changedSince(runId);
                if (changed > 0) {
                    // drafting run N bills what run N validated: its drafts would not be the next run's
                    throw new RefusedException("the records of " + period + " changed since run " + runId + " validated them ("
                            + changed + " record versions superseded, withdrawn or loaded since), so its drafts are not the next run's."
                            + " Validate the period first (billrun run --period " + period + " --until validate), then dry-run it");
                }
                return draft(runId, period, scope);
            });
        });
    }

    private Preview draft(long runId, YearMonth period, String scope) {
        DraftService.Assembled assembled = drafting.compute(runId);
        List<InvoiceDraft> drafts = new ArrayList<>(assembled.drafts());
        drafts.sort((a, b) -> a.draftId().compareTo(b.draftId()));
        return new Preview(runId, period, scope, drafts, assembled.actedOn());
    }

    private Optional<Long> latestValidatedRun(YearMonth period, String scope) {
        return jdbc.sql("""
                SELECT r.run_id FROM billing_run r
                WHERE r.period = ? AND r.scope = ?
                  AND EXISTS (SELECT 1 FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                              WHERE e.job_instance_id = r.run_id AND s.step_name = ? AND s.status = 'COMPLETED')
                ORDER BY r.run_id DESC LIMIT 1""")
                .params(period.toString(), scope, VALIDATED_STEP)
                .query(Long.class)
                .optional();
    }
}
