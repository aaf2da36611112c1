package org.billrun.events.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountsTests {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "1234.56|1234.56", "1,234.56|1234.56", "1.234,56|1234.56", "1234,56|1234.56", "1 234,56|1234.56", "1'234.56|1234.56",
            "1,234,567|1234567", "1.234.567,5|1234567.5", "EUR 1.234,56|1234.56", "1234.56 GBP|1234.56", "€ 99|99", "0.5|0.5",
            "  250  |250", "+250.00|250.00"})
    void readsTheWaysPeopleAndSystemsWriteAmounts(String text, String expected) {
        assertThat(Amounts.parse(text, 2)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "1,234|ambiguous", "1.234|ambiguous", "12.345|ambiguous", "1.2.3|not an amount", "12,34.56|mixes separators",
            "1.234.56|not an amount", "abc|not an amount", "-10.00|not a positive amount", "(10.00)|not a positive amount",
            "0|not a positive amount", "10.0055|more decimals", "1,2345|more decimals"})
    void refusesAmountsItWouldHaveToGuessOrRound(String text, String reason) {
        assertThatThrownBy(() -> Amounts.parse(text, 2)).isInstanceOf(Amounts.BadAmount.class).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "''{0}'' in a currency with {1} decimals is {2}")
    @CsvSource(delimiter = '|', value = {"1,234|0|ambiguous", "1500|0|1500", "1.234|3|1.234"})
    void theCurrencysMinorUnitDecidesWhatIsTooFineAndWhatIsAmbiguous(String text, int digits, String expected) {
        if (expected.equals("ambiguous")) {
            assertThatThrownBy(() -> Amounts.parse(text, digits)).hasMessageContaining("ambiguous");
        } else {
            assertThat(Amounts.parse(text, digits)).isEqualByComparingTo(new BigDecimal(expected));
        }
    }

    @ParameterizedTest(name = "''{0}'' is missing")
    @CsvSource(value = {"''"})
    void anEmptyAmountIsRefused(String text) {
        assertThatThrownBy(() -> Amounts.parse(text, 2)).hasMessageContaining("no amount");
        assertThatThrownBy(() -> Amounts.parse(null, 2)).hasMessageContaining("no amount");
    }
}
