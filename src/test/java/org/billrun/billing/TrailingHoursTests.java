package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class TrailingHoursTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private static BillingHistory consultant(String contract, String consultant, String period, String hours) {
        return new BillingHistory(contract, consultant, YearMonth.parse(period), new BigDecimal(hours), BigDecimal.ONE, "GBP");
    }

    @Test
    void theMonthsAreTheOnesBeforeThePeriodNotThePeriodItself() {
        TrailingHours trailing = new TrailingHours(OCTOBER, 6);

        assertThat(trailing.first()).isEqualTo(YearMonth.of(2026, 4));
        assertThat(trailing.period()).isEqualTo(OCTOBER);
    }

    @Test
    void hoursOfSeveralContractsInOneMonthAddUpAndMonthsComeOldestFirst() {
        TrailingHours trailing = new TrailingHours(OCTOBER, 6);
        trailing.add(consultant("K-KESTREL-1", "E-109", "2026-08", "61.50"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-07", "40.00"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-08", "60.00"));

        assertThat(trailing.of("E-109")).containsExactly(new BigDecimal("40.00"), new BigDecimal("121.50"));
    }

    @Test
    void rowsOutsideTheMonthsAndRowsAtContractLevelAreNotAConsultantsHours() {
        TrailingHours trailing = new TrailingHours(OCTOBER, 6);
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-03", "500.00"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-10", "500.00"));
        trailing.add(new BillingHistory("K-HARBOUR-1", "", YearMonth.of(2026, 5), new BigDecimal("900.00"), BigDecimal.TEN, "GBP"));
        trailing.add(new BillingHistory("K-HARBOUR-1", null, YearMonth.of(2026, 5), new BigDecimal("900.00"), BigDecimal.TEN, "GBP"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-04", "122.50"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-09", "118.50"));

        assertThat(trailing.of("E-109")).containsExactly(new BigDecimal("122.50"), new BigDecimal("118.50"));
        assertThat(trailing.of("")).isEmpty();
    }

    @Test
    void aRowWithoutHoursChangesNothing() {
        TrailingHours trailing = new TrailingHours(OCTOBER, 6);
        trailing.add(new BillingHistory("K-HARBOUR-1", "E-109", YearMonth.of(2026, 5), null, BigDecimal.ONE, "GBP"));
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-06", "119.75"));

        assertThat(trailing.of("E-109")).containsExactly(new BigDecimal("119.75"));
    }

    @Test
    void aConsultantWithoutHistoryHasNoMonths() {
        TrailingHours trailing = new TrailingHours(OCTOBER, 6);
        trailing.add(consultant("K-HARBOUR-1", "E-109", "2026-06", "119.75"));

        assertThat(trailing.of("E-003")).isEmpty();
    }

    @Test
    void noMonthsIsRefused() {
        assertThatThrownBy(() -> new TrailingHours(OCTOBER, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
