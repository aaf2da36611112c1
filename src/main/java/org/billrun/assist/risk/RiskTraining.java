package org.billrun.assist.risk;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Turns billing history into training or test examples, each invoice judged only by what came before it. */
public final class RiskTraining {

    private RiskTraining() {}

    /**
     * One example per invoice of a period from {@code first} to {@code last} (inclusive): the
     * features its draft had (the client's invoices of earlier periods, its own amount and lines)
     * and whether it was disputed.
     */
    public static List<RiskExample> examples(List<ClientHistory> histories, YearMonth first, YearMonth last) {
        List<RiskExample> examples = new ArrayList<>();
        for (ClientHistory history : histories) {
            for (PastInvoice invoice : history.invoices()) {
                if (!invoice.period().isBefore(first) && !invoice.period().isAfter(last)) {
                    examples.add(new RiskExample(history.clientId(), RiskFeatures.measure(history, invoice.asDraft()), invoice.disputed()));
                }
            }
        }
        return examples;
    }
}
