package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.dec;
import static org.billrun.validate.Fixtures.oct;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fx_rates.csv lookups: the day itself, a bounded lookback, and the inverse pair. */
class FxTableTests {

    private static FxTable.Quote quote(String from, String to, int day, String rate) {
        return new FxTable.Quote(from, to, oct(day), dec(rate), false);
    }

    /** EUR/USD fixed Friday 2026-10-02 and Monday 2026-10-05; nothing for the weekend. */
    private static final FxTable EUR_USD = new FxTable(List.of(quote("EUR", "USD", 2, "1.104700"), quote("EUR", "USD", 5, "1.107100")), 7);

    @Test
    void aCurrencyConvertsIntoItselfAtOneEvenWithoutRates() {
        assertThat(EUR_USD.rate("SEK", "SEK", oct(23))).hasValueSatisfying(q -> {
            assertThat(q.rate()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(q.inverted()).isFalse();
        });
    }

    @Test
    void theRateOfTheDayItselfIsUsed() {
        assertThat(EUR_USD.rate("EUR", "USD", oct(5))).hasValueSatisfying(q -> {
            assertThat(q.rate()).isEqualByComparingTo("1.107100");
            assertThat(q.date()).isEqualTo(oct(5));
        });
    }

    @Test
    void aWeekendDayUsesTheFridayFixing() {
        assertThat(EUR_USD.rate("EUR", "USD", oct(4))).hasValueSatisfying(q -> {
            assertThat(q.rate()).isEqualByComparingTo("1.104700");
            assertThat(q.date()).isEqualTo(oct(2));
        });
    }

    @Test
    void theLookbackReachesExactlyItsNumberOfDaysAndNoFurther() {
        assertThat(EUR_USD.rate("EUR", "USD", oct(12))).map(FxTable.Quote::date).contains(oct(5));
        assertThat(EUR_USD.rate("EUR", "USD", oct(13))).isEmpty();
        assertThat(new FxTable(List.of(quote("EUR", "USD", 2, "1.104700")), 0).rate("EUR", "USD", oct(3))).isEmpty();
    }

    @Test
    void aLaterRateIsNeverUsedForAnEarlierDay() {
        assertThat(EUR_USD.rate("EUR", "USD", oct(1))).isEmpty();
    }

    @Test
    void aPairGivenOnlyTheOtherWayRoundIsInverted() {
        assertThat(EUR_USD.rate("USD", "EUR", oct(5))).hasValueSatisfying(q -> {
            assertThat(q.from()).isEqualTo("USD");
            assertThat(q.to()).isEqualTo("EUR");
            assertThat(q.inverted()).isTrue();
            assertThat(q.rate()).isCloseTo(dec("0.903261"), org.assertj.core.data.Offset.offset(dec("0.0000005")));
            assertThat(q.rate().multiply(dec("1.107100"))).isCloseTo(BigDecimal.ONE, org.assertj.core.data.Offset.offset(dec("1E-15")));
        });
        assertThat(EUR_USD.rate("USD", "EUR", oct(4))).map(FxTable.Quote::date).contains(oct(2));
    }

    @Test
    void theDirectPairIsPreferredToTheInverse() {
        FxTable both = new FxTable(List.of(quote("GBP", "EUR", 5, "1.160820"), quote("EUR", "GBP", 5, "0.861000")), 7);

        assertThat(both.rate("GBP", "EUR", oct(5))).hasValueSatisfying(q -> {
            assertThat(q.rate()).isEqualByComparingTo("1.160820");
            assertThat(q.inverted()).isFalse();
        });
    }

    @Test
    void aCurrencyWithoutAnyRateHasNoRate() {
        assertThat(EUR_USD.rate("SEK", "USD", oct(23))).isEmpty();
        assertThat(EUR_USD.rate("USD", "SEK", oct(23))).isEmpty();
    }
}
