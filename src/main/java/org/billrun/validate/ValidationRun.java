package org.billrun.validate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.billing.Expense;
import org.billrun.billing.MasterData;
import org.billrun.masterdata.MasterDataReader;
import org.billrun.masterdata.PeriodRecords;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScopes;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.billrun.validate.TimeEntryContext.ConsultantDay;
import org.billrun.validate.TimeEntryContext.DayTotal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One run's validation inputs, shared by its validation steps (a job-scoped bean): the policy the run
 * recorded, the master data, and, read once when first needed, the period-wide facts that the rules
 * of single records need (hours per consultant-day, expenses per consultant).
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
    private ExpenseContext expenseContext;
    private TimeEntryValidator timeEntryValidator;
    private ExpenseValidator expenseValidator;

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
            log.info("Read master data: {} contracts, {} projects, {} consultants, {} history rows in {} ms", master.contracts().size(),
                    master.projects().size(), master.consultants().size(), master.history().size(), (System.nanoTime() - start) / 1_000_000);
        }
        return master;
    }

    public synchronized TimeEntryContext timeEntryContext() {
        if (timeEntryContext == null) {
            long start = System.nanoTime();
            Map<ConsultantDay, DayTotal> days = new HashMap<>();
            jdbc.sql("""
                    SELECT consultant_id, work_date, sum(hours), count(*) FROM current_time_entry
                    WHERE ingest_period = ? GROUP BY consultant_id, work_date""")
                    .param(period.toString())
                    .query(rs -> {
                        days.put(new ConsultantDay(rs.getString(1), rs.getObject(2, LocalDate.class)),
                                new DayTotal(rs.getBigDecimal(3), rs.getInt(4)));
                    });
            log.info("Summed hours of {} consultant-days in {} ms", days.size(), (System.nanoTime() - start) / 1_000_000);
            timeEntryContext = new TimeEntryContext(period, cutoff(), policy(), master(), days, policies());
        }
        return timeEntryContext;
    }

    public synchronized ExpenseContext expenseContext() {
        if (expenseContext == null) {
            Map<String, List<Expense>> byConsultant = new LinkedHashMap<>();
            jdbc.sql(PeriodRecords.EXPENSES).param(period.toString()).query(PeriodRecords.EXPENSE).stream()
                    .forEach(x -> byConsultant.computeIfAbsent(x.consultantId(), k -> new ArrayList<>()).add(x));
            expenseContext = new ExpenseContext(period, cutoff(), policy(), master(), byConsultant, policies());
        }
        return expenseContext;
    }

    public synchronized TimeEntryValidator timeEntryValidator() {
        if (timeEntryValidator == null) {
            timeEntryValidator = new TimeEntryValidator(timeEntryContext());
        }
        return timeEntryValidator;
    }

    public synchronized ExpenseValidator expenseValidator() {
        if (expenseValidator == null) {
            expenseValidator = new ExpenseValidator(expenseContext());
        }
        return expenseValidator;
    }
}
