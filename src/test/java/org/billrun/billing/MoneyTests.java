package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Money: arithmetic within one currency, rounding by the currency's minor unit, "percent of" exact. */
class MoneyTests {

    private static Money money(String amount, String currency) {
        return Money.of(new BigDecimal(amount), currency);
    }

    @Test
    void arithmeticRefusesToMixCurrencies() {
        Money eur = money("10.00", "EUR");
        Money usd = money("10.00", "USD");

        assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD and EUR");
        assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eur.max(usd)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumsAndDifferencesAreExactUntilRounded() {
        Money a = money("0.125", "EUR");
        Money b = money("0.005", "EUR");

        assertThat(a.plus(b).amount()).isEqualTo(new BigDecimal("0.130"));
        assertThat(a.minus(b).amount()).isEqualTo(new BigDecimal("0.120"));
        assertThat(a.negate().amount()).isEqualTo(new BigDecimal("-0.125"));
    }

    @Test
    void roundingFollowsTheCurrencysMinorUnitHalfUp() {
        assertThat(money("0.125", "EUR").rounded().amount()).isEqualTo(new BigDecimal("0.13"));
        assertThat(money("-0.125", "EUR").rounded().amount()).isEqualTo(new BigDecimal("-0.13"));
        assertThat(money("1234.5", "JPY").rounded().amount()).isEqualTo(new BigDecimal("1235"));
        assertThat(money("1.2345", "KWD").rounded().amount()).isEqualTo(new BigDecimal("1.235"));
        assertThat(Money.zero("BHD").amount()).isEqualTo(new BigDecimal("0.000"));
        assertThat(Money.rounded(new BigDecimal("2.675"), "GBP")).isEqualTo(money("2.68", "GBP"));
    }

    @Test
    void percentOfIsExactAndTheSameWhereverItIsTaken() {
        BigDecimal amount = new BigDecimal("57.9355");
        BigDecimal pct = new BigDecimal("10");

        assertThat(Percent.of(amount, pct)).isEqualByComparingTo("5.79355");
        assertThat(money("57.9355", "EUR").percent(pct).amount()).isEqualTo(Percent.of(amount, pct));
        assertThat(Valuation.markup(amount, pct)).isEqualTo(Percent.of(amount, pct));
        assertThat(Rounding.exactTax(amount, pct)).isEqualTo(Percent.of(amount, pct));
    }

    @Test
    void equalAmountsOfOneCurrencyAreEqualWhateverTheirScale() {
        assertThat(money("10.0", "EUR")).isEqualTo(money("10.00", "EUR")).hasSameHashCodeAs(money("10.00", "EUR"));
        assertThat(money("0", "EUR")).hasSameHashCodeAs(money("0.00", "EUR"));
        assertThat(money("10.00", "EUR")).isNotEqualTo(money("10.00", "USD"));
        assertThat(money("10.00", "EUR").max(money("9.99", "EUR"))).isEqualTo(money("10.00", "EUR"));
    }

    @Test
    void readsAsAPersonWouldWriteIt() {
        assertThat(money("1234.5", "EUR")).hasToString(MoneyFormat.format(new BigDecimal("1234.5"), "EUR"));
    }
}
