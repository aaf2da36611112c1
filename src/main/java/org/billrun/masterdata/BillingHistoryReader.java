package org.billrun.masterdata;

import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;
import org.billrun.billing.BillingHistory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The current billing_history.csv without the rest of the master data: at contract level (what earlier periods billed
 * per contract), the dispute risk's view of the periods before billrun; and per consultant on a contract, which only the
 * hours-above-norm check reads, once, row by row.
 */
@Component
public class BillingHistoryReader {

    private static final int CURSOR_ROWS = 5_000;

    /** A row of {@code SELECT contract_id, consultant_id, period, hours, amount, currency FROM current_billing_history}. */
    static final RowMapper<BillingHistory> ROW = (rs, i) -> new BillingHistory(rs.getString(1), rs.getString(2),
            YearMonth.parse(rs.getString(3)), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6));

    private final JdbcClient jdbc;

    public BillingHistoryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every contract-level row (no consultant), by contract and period. */
    public List<BillingHistory> contractTotals() {
        return jdbc.sql("""
                SELECT contract_id, period, hours, amount, currency FROM current_billing_history
                WHERE coalesce(consultant_id, '') = '' AND amount IS NOT NULL AND period IS NOT NULL
                ORDER BY contract_id, period""")
                .query((rs, i) -> new BillingHistory(rs.getString(1), null, YearMonth.parse(rs.getString(2)), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getString(5)))
                .list();
    }

    /**
     * Every row per consultant on a contract of the months {@code from} to {@code until} (exclusive), handed to
     * {@code row} one at a time through a server-side cursor, so the rows are never all in memory (1.3M rows at 150,000
     * consultants). The cursor needs the caller's transaction; without one pgjdbc reads every row first.
     */
    public void consultantRows(YearMonth from, YearMonth until, Consumer<BillingHistory> row) {
        jdbc.sql("""
                SELECT contract_id, consultant_id, period, hours, amount, currency FROM current_billing_history
                WHERE coalesce(consultant_id, '') <> '' AND period >= ? AND period < ?""")
                .withFetchSize(CURSOR_ROWS)
                .params(from.toString(), until.toString())
                .query(rs -> {
                    row.accept(ROW.mapRow(rs, 0));
                });
    }
}
