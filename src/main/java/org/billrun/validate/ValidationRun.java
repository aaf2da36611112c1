package org.billrun.validate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.billrun.billing.Expense;
import org.billrun.billing.MasterData;
import org.billrun.masterdata.MasterDataReader;
import org.billrun.masterdata.PeriodRecords;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScopes;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One run's validation inputs, shared by its validation steps (a job-scoped bean): the policy the run
 * recorded and the master data, read once when first needed. What the rules of a record need beyond
 * it comes with the record: a time entry's consultant-day hours ({@link TimeEntryOfDay}); expenses are
 * compared only with the same consultant's, which the expense step streams together ({@link ExpenseWindow}).
 */
public class ValidationRun {

    private static final Logger log = LoggerFactory.getLogger(ValidationRun.class);

    private final long runId;
    private final YearMonth period;
    private final String scope;
    private final JdbcClient jdbc;
    private final MasterDataReader masterDataReader;
    private ValidationPolicy policy;
    private PolicyFile policyFile;
    private RecordPolicies<ValidationPolicy> policies;
    private Instant cutoff;
    private LocalDate asOf;
    private MasterData master;
    private TimeEntryContext timeEntryContext;
    private TimeEntryValidator timeEntryValidator;

    public ValidationRun(long runId, YearMonth period, String scope, JdbcClient jdbc, MasterDataReader masterDataReader) {
        this.runId = runId;
        this.period = period;
        this.scope = scope;
        this.jdbc = jdbc;
        this.masterDataReader = masterDataReader;
    }

    public long runId() {
        return runId;
    }

    public YearMonth period() {
        return period;
    }

    public String scope() {
        return scope;
    }

    public synchronized ValidationPolicy policy() {
        if (policy == null) {
            record Recorded(String source, String content, Instant cutoff, LocalDate asOf) {}
            Recorded recorded = jdbc.sql("SELECT source, content, cutoff, as_of FROM run_policy WHERE run_id = ?").param(runId)
                    .query((rs, i) -> new Recorded(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getObject(4, LocalDate.class)))
                    .single();
            policyFile = PolicyFile.of(recorded.source(), recorded.content());
            policy = ValidationPolicy.from(policyFile);
            cutoff = recorded.cutoff();
            asOf = recorded.asOf();
        }
        return policy;
    }

    public synchronized Instant cutoff() {
        policy();
        return cutoff;
    }

    public synchronized LocalDate asOf() {
        policy();
        return asOf;
    }

    /**
     * The policy of each record by its scope (project, contract, client, model, country). Fails with a
     * PolicyException naming the setting when a scoped setting names no project, contract, client,
     * billing model or country of the master data.
     */
    public synchronized RecordPolicies<ValidationPolicy> policies() {
        if (policies == null) {
            policy();
            ScopedPolicy<ValidationPolicy> scoped = ScopedPolicy.of(policyFile, ValidationPolicy::from);
            PolicyScopes scopes = null;
            if (scoped.scoped()) {
                scopes = new PolicyScopes(master(), masterDataReader.entities());
                ScopedPolicy.requireKnownScopes(policyFile, scopes::known);
            }
            policies = new RecordPolicies<>(scoped, scopes);
        }
        return policies;
    }

    public synchronized MasterData master() {
        if (master == null) {
            long start = System.nanoTime();
            master = masterDataReader.read(policy().fxLookbackDays());
            log.info("Read master data: {} contracts, {} projects, {} consultants, {} history rows per contract in {} ms", master.contracts().size(),
                    master.projects().size(), master.consultants().size(), master.history().size(), (System.nanoTime() - start) / 1_000_000);
        }
        return master;
    }

    /**
     * The time entry rules' context, shared by the run's partitions. Each entry comes with its consultant-day's hours
     * (the partition's cursor sums them), so no period-wide table of days is held: at 3M entries that table held
     * 973,298 days, about 190 MB of the heap, and every partition waited 5.2 s for it to be read.
     */
    public synchronized TimeEntryContext timeEntryContext() {
        if (timeEntryContext == null) {
            timeEntryContext = new TimeEntryContext(period, cutoff(), policy(), master(), TimeEntryContext.READ_WITH_EACH_ENTRY, policies());
        }
        return timeEntryContext;
    }

    /** The expense validator of one step execution, comparing each line with {@code sameConsultant}'s lines (its window). */
    public ExpenseValidator expenseValidator(ExpenseContext.SameConsultant sameConsultant) {
        return new ExpenseValidator(new ExpenseContext(period, cutoff(), policy(), master(), sameConsultant, policies()));
    }

    /** A consultant's expenses of the period loaded before the row {@code rowId}, in load order (a window's start). */
    public List<Expense> expensesBefore(String consultantId, long rowId) {
        return jdbc.sql(PeriodRecords.EXPENSES_OF_CONSULTANT_BEFORE).params(period.toString(), consultantId, rowId)
                .query(PeriodRecords.EXPENSE).list();
    }

    /**
     * Lets go of the master data once the run's validation is done: the run drafts and writes its reports in the same
     * JVM, and under -Xmx1g the drafting partitions need that heap (README, "3M entries"). Asked again, it is read again.
     */
    public synchronized void release() {
        master = null;
        policies = null;
        timeEntryContext = null;
        timeEntryValidator = null;
    }

    public synchronized TimeEntryValidator timeEntryValidator() {
        if (timeEntryValidator == null) {
            timeEntryValidator = new TimeEntryValidator(timeEntryContext());
        }
        return timeEntryValidator;
    }
}
