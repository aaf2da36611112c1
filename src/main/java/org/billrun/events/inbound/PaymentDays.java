package org.billrun.events.inbound;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.billrun.disputes.port.PaidInvoices;
import org.springframework.stereotype.Component;

/** The days to pay of the invoices the payments settled, for the disputes stage's risk history. */
@Component
class PaymentDays implements PaidInvoices {

    private final InboundQueries payments;

    PaymentDays(InboundQueries payments) {
        this.payments = payments;
    }

    @Override
    public Map<String, Map<YearMonth, Integer>> daysToPay() {
        Map<String, Map<YearMonth, Integer>> days = new HashMap<>();
        payments.daysToPay().forEach(d -> days.computeIfAbsent(d.contractId(), k -> new HashMap<>()).merge(YearMonth.parse(d.period()),
                d.days(), Math::max));
        return days;
    }
}
