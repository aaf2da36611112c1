package org.billrun.masterdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Expense;
import org.billrun.billing.RecordKind;
import org.billrun.billing.RecordRef;
import org.billrun.billing.TimeEntry;
import org.springframework.jdbc.core.RowMapper;

/** The period's current time entries and expenses, as the validation steps read them. */
public final class PeriodRecords {

    private PeriodRecords() {}

    /**
     * The period's time entries of a range of consultants (ids from the second parameter up to, not including,
     * the third, or to the last when it is null; entries without a consultant count as the empty id), in load
     * order: a validation partition's records ({@code validate.ConsultantRanges}). Each row also carries the hours and
     * the number of entries of its consultant-day (columns 13 and 14): a range holds all of its consultants' entries,
     * so the window sees the whole day, and the daily maximum needs no period-wide table in memory.
     */
    public static final String TIME_ENTRIES_OF_CONSULTANTS = """
            SELECT id, line_no, entry_id, consultant_id, project_id, task_id, work_date, hours, billable, approval_status,
                   submitted_at, approved_by, sum(hours) OVER day, count(*) OVER day
            FROM current_time_entry
            WHERE ingest_period = ? AND coalesce(consultant_id, '') COLLATE "C" >= ?
              AND (coalesce(consultant_id, '') COLLATE "C" < ?::text OR ?::text IS NULL)
            WINDOW day AS (PARTITION BY consultant_id, work_date)
            ORDER BY id""";

    public static final String EXPENSES = """
            SELECT id, line_no, expense_id, consultant_id, project_id, expense_date, category, amount, currency, merchant,
                   has_receipt, receipt_ref, reimbursable, approval_status, submitted_at
            FROM current_expense WHERE ingest_period = ? ORDER BY id""";

    /**
     * The period's expenses of a range of consultants (as {@link #TIME_ENTRIES_OF_CONSULTANTS}), by consultant, then
     * load order: the order validation streams them in, so that the duplicate checks need only the current
     * consultant's earlier lines, not the whole period.
     */
    public static final String EXPENSES_OF_CONSULTANTS = """
            SELECT id, line_no, expense_id, consultant_id, project_id, expense_date, category, amount, currency, merchant,
                   has_receipt, receipt_ref, reimbursable, approval_status, submitted_at
            FROM current_expense
            WHERE ingest_period = ? AND coalesce(consultant_id, '') COLLATE "C" >= ?
              AND (coalesce(consultant_id, '') COLLATE "C" < ?::text OR ?::text IS NULL)
            ORDER BY consultant_id COLLATE "C", id""";

    /** How many of the period's time entries each consultant has, in the order of the ranges' ids. */
    public static final String TIME_ENTRIES_PER_CONSULTANT = """
            SELECT coalesce(consultant_id, '') COLLATE "C" AS consultant, count(*) FROM current_time_entry
            WHERE ingest_period = ? GROUP BY 1 ORDER BY 1""";

    /** How many of the period's expenses each consultant has, in the order of the ranges' ids. */
    public static final String EXPENSES_PER_CONSULTANT = """
            SELECT coalesce(consultant_id, '') COLLATE "C" AS consultant, count(*) FROM current_expense
            WHERE ingest_period = ? GROUP BY 1 ORDER BY 1""";

    /** One consultant's expenses of the period loaded before a given one (row id), in load order. */
    public static final String EXPENSES_OF_CONSULTANT_BEFORE = """
            SELECT id, line_no, expense_id, consultant_id, project_id, expense_date, category, amount, currency, merchant,
                   has_receipt, receipt_ref, reimbursable, approval_status, submitted_at
            FROM current_expense WHERE ingest_period = ? AND consultant_id IS NOT DISTINCT FROM ? AND id < ? ORDER BY id""";

    public static final RowMapper<TimeEntry> TIME_ENTRY = (rs, i) -> new TimeEntry(
            new RecordRef(RecordKind.TIME_ENTRY, rs.getLong(1), rs.getString(3), "time_entries.csv", rs.getInt(2)),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), date(rs, 7), rs.getBigDecimal(8), rs.getBoolean(9),
            ApprovalStatus.parse(rs.getString(10)), instant(rs, 11), rs.getString(12));

    public static final RowMapper<Expense> EXPENSE = (rs, i) -> new Expense(
            new RecordRef(RecordKind.EXPENSE, rs.getLong(1), rs.getString(3), "expenses.csv", rs.getInt(2)),
            rs.getString(3), rs.getString(4), rs.getString(5), date(rs, 6), rs.getString(7), rs.getBigDecimal(8), rs.getString(9),
            rs.getString(10), rs.getBoolean(11), rs.getString(12), rs.getBoolean(13), ApprovalStatus.parse(rs.getString(14)),
            instant(rs, 15));

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
