package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.billrun.billing.TaxRule.Category;
import org.billrun.billing.TaxRule.RoundingLevel;
import org.junit.jupiter.api.Test;

/** Rounding to the minor unit and invoice tax at line and document level, on hand-checked examples. */
class RoundingTests {

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static List<BigDecimal> decs(String... values) {
        return Stream.of(values).map(BigDecimal::new).toList();
    }

    static TaxRule standard(String rate, RoundingLevel rounding) {
        return new TaxRule("TX-TEST-" + rounding, "DE", "*", "*", "*", "*", Category.S, dec(rate), rounding, null,
                LocalDate.of(2021, 1, 1), null);
    }

    @Test
    void eachCurrencyRoundsToItsMinorUnit() {
        assertThat(Rounding.toMinorUnit(dec("1234.5"), "JPY")).isEqualTo(dec("1235"));
        assertThat(Rounding.toMinorUnit(dec("1234.4999"), "JPY")).isEqualTo(dec("1234"));
        assertThat(Rounding.toMinorUnit(dec("12.3456"), "KWD")).isEqualTo(dec("12.346"));
        assertThat(Rounding.toMinorUnit(dec("12.3454"), "BHD")).isEqualTo(dec("12.345"));
        assertThat(Rounding.toMinorUnit(dec("12.345"), "EUR")).isEqualTo(dec("12.35"));
        assertThat(Rounding.toMinorUnit(dec("7"), "EUR")).isEqualTo(dec("7.00")); // scale 2, not just the value
    }

    @Test
    void halfGoesUpAndJustBelowHalfGoesDown() {
        assertThat(Rounding.toMinorUnit(dec("0.005"), "EUR")).isEqualTo(dec("0.01"));
        assertThat(Rounding.toMinorUnit(dec("0.00499999"), "EUR")).isEqualTo(dec("0.00"));
        assertThat(Rounding.toMinorUnit(dec("2.675"), "EUR")).isEqualTo(dec("2.68")); // 2.67 as a double
        assertThat(Rounding.toMinorUnit(dec("0.0005"), "KWD")).isEqualTo(dec("0.001"));
        assertThat(Rounding.toMinorUnit(dec("0.5"), "JPY")).isEqualTo(dec("1"));
    }

    @Test
    void negativeAmountsRoundTheMagnitudeSoCreditNotesMirrorInvoices() {
        assertThat(Rounding.toMinorUnit(dec("-0.125"), "EUR")).isEqualTo(dec("-0.13"));
        assertThat(Rounding.toMinorUnit(dec("-0.124"), "EUR")).isEqualTo(dec("-0.12"));
        assertThat(Rounding.toMinorUnit(dec("-0.5"), "JPY")).isEqualTo(dec("-1"));
        assertThat(Rounding.toMinorUnit(dec("-1.2345"), "KWD")).isEqualTo(dec("-1.235"));
    }

    @Test
    void lineRoundingSumsTheRoundedLineTaxes() {
        // 0.05 x 19 % = 0.0095 -> 0.01 per line
        InvoiceTax tax = Rounding.invoiceTax(decs("0.05", "0.05", "0.05"), standard("19", RoundingLevel.LINE), "EUR");
        assertThat(tax.lineTaxes()).containsExactly(dec("0.01"), dec("0.01"), dec("0.01"));
        assertThat(tax.netTotal()).isEqualTo(dec("0.15"));
        assertThat(tax.taxTotal()).isEqualTo(dec("0.03"));
        assertThat(tax.grossTotal()).isEqualTo(dec("0.18"));
    }

    @Test
    void documentRoundingTaxesTheNetTotalOnceAndDiffersFromLineRounding() {
        // line: 0.04 x 19 % = 0.0076 -> 0.01 on each line, 0.03 in all; document: 0.12 x 19 % = 0.0228 -> 0.02
        InvoiceTax line = Rounding.invoiceTax(decs("0.04", "0.04", "0.04"), standard("19", RoundingLevel.LINE), "EUR");
        InvoiceTax document = Rounding.invoiceTax(decs("0.04", "0.04", "0.04"), standard("19", RoundingLevel.DOCUMENT), "EUR");
        assertThat(line.taxTotal()).isEqualTo(dec("0.03"));
        assertThat(document.taxTotal()).isEqualTo(dec("0.02"));
        assertThat(line.grossTotal()).isEqualTo(dec("0.15"));
        assertThat(document.grossTotal()).isEqualTo(dec("0.14"));
    }

    @Test
    void threeLinesOfFiveCentsAt19PercentHappenToAgreeAtBothLevels() {
        // 3 x round(0.0095) = 0.03 and round(0.0285) = 0.03: the two levels only differ when the remainders add up
        InvoiceTax line = Rounding.invoiceTax(decs("0.05", "0.05", "0.05"), standard("19", RoundingLevel.LINE), "EUR");
        InvoiceTax document = Rounding.invoiceTax(decs("0.05", "0.05", "0.05"), standard("19", RoundingLevel.DOCUMENT), "EUR");
        assertThat(line.taxTotal()).isEqualTo(document.taxTotal()).isEqualTo(dec("0.03"));
    }

    @Test
    void documentRoundingAllocatesItsTaxToTheLinesByLargestRemainder() {
        // exact line taxes 0.0076 each; total 0.02: the first two lines (tie, earlier first) get one cent each
        InvoiceTax document = Rounding.invoiceTax(decs("0.04", "0.04", "0.04"), standard("19", RoundingLevel.DOCUMENT), "EUR");
        assertThat(document.lineTaxes()).containsExactly(dec("0.01"), dec("0.01"), dec("0.00"));
        // 100.00 x 20 % = 20.000, 0.02 x 20 % = 0.004, 33.33 x 20 % = 6.666: total 26.670 -> 26.67, floors sum to
        // 26.66, the one cent left goes to the largest remainder (6.666)
        InvoiceTax gb = Rounding.invoiceTax(decs("100.00", "0.02", "33.33"), standard("20", RoundingLevel.DOCUMENT), "GBP");
        assertThat(gb.taxTotal()).isEqualTo(dec("26.67"));
        assertThat(gb.lineTaxes()).containsExactly(dec("20.00"), dec("0.00"), dec("6.67"));
    }

    @Test
    void yenAndDinarTaxesHaveTheCurrencyScale() {
        InvoiceTax yen = Rounding.invoiceTax(decs("1005", "1015"), standard("10", RoundingLevel.LINE), "JPY");
        assertThat(yen.lineTaxes()).containsExactly(dec("101"), dec("102")); // 100.5 -> 101, 101.5 -> 102
        assertThat(yen.taxTotal()).isEqualTo(dec("203"));
        assertThat(yen.grossTotal()).isEqualTo(dec("2223"));
        InvoiceTax dinar = Rounding.invoiceTax(decs("10.005", "0.1"), standard("5", RoundingLevel.DOCUMENT), "KWD");
        assertThat(dinar.lineNets()).containsExactly(dec("10.005"), dec("0.100"));
        assertThat(dinar.netTotal()).isEqualTo(dec("10.105"));
        assertThat(dinar.taxTotal()).isEqualTo(dec("0.505")); // 0.50525
        assertThat(dinar.grossTotal()).isEqualTo(dec("10.610"));
    }

    @Test
    void aCreditNoteIsTheExactNegativeOfItsInvoice() {
        TaxRule rule = standard("19", RoundingLevel.LINE);
        InvoiceTax invoice = Rounding.invoiceTax(decs("12.50", "0.05", "99.99"), rule, "EUR");
        InvoiceTax credit = Rounding.invoiceTax(decs("-12.50", "-0.05", "-99.99"), rule, "EUR");
        assertThat(credit.lineTaxes()).containsExactly(dec("-2.38"), dec("-0.01"), dec("-19.00"));
        assertThat(credit.taxTotal()).isEqualTo(invoice.taxTotal().negate());
        assertThat(credit.grossTotal()).isEqualTo(invoice.grossTotal().negate());
    }

    @Test
    void zeroRatedAndReverseChargeInvoicesHaveZeroTaxAtTheCurrencyScale() {
        TaxRule reverseCharge = new TaxRule("TX-RC", "DE", "EU", "business", "present", "*", Category.AE, dec("0"),
                RoundingLevel.LINE, "Reverse charge", LocalDate.of(2010, 1, 1), null);
        InvoiceTax tax = Rounding.invoiceTax(decs("1200.00", "85.50"), reverseCharge, "EUR");
        assertThat(tax.lineTaxes()).containsExactly(dec("0.00"), dec("0.00"));
        assertThat(tax.grossTotal()).isEqualTo(dec("1285.50"));
    }

    @Test
    void anEmptyInvoiceHasZeroTotals() {
        InvoiceTax tax = Rounding.invoiceTax(List.of(), standard("20", RoundingLevel.DOCUMENT), "GBP");
        assertThat(tax.lineTaxes()).isEmpty();
        assertThat(tax.netTotal()).isEqualTo(dec("0.00"));
        assertThat(tax.grossTotal()).isEqualTo(dec("0.00"));
    }

    @Test
    void aLineWithMoreDecimalsThanTheCurrencyIsRefusedNotRoundedSilently() {
        assertThatThrownBy(() -> Rounding.invoiceTax(decs("10.00", "1.005"), standard("19", RoundingLevel.LINE), "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net line 2 (1.005) has more than 2 decimals, the minor unit of EUR; round the line before taxing it");
        assertThatThrownBy(() -> Rounding.invoiceTax(decs("10.5"), standard("10", RoundingLevel.LINE), "JPY"))
                .hasMessageContaining("more than 0 decimals");
    }
}
