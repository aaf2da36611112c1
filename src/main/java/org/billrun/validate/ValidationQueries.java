package org.billrun.validate;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.billrun.billing.Expense;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RecordKind;
import org.billrun.billing.TimeEntry;
import org.billrun.masterdata.PeriodRecords;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other stages and the run summary may ask of validation's tables: the policy a run recorded, the
 * records it found valid, the period's open exceptions, and what validation made of a run.
 */
@Component
public class ValidationQueries {

    /** The policy file a run recorded when it was validated, with the run's period and scope. */
    public record RunPolicy(YearMonth period, String scope, String source, String content) {}

    /** An open exception of the period, as drafting needs it: what it is about and whose it is. */
    public record OpenException(long exceptionId, String ruleCode, String severity, OwnerRole ownerRole, String ownerId,
            RecordKind recordKind, long recordRowId, String recordKey, String where, String message) {

        /**
         * The exception in words a route reason can carry: its rule and the record it is on, never its
         * surrogate id, so that two runs of the same inputs give the same text ("open exception
         * CAP_EXCEEDED (block) on contract K-KESTREL-1 (contracts.csv line 7): ...").
         */
        public String describe() {
            String record = recordKind.label().replace('_', ' ') + " " + recordKey;
            return "open exception " + ruleCode + " (" + severity + ") on " + record
                    + (where == null || where.equals(recordKey) ? "" : " (" + where + ")") + ": " + message;
        }

        /** An order that does not depend on ids: rule, then the record's kind and key, then where it was read. */
        public static final Comparator<OpenException> BY_RULE_AND_RECORD = Comparator
                .comparing(OpenException::ruleCode).thenComparing(OpenException::recordKind)
                .thenComparing(OpenException::recordKey, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(OpenException::where, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /**
     * What validation made of the period's records: per kind, valid + held + non-billable + rejected at
     * ingest; the exceptions this run raised or confirmed, by rule; and how many consultants have missing
     * time.
     */
    public record Summary(String cutoff, String asOf, List<States> states, List<Exceptions> exceptions, long closedThisRun,
            long consultantsWithMissingTime) {}

    public record States(String kind, long valid, long held, long nonBillable, long rejected) {}

    public record Exceptions(String rule, String severity, long open, long waived, long newThisRun) {}

    private final JdbcClient jdbc;

    public ValidationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RunPolicy> policy(long runId) {
        return jdbc.sql("""
                SELECT r.period, r.scope, p.source, p.content FROM billing_run r JOIN run_policy p ON p.run_id = r.run_id
                WHERE r.run_id = ?""")
                .param(runId)
                .query((rs, i) -> new RunPolicy(YearMonth.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /**
     * The condition on a run's validated_record row {@code v} (run id {@code :run}) for a record that
     * bills: valid when the run validated it, or held then by blocking exceptions that have all been
     * waived since. A waiver lets its record through without waiting for the next run to validate it
     * again, so drafting the run, and its dry run, bill what that next run would. A resolved exception
     * still holds: the next run finds the same record version and reopens it.
     */
    private static final String BILLS = """
            (v.state = 'valid' OR v.state = 'held' AND (v.record_kind, v.record_row_id) IN (
                SELECT e.record_kind, e.record_row_id FROM validation_exception e
                WHERE e.period = (SELECT r.period FROM billing_run r WHERE r.run_id = :run)
                  AND e.severity = 'block' AND e.last_seen_run_id >= :run
                GROUP BY e.record_kind, e.record_row_id HAVING bool_and(e.status = 'waived')))""";

    /** A record of the run that bills, and the contract it bills. */
    public record Billed<T>(String contractId, T record) {}

    /**
     * The time entries of the run that bill ({@link #BILLS}), ordered by the contract they bill, then by
     * row. Read through a server-side cursor of {@code fetchSize} rows in the caller's transaction (so
     * only that many rows are in memory at once); the caller closes the stream. Contract ids come in
     * code-point order (collation "C"), the order of Java's {@code String.compareTo} for them.
     */
    public Stream<Billed<TimeEntry>> validTimeEntries(long runId, int fetchSize) {
        return validTimeEntries(runId, null, fetchSize);
    }

    /** The same, of the contracts {@code contractIds} only (all when null): a drafting partition streams its clients' records. */
    public Stream<Billed<TimeEntry>> validTimeEntries(long runId, Collection<String> contractIds, int fetchSize) {
        return valid(runId, contractIds, """
                SELECT t.id, t.line_no, t.entry_id, t.consultant_id, t.project_id, t.task_id, t.work_date, t.hours, t.billable,
                       t.approval_status, t.submitted_at, t.approved_by, v.contract_id
                FROM validated_record v JOIN time_entry t ON t.id = v.record_row_id
                WHERE v.run_id = :run AND v.record_kind = 'time_entry' AND """ + BILLS, PeriodRecords.TIME_ENTRY, 13, fetchSize);
    }

    /** The expenses of the run that bill ({@link #BILLS}), ordered and read as {@link #validTimeEntries}. */
    public Stream<Billed<Expense>> validExpenses(long runId, int fetchSize) {
        return validExpenses(runId, null, fetchSize);
    }

    /** The same, of the contracts {@code contractIds} only (all when null). */
    public Stream<Billed<Expense>> validExpenses(long runId, Collection<String> contractIds, int fetchSize) {
        return valid(runId, contractIds, """
                SELECT x.id, x.line_no, x.expense_id, x.consultant_id, x.project_id, x.expense_date, x.category, x.amount, x.currency,
                       x.merchant, x.has_receipt, x.receipt_ref, x.reimbursable, x.approval_status, x.submitted_at, v.contract_id
                FROM validated_record v JOIN expense x ON x.id = v.record_row_id
                WHERE v.run_id = :run AND v.record_kind = 'expense' AND """ + BILLS, PeriodRecords.EXPENSE, 16, fetchSize);
    }

    /** Records read by {@code sql} with the contract they bill (column {@code contractColumn}), by contract and row. */
    private <T> Stream<Billed<T>> valid(long runId, Collection<String> contractIds, String sql, RowMapper<T> record, int contractColumn,
            int fetchSize) {
        String only = contractIds == null ? "" : "\nAND v.contract_id = ANY (:contracts)";
        var statement = jdbc.sql(sql + only + "\nORDER BY v.contract_id COLLATE \"C\", v.record_row_id").withFetchSize(fetchSize)
                .param("run", runId);
        if (contractIds != null) {
            statement = statement.param("contracts", contractIds.toArray(String[]::new));
        }
        return statement.query((rs, i) -> new Billed<>(rs.getString(contractColumn), record.mapRow(rs, i))).stream();
    }

    /**
     * How many of the run's time entries and expenses that bill ({@link #BILLS}) each contract has: what
     * drafting sizes its partitions by, and the contracts it must find in the master data.
     */
    public Map<String, Long> billingRecordsByContract(long runId) {
        Map<String, Long> records = new HashMap<>();
        jdbc.sql("""
                SELECT v.contract_id, count(*) FROM validated_record v
                WHERE v.run_id = :run AND v.record_kind IN ('time_entry', 'expense') AND v.contract_id IS NOT NULL AND """ + BILLS + """

                GROUP BY v.contract_id""")
                .param("run", runId)
                .query(rs -> {
                    records.put(rs.getString(1), rs.getLong(2));
                });
        return records;
    }

    /** The version rows of the run's milestones that bill ({@link #BILLS}). */
    public Set<Long> validMilestoneRows(long runId) {
        return new HashSet<>(jdbc.sql("""
                SELECT v.record_row_id FROM validated_record v WHERE v.run_id = :run AND v.record_kind = 'milestone' AND """ + BILLS)
                .param("run", runId).query(Long.class).list());
    }

    /**
     * How many of the period's time entries, expenses and milestones changed since run {@code runId}
     * validated them: versions it validated that a later load superseded or withdrew, and time entries
     * and expenses loaded since that it never saw. Drafting a run bills what it validated, so until a
     * run validates the changes, drafting that run would not bill what the next run bills.
     */
    public long changedSince(long runId) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM validated_record v JOIN time_entry t ON t.id = v.record_row_id
                        WHERE v.run_id = :run AND v.record_kind = 'time_entry' AND t.record_status <> 'current')
                     + (SELECT count(*) FROM validated_record v JOIN expense x ON x.id = v.record_row_id
                        WHERE v.run_id = :run AND v.record_kind = 'expense' AND x.record_status <> 'current')
                     + (SELECT count(*) FROM validated_record v JOIN milestone m ON m.id = v.record_row_id
                        WHERE v.run_id = :run AND v.record_kind = 'milestone' AND m.record_status <> 'current')
                     + (SELECT count(*) FROM current_time_entry t
                        WHERE t.ingest_period = (SELECT period FROM billing_run WHERE run_id = :run) AND NOT EXISTS (
                              SELECT 1 FROM validated_record v WHERE v.run_id = :run AND v.record_kind = 'time_entry' AND v.record_row_id = t.id))
                     + (SELECT count(*) FROM current_expense x
                        WHERE x.ingest_period = (SELECT period FROM billing_run WHERE run_id = :run) AND NOT EXISTS (
                              SELECT 1 FROM validated_record v WHERE v.run_id = :run AND v.record_kind = 'expense' AND v.record_row_id = x.id))""")
                .param("run", runId).query(Long.class).single();
    }

    /**
     * The period's open exceptions that can touch a draft of run {@code runId}, oldest first: those on master
     * records, and those on the period records the run bills (valid in it). One per record
     * and rule, whatever the scope of the run that raised it. One a person resolved after the run found it
     * counts as open, because the next run finds the same record version and reopens it (as with
     * {@link #BILLS}, a resolve changes nothing until a corrected version is loaded).
     */
    public List<OpenException> openExceptions(YearMonth period, long runId) {
        return jdbc.sql("""
                SELECT exception_id, rule_code, severity, owner_role, owner_id, record_kind, record_row_id, record_key, source_file,
                       line_no, message
                FROM validation_exception e WHERE period = ?
                  AND (status = 'open' OR status = 'resolved' AND last_seen_run_id >= ?)
                  -- a draft is touched on a period record only through a line billing it: the exceptions of records the
                  -- run did not bill (held, most of them, or not billable) cannot touch one, and a month with hundreds of
                  -- thousands of them would otherwise be read into every drafting partition's memory
                  AND (record_kind NOT IN ('time_entry', 'expense') OR EXISTS (
                      SELECT 1 FROM validated_record v WHERE v.run_id = ? AND v.record_kind = e.record_kind
                        AND v.record_row_id = e.record_row_id AND v.state = 'valid'))
                ORDER BY exception_id""")
                .params(period.toString(), runId, runId)
                .query((rs, i) -> new OpenException(rs.getLong(1), rs.getString(2), rs.getString(3), OwnerRole.parse(rs.getString(4)),
                        rs.getString(5), RecordKind.parse(rs.getString(6)), rs.getLong(7), rs.getString(8),
                        rs.getString(9) == null ? rs.getString(8) : rs.getString(9) + " line " + rs.getInt(10), rs.getString(11)))
                .list();
    }

    /**
     * What validation made of run {@code runId}, or empty when the run stopped before validating.
     *
     * @param rejectedAtIngest rows of a record kind ("time_entry", "expense") rejected when its file was loaded
     */
    public Optional<Summary> summary(long runId, ToLongFunction<String> rejectedAtIngest) {
        record Policy(String cutoff, String asOf) {}
        Optional<Policy> policy = jdbc.sql("SELECT to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), as_of::text FROM run_policy WHERE run_id = ?")
                .param(runId).query((rs, i) -> new Policy(rs.getString(1), rs.getString(2))).optional();
        if (policy.isEmpty() || jdbc.sql("SELECT count(*) FROM validated_record WHERE run_id = ?").param(runId).query(Long.class).single() == 0) {
            return Optional.empty();
        }
        List<States> states = jdbc.sql("""
                SELECT k.kind,
                       count(*) FILTER (WHERE v.state = 'valid'), count(*) FILTER (WHERE v.state = 'held'),
                       count(*) FILTER (WHERE v.state = 'non_billable')
                FROM (VALUES ('time_entry', 1), ('expense', 2), ('milestone', 3)) AS k(kind, ord)
                LEFT JOIN validated_record v ON v.run_id = :run AND v.record_kind = k.kind
                GROUP BY k.kind, k.ord ORDER BY k.ord""")
                .param("run", runId)
                .query((rs, i) -> new States(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(1).equals("milestone") ? 0 : rejectedAtIngest.applyAsLong(rs.getString(1))))
                .list();
        List<Exceptions> exceptions = jdbc.sql("""
                SELECT rule_code, severity, count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'waived'),
                       count(*) FILTER (WHERE raised_by_run_id = :run)
                FROM validation_exception WHERE last_seen_run_id = :run
                GROUP BY rule_code, severity ORDER BY severity, rule_code""")
                .param("run", runId)
                .query((rs, i) -> new Exceptions(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
        long closed = jdbc.sql("SELECT count(*) FROM audit_log WHERE run_id = ? AND action = 'resolved' AND subject_type = 'exception'")
                .param(runId).query(Long.class).single();
        long missing = jdbc.sql("SELECT count(*) FROM missing_time WHERE run_id = ?").param(runId).query(Long.class).single();
        return Optional.of(new Summary(policy.get().cutoff(), policy.get().asOf(), states, exceptions, closed, missing));
    }
}
