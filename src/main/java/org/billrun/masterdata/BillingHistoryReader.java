package org.billrun.masterdata;

import java.time.YearMonth;
import java.util.List;
import org.billrun.billing.BillingHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The current billing_history.csv at contract level (what earlier periods billed per contract), without
 * reading the rest of the master data: the dispute risk's view of the periods before billrun.
 */
@Component
public class BillingHistoryReader {

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
}
