package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FinalNumberTests {

    @Test
    void aFinalNumberIsThePrefixTheYearAndSixDigits() {
        assertThat(new FinalNumber("NWDE", 2026, 123).text()).isEqualTo("NWDE-2026-000123");
        assertThat(new FinalNumber("NWGB", 2027, 1).text()).isEqualTo("NWGB-2027-000001");
    }

    @Test
    void theMillionthInvoiceOfAYearGetsASeventhDigit() {
        assertThat(new FinalNumber("NWDE", 2026, 999_999).text()).isEqualTo("NWDE-2026-999999");
        assertThat(new FinalNumber("NWDE", 2026, 1_000_000).text()).isEqualTo("NWDE-2026-1000000");
    }

    @Test
    void theFiscalYearIsTheCalendarYearOfTheIssueDate() {
        assertThat(FinalNumber.fiscalYearOf(LocalDate.of(2026, 12, 31))).isEqualTo(2026);
        assertThat(FinalNumber.fiscalYearOf(LocalDate.of(2027, 1, 1))).isEqualTo(2027);
    }

    @Test
    void numbersStartAtOneAndPrefixesAreWordCharacters() {
        assertThatThrownBy(() -> new FinalNumber("NWDE", 2026, 0)).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new FinalNumber("NW DE", 2026, 1)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new FinalNumber("NWDE", 26, 1)).hasMessageContaining("four digits");
    }
}
