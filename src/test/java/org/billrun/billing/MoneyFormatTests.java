package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.dec;

import org.junit.jupiter.api.Test;

class MoneyFormatTests {

    @Test
    void eurosHaveTwoDecimalsAndGroupedThousands() {
        assertThat(MoneyFormat.format(dec("1234.5"), "EUR")).isEqualTo("EUR 1,234.50");
        assertThat(MoneyFormat.format(dec("65000"), "GBP")).isEqualTo("GBP 65,000.00");
        assertThat(MoneyFormat.format(dec("0"), "USD")).isEqualTo("USD 0.00");
    }

    @Test
    void yenHaveNoDecimals() {
        assertThat(MoneyFormat.format(dec("1234567.5"), "JPY")).isEqualTo("JPY 1,234,568");
        assertThat(MoneyFormat.minorDigits("JPY")).isZero();
    }

    @Test
    void kuwaitiDinarsHaveThreeDecimals() {
        assertThat(MoneyFormat.format(dec("1234.5675"), "KWD")).isEqualTo("KWD 1,234.568");
        assertThat(MoneyFormat.minorDigits("KWD")).isEqualTo(3);
    }

    @Test
    void roundingIsHalfUpOnTheExactDecimal() {
        assertThat(MoneyFormat.format(dec("2.675"), "EUR")).isEqualTo("EUR 2.68"); // a double would say 2.67
        assertThat(MoneyFormat.format(dec("246.110004"), "EUR")).isEqualTo("EUR 246.11");
        assertThat(MoneyFormat.format(dec("23910.015"), "USD")).isEqualTo("USD 23,910.02");
        assertThat(MoneyFormat.format(dec("0.005"), "EUR")).isEqualTo("EUR 0.01");
        assertThat(MoneyFormat.format(dec("-1234.565"), "EUR")).isEqualTo("EUR -1,234.57");
    }

    @Test
    void largeAndTinyAmountsAreNeverInScientificNotation() {
        assertThat(MoneyFormat.format(dec("1.2345678E+12"), "USD")).isEqualTo("USD 1,234,567,800,000.00");
        assertThat(MoneyFormat.format(dec("1E-7"), "EUR")).isEqualTo("EUR 0.00");
    }

    @Test
    void aCodeTheJdkDoesNotKnowGetsTwoDecimals() {
        assertThat(MoneyFormat.minorDigits("EUX")).isEqualTo(2);
        assertThat(MoneyFormat.minorDigits("XXX")).as("no minor unit").isEqualTo(2);
        assertThat(MoneyFormat.format(dec("695"), "EUX")).isEqualTo("EUX 695.00");
    }

    @Test
    void numberGroupsWithTheRequestedDecimals() {
        assertThat(MoneyFormat.number(dec("284"), 2)).isEqualTo("284.00");
        assertThat(MoneyFormat.number(dec("1234567.891"), 1)).isEqualTo("1,234,567.9");
    }
}
