package org.billrun.assist.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskFeaturesTests {

    static PastInvoice invoice(String period, String amount, boolean disputed, String credited, String writtenDown, Integer days) {
        return new PastInvoice(YearMonth.parse(period), new BigDecimal(amount), 10, 0, disputed, new BigDecimal(credited),
                new BigDecimal(writtenDown), days);
    }

    /** Hudson River Capital's months 2026-04..09 (sample firm), with three disputes, a credit and a write-down added. */
    static ClientHistory hudson() {
        return new ClientHistory("C-HUDSON", "USD", List.of(
                invoice("2026-04", "22260.00", false, "0.00", "0.00", 28),
                invoice("2026-05", "24101.50", true, "1200.00", "0.00", 55),
                invoice("2026-06", "23870.00", false, "0.00", "950.00", 31),
                invoice("2026-07", "26542.00", true, "0.00", "0.00", 61),
                invoice("2026-08", "24210.25", false, "0.00", "0.00", 30),
                invoice("2026-09", "23231.75", true, "0.00", "0.00", null),
                invoice("2026-11", "1.00", true, "0.00", "0.00", null)));
    }

    @Test
    void theHistoryBeforeTheDraftsPeriodIsMeasuredAndSaidInWords() {
        DraftFacts october = new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("111092.09"), 12, 3);

        RiskFeatures.Measured m = RiskFeatures.measure(hudson(), october);

        assertThat(m.value(RiskFeature.DISPUTE_SHARE)).isEqualTo(0.5);
        assertThat(m.sentence(RiskFeature.DISPUTE_SHARE)).isEqualTo("3 of the last 6 invoices were disputed");
        assertThat(m.value(RiskFeature.LAST_DISPUTED)).isEqualTo(1);
        assertThat(m.sentence(RiskFeature.LAST_DISPUTED)).isEqualTo("the latest invoice (2026-09) was disputed");
        assertThat(m.value(RiskFeature.CREDIT_SHARE)).isCloseTo(1200 / 144215.5, offset(1e-9));
        assertThat(m.sentence(RiskFeature.CREDIT_SHARE)).isEqualTo("credits of USD 1,200.00 on the last 6 invoices (0.8 % of the amount)");
        assertThat(m.value(RiskFeature.WRITE_DOWN_SHARE)).isCloseTo(950 / 145165.5, offset(1e-9));
        assertThat(m.value(RiskFeature.DAYS_TO_PAY)).isCloseTo(31 / 30.0, offset(1e-9));
        assertThat(m.sentence(RiskFeature.DAYS_TO_PAY)).isEqualTo("the client paid in a median of 31 days (5 paid of 6)");
        assertThat(m.value(RiskFeature.LINES_WITHOUT_EVIDENCE)).isEqualTo(0.25);
        assertThat(m.sentence(RiskFeature.LINES_WITHOUT_EVIDENCE)).isEqualTo("3 of 12 lines of the draft have no evidence");
        assertThat(m.value(RiskFeature.LITTLE_HISTORY)).isZero();
    }

    @Test
    void theSpikeIsTheRobustZAndRatioThatBillingSpikeUses() {
        DraftFacts october = new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("111092.09"), 12, 0);

        RiskFeatures.Measured m = RiskFeatures.measure(hudson(), october);

        // median of the six months 23,985.75, MAD 489.25: z = (111,092.09 - 23,985.75) / (1.4826 x 489.25) = 120.1, clipped to 6
        assertThat(m.value(RiskFeature.SPIKE_ROBUST_Z)).isEqualTo(6);
        assertThat(m.sentence(RiskFeature.SPIKE_ROBUST_Z)).isEqualTo(
                "the draft is 120.1 robust standard deviations above USD 23,985.75, the median of 6 months");
        // ratio 4.63: log2 2.21, clipped to 2
        assertThat(m.value(RiskFeature.SPIKE_LOG_RATIO)).isEqualTo(2);
        assertThat(m.sentence(RiskFeature.SPIKE_LOG_RATIO)).isEqualTo(
                "the draft (USD 111,092.09) is 4.6× USD 23,985.75, the median of 6 months");
    }

    @Test
    void aNewClientHasNoHistoryToHoldAgainstIt() {
        ClientHistory none = new ClientHistory("C-KESTREL", "GBP", List.of());

        RiskFeatures.Measured m = RiskFeatures.measure(none, new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("67842.11"), 8, 0));

        assertThat(m.values()).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(m.sentence(RiskFeature.LITTLE_HISTORY)).isEqualTo("a new client: no earlier invoice");
        assertThat(m.sentence(RiskFeature.SPIKE_LOG_RATIO)).isEqualTo("too few months (0) to compare the amount with");
        assertThat(m.sentence(RiskFeature.DAYS_TO_PAY)).contains("30 days assumed");
    }

    @Test
    void linesWithoutEvidenceCannotExceedTheLines() {
        assertThatThrownBy(() -> new DraftFacts(YearMonth.of(2026, 10), BigDecimal.TEN, 2, 3))
                .hasMessage("lines without evidence (3) must be between 0 and the lines (2)");
    }
}
