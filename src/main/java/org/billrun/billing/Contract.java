package org.billrun.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A contract with a client (contracts.csv), with the version row it was read from. */
public record Contract(RecordRef ref, String contractId, String clientId, String entityId, BillingModel billingModel,
        String currency, LocalDate startDate, LocalDate endDate, String poNumber, BigDecimal expenseMarkupPct,
        BigDecimal capAmount, BigDecimal retainerAmount, String rateCardId) {

    /** Start and end dates are inclusive; an empty end date means open-ended. */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(startDate) && (endDate == null || !date.isAfter(endDate));
    }
}
