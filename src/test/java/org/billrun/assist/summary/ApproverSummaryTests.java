package org.billrun.assist.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.billrun.assist.summary.SummaryInput.Anomaly;
import org.billrun.assist.summary.SummaryInput.Change;
import org.billrun.assist.summary.SummaryInput.LineChange;
import org.billrun.assist.summary.SummaryInput.Routing;
import org.junit.jupiter.api.Test;

class ApproverSummaryTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static LineChange line(Change change, String what, String unit, String qBefore, String qAfter, String before, String after) {
        return new LineChange(change, what, unit, dec(qBefore), dec(qAfter), dec(before), dec(after));
    }

    private static SummaryInput input(YearMonth previous, List<Routing> reasons, List<Anomaly> anomalies, List<LineChange> changes) {
        return new SummaryInput("2026-10-NWUS-K-HUDSON-1", "Hudson River Capital LLC", "USD", OCTOBER, previous, reasons, anomalies, changes);
    }

    @Test
    void saysWhyItWasRoutedWhatItWarnsAboutAndWhatChangedSinceLastMonth() {
        SummaryInput hudson = input(SEPTEMBER,
                List.of(new Routing("finance", "the billing spike warning is open.")),
                List.of(new Anomaly("BILLING_SPIKE", "USD 107,461.25 this period is 4.5× the median of the last 6 months")),
                List.of(line(Change.CHANGED, "time on P-HUDSON-DD (senior consultant)", "h", "96", "412.5", "23231.75", "99828.75"),
                        line(Change.ADDED, "expenses: hotel", null, null, null, null, "3863.34"),
                        line(Change.CHANGED, "time on P-HUDSON-DD (partner)", "h", "10", "10", "3200.00", "3200.00")));

        assertThat(ApproverSummary.write(hudson)).isEqualTo(
                "Routed to finance because the billing spike warning is open. "
                        + "Warning: BILLING_SPIKE (USD 107,461.25 this period is 4.5× the median of the last 6 months). "
                        + "Compared with September, time on P-HUDSON-DD (senior consultant) rose from 96 to 412.5 h (+USD 76,597.00, +330 %) "
                        + "and expenses: hotel is new (USD 3,863.34): net +USD 80,460.34 in all.");
    }

    @Test
    void groupsReasonsByReviewer() {
        SummaryInput kestrel = input(null,
                List.of(new Routing("E-103 Ruth Ellis", "CAP_EXCEEDED is open"), new Routing("E-103 Ruth Ellis", "GBP 11,610.00 is written down to the cap"),
                        new Routing("finance", "the gross is above the GBP 90,000.00 limit")),
                List.of(), List.of());

        assertThat(ApproverSummary.write(kestrel)).isEqualTo(
                "Routed to E-103 Ruth Ellis because CAP_EXCEEDED is open and GBP 11,610.00 is written down to the cap; "
                        + "and to finance because the gross is above the GBP 90,000.00 limit. "
                        + "There is no draft of the previous period to compare with.");
    }

    @Test
    void aStraightThroughDraftWithNothingChangedSaysSo() {
        SummaryInput alpen = input(SEPTEMBER, List.of(), List.of(),
                List.of(line(Change.CHANGED, "time on P-ALPEN-RISK", "h", "160", "160", "37600.00", "37600.00")));

        assertThat(ApproverSummary.write(alpen)).isEqualTo(
                "Goes straight through: no open exception and within every threshold. Compared with September, nothing changed.");
    }

    @Test
    void tellsTheThreeLargestChangesCountsTheRestAndAddsEveryChangeToTheTotal() {
        SummaryInput many = input(YearMonth.of(2025, 12), List.of(), List.of(), List.of(
                line(Change.CHANGED, "time on A", "h", "10", "8", "1000.00", "800.00"),
                line(Change.REMOVED, "time on B", "h", "40", null, "6000.00", null),
                line(Change.CHANGED, "expenses: taxi", null, null, null, "120.00", "150.00"),
                line(Change.ADDED, "time on C", "h", null, "12.25", null, "2450.00"),
                line(Change.CHANGED, "expenses: hotel", null, null, null, "900.00", "890.00")));

        assertThat(ApproverSummary.write(many)).isEqualTo(
                "Goes straight through: no open exception and within every threshold. Compared with December 2025, "
                        + "time on B is gone (was 40 h, USD 6,000.00 last time), time on C is new (12.25 h, USD 2,450.00) "
                        + "and time on A fell from 10 to 8 h (-USD 200.00, -20 %); 2 smaller changes besides: net -USD 3,730.00 in all.");
    }

    @Test
    void theSameInputGivesTheSameWords() {
        SummaryInput a = input(SEPTEMBER, List.of(new Routing("finance", "x")), List.of(),
                List.of(line(Change.CHANGED, "b", "h", "1", "2", "10.00", "20.00"), line(Change.CHANGED, "a", "h", "1", "2", "10.00", "20.00")));

        assertThat(ApproverSummary.write(a)).isEqualTo(ApproverSummary.write(a))
                .contains("a rose from 1 to 2 h (+USD 10.00, +100 %) and b rose");
    }
}
