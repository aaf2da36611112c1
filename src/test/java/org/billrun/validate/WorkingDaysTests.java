package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.oct;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDaysTests {

    @Test
    void october2026HasTwentyTwoWorkingDays() {
        assertThat(WorkingDays.between(oct(1), oct(31), Set.of())).isEqualTo(22);
    }

    @Test
    void aHolidayOnAWeekdayIsNoWorkingDay() {
        assertThat(WorkingDays.between(oct(1), oct(31), Set.of(oct(12)))).isEqualTo(21);
    }

    @Test
    void aHolidayOnASaturdayIsNotCountedTwice() {
        // German Unity Day, 2026-10-03, is a Saturday
        assertThat(WorkingDays.between(oct(1), oct(31), Set.of(oct(3)))).isEqualTo(22);
    }

    @Test
    void bothEndsAreIncludedAndAWeekendHasNone() {
        assertThat(WorkingDays.between(oct(5), oct(5), Set.of())).isEqualTo(1);
        assertThat(WorkingDays.between(oct(5), oct(9), Set.of())).isEqualTo(5);
        assertThat(WorkingDays.between(oct(3), oct(4), Set.of())).isZero();
    }

    @Test
    void anEndBeforeTheStartHasNoWorkingDays() {
        assertThat(WorkingDays.between(oct(9), oct(5), Set.of())).isZero();
        assertThat(WorkingDays.between(LocalDate.of(2026, 11, 1), oct(31), Set.of())).isZero();
    }
}
