package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From the drafted records' value to the invoices' net and gross, on lines written by hand. */
class InvoiceBridgeTests {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void lineRoundingMarkupFeesAndCoveredTimeExplainTheNetExactly() {
        LineTotals eur = new LineTotals();
        // time: records worth 1000.004, billed 1000.00
        eur.add("time", d("1000.00"), d("1000.00"), new LineTotals.Lineage(3, d("1000.004"), d("0"), d("1000.004"), d("8")));
        // an expense of 100.00 with 10 % markup
        eur.add("expense", d("110.00"), d("110.00"), new LineTotals.Lineage(1, d("100.00"), d("10.00"), d("0"), d("0")));
        // a retainer fee, and time drawn from it at 0.00
        eur.add("retainer_fee", d("5000.00"), d("5000.00"), null);
        eur.add("time", d("2000.00"), d("0.00"), new LineTotals.Lineage(2, d("2000.00"), d("0"), d("2000.00"), d("10")));
        var drafts = new InvoiceBridge.DraftTotals("EUR", 2, 1, 1, d("6110.00"), d("1160.90"), d("7270.90"), d("0"));

        RunReport.InvoiceTotals bridge = InvoiceBridge.invoiceTotals(Map.of("EUR", eur), Map.of("EUR", drafts)).get(0);

        assertThat(List.of(bridge.recordValue(), bridge.markup(), bridge.lineRounding(), bridge.retainerFees(), bridge.coveredByFees(),
                bridge.net(), bridge.gross())).containsExactly("3100.004", "10.00", "-0.004", "5000.00", "-2000.00", "6110.00", "7270.90");
        assertThat(bridge.reconciles()).isTrue();
        assertThat(eur.records).isEqualTo(6);
        assertThat(eur.timeHours).isEqualByComparingTo("18");
    }

    @Test
    void aLineOfAnUnknownTypeWithoutRecordsDoesNotAddUp() {
        LineTotals usd = new LineTotals();
        usd.add("something_new", d("50.00"), d("50.00"), null);
        var drafts = new InvoiceBridge.DraftTotals("USD", 1, 1, 0, d("50.00"), d("0.00"), d("50.00"), d("0"));

        assertThat(InvoiceBridge.invoiceTotals(Map.of("USD", usd), Map.of("USD", drafts)).get(0).reconciles()).isFalse();
    }

    @Test
    void grossThatIsNotNetPlusTaxDoesNotAddUp() {
        LineTotals usd = new LineTotals();
        usd.add("time", d("100.00"), d("100.00"), new LineTotals.Lineage(1, d("100.00"), d("0"), d("100.00"), d("1")));
        var drafts = new InvoiceBridge.DraftTotals("USD", 1, 1, 0, d("100.00"), d("8.00"), d("108.01"), d("0"));

        assertThat(InvoiceBridge.invoiceTotals(Map.of("USD", usd), Map.of("USD", drafts)).get(0).reconciles()).isFalse();
    }
}
