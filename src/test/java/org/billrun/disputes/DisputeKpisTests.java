package org.billrun.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeState;
import org.junit.jupiter.api.Test;

/** Dispute frequency, days to resolve and the credit memos' value per invoice period and currency. */
class DisputeKpisTests {

    private static final OffsetDateTime OPENED = OffsetDateTime.of(2026, 11, 10, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void frequencyCountsDisputedInvoicesOnceAndTheMedianTakesOnlyResolvedDisputes() {
        List<Dispute> disputes = List.of(
                dispute("2026-10-A-K-1-1", "A-2026-000001", DisputeState.REJECTED, 2),
                dispute("2026-10-A-K-1-1", "A-2026-000001", DisputeState.CREDITED, 5),
                dispute("2026-10-A-K-2-1", "A-2026-000002", DisputeState.OPEN, 0),
                dispute("2026-10-A-K-3-1", "A-2026-000003", DisputeState.REBILLED, 9));
        List<DisputeKpis.Invoice> invoices = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            invoices.add(new DisputeKpis.Invoice("2026-10", "EUR", "A-2026-00000" + n));
        }
        invoices.add(new DisputeKpis.Invoice("2026-09", "EUR", "A-2025-000099"));

        List<DisputeKpis.Row> rows = DisputeKpis.of(invoices, disputes,
                List.of(new DisputeKpis.Credited("2026-10", "EUR", 2, new BigDecimal("1500.00"), new BigDecimal("1785.00"))));

        assertThat(rows).containsExactly(
                new DisputeKpis.Row("2026-09", "EUR", 1, 0, new BigDecimal("0.0"), 0, 0, null, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new DisputeKpis.Row("2026-10", "EUR", 8, 3, new BigDecimal("37.5"), 1, 3, new BigDecimal("5.0"), 2, new BigDecimal("1500.00"),
                        new BigDecimal("1785.00")));
    }

    @Test
    void eachCurrencyOfAPeriodIsARowOfItsOwnAndACreditWithoutADisputeStillCounts() {
        List<DisputeKpis.Row> rows = DisputeKpis.of(
                List.of(new DisputeKpis.Invoice("2026-10", "EUR", "A-1"), new DisputeKpis.Invoice("2026-10", "JPY", "B-1"),
                        new DisputeKpis.Invoice("2026-10", "JPY", "B-2")),
                List.of(dispute("2026-10-A-K-1-1", "A-1", DisputeState.OPEN, 0)),
                List.of(new DisputeKpis.Credited("2026-10", "JPY", 1, new BigDecimal("12000"), new BigDecimal("13200"))));

        assertThat(rows).extracting(DisputeKpis.Row::currency).containsExactly("EUR", "JPY");
        assertThat(rows.get(0).frequencyPct()).isEqualByComparingTo("100.0");
        assertThat(rows.get(0).creditedGross()).isEqualTo(new BigDecimal("0.00"));
        assertThat(rows.get(0).medianDaysToResolve()).as("only an open dispute: nothing resolved to measure").isNull();
        assertThat(rows.get(1).frequencyPct()).isEqualByComparingTo("0.0");
        assertThat(rows.get(1).creditMemos()).isEqualTo(1);
        assertThat(rows.get(1).creditedGross()).isEqualTo(new BigDecimal("13200"));
    }

    @Test
    void anEvenNumberOfResolvedDisputesTakesTheMeanOfTheMiddleTwo() {
        List<DisputeKpis.Row> rows = DisputeKpis.of(List.of(new DisputeKpis.Invoice("2026-10", "EUR", "A-1"),
                new DisputeKpis.Invoice("2026-10", "EUR", "A-2")),
                List.of(dispute("2026-10-A-K-1-1", "A-1", DisputeState.REJECTED, 1), dispute("2026-10-A-K-2-1", "A-2", DisputeState.REJECTED, 4)),
                List.of());

        assertThat(rows.get(0).medianDaysToResolve()).isEqualByComparingTo("2.5");
        assertThat(rows.get(0).frequencyPct()).isEqualByComparingTo("100.0");
    }

    private static Dispute dispute(String draftId, String number, DisputeState state, int days) {
        OffsetDateTime resolved = state == DisputeState.OPEN ? null : OPENED.plusDays(days);
        return new Dispute(1, number, 1, draftId, 1, "A", "C-1", "EUR", List.of(), "Rate is wrong.", "cli", null, DisputeReason.RATE, 0.9,
                "rate", null, null, state, "finance", OPENED, resolved == null ? null : "finance", resolved, resolved == null ? null : "ok",
                null);
    }
}
