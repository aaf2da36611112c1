package org.billrun.billing;

import java.math.BigDecimal;
import java.time.YearMonth;

/** What an earlier period billed (billing_history.csv): per contract, or per consultant on a contract. */
public record BillingHistory(String contractId, String consultantId, YearMonth period, BigDecimal hours, BigDecimal amount,
        String currency) {

    public boolean contractLevel() {
        return consultantId == null || consultantId.isEmpty();
    }
}
