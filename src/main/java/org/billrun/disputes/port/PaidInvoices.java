package org.billrun.disputes.port;

import java.time.YearMonth;
import java.util.Map;

/**
 * How quickly a contract's invoices were paid, for the dispute risk's history (docs/assistance.md, "Dispute
 * risk"). The disputes stage owns this contract; the events stage, which records payments, implements it (events
 * opens disputes through this stage's port, so this stage may not depend on events).
 */
public interface PaidInvoices {

    /**
     * Per contract id and the period its invoice billed: the days from the invoice's issue date to the payment that
     * settled it in full (0 for a payment dated before the issue). An invoice not yet paid in full is absent.
     */
    Map<String, Map<YearMonth, Integer>> daysToPay();
}
