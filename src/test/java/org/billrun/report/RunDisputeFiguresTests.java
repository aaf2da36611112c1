package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.report.port.RunDisputes.CurrencyDisputes;
import org.junit.jupiter.api.Test;

/** The run report's dispute figures: frequency, open disputes and days to resolve, per currency of the run's invoices. */
class RunDisputeFiguresTests {

    @Test
    void eachCurrencyGetsItsFrequencyOpenDisputesAndMedianDaysToResolve() {
        List<RunReport.Kpi> kpis = RunDisputeFigures.kpis(List.of(new CurrencyDisputes("EUR", 8, 3, 1, 3, new BigDecimal("5.0")),
                new CurrencyDisputes("USD", 2, 0, 0, 0, null)));

        assertThat(kpis).extracting(k -> k.code() + " " + k.currency() + " " + k.value() + " " + k.numerator() + "/" + k.denominator())
                .containsExactly(
                        "dispute_frequency EUR 0.3750 3/8",
                        "disputes_open EUR 1 1/4",
                        "dispute_days_to_resolve_median EUR 5.0 5.0/3",
                        "dispute_frequency USD 0.0000 0/2",
                        "disputes_open USD 0 0/0",
                        "dispute_days_to_resolve_median USD null null/0");
        assertThat(kpis).extracting(RunReport.Kpi::unit).containsExactly("ratio", "count", "days", "ratio", "count", "days");
    }

    @Test
    void aRunWithoutNumberedInvoicesHasNoDisputeFigures() {
        assertThat(RunDisputeFigures.kpis(List.of())).isEmpty();
    }
}
