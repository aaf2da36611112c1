package org.billrun.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeState;
import org.junit.jupiter.api.Test;

/** Dispute frequency and days to resolve per invoice period. */
class DisputeKpisTests {

    private static final OffsetDateTime OPENED = OffsetDateTime.of(2026, 11, 10, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void frequencyCountsDisputedInvoicesOnceAndTheMedianTakesOnlyResolvedDisputes() {
        List<Dispute> disputes = List.of(
                dispute("2026-10-A-K-1-1", "A-2026-000001", DisputeState.REJECTED, 2),
                dispute("2026-10-A-K-1-1", "A-2026-000001", DisputeState.CREDITED, 5),
                dispute("2026-10-A-K-2-1", "A-2026-000002", DisputeState.OPEN, 0),
                dispute("2026-10-A-K-3-1", "A-2026-000003", DisputeState.REBILLED, 9));

        List<DisputeKpis.Row> rows = DisputeKpis.of(Map.of("2026-10", Set.of("A-2026-000001", "A-2026-000002", "A-2026-000003",
                "A-2026-000004", "A-2026-000005", "A-2026-000006", "A-2026-000007", "A-2026-000008"), "2026-09", Set.of("A-2025-000099")),
                disputes);

        assertThat(rows).containsExactly(
                new DisputeKpis.Row("2026-09", 1, 0, new java.math.BigDecimal("0.0"), 0, 0, null),
                new DisputeKpis.Row("2026-10", 8, 3, new java.math.BigDecimal("37.5"), 1, 3, new java.math.BigDecimal("5.0")));
    }

    @Test
    void anEvenNumberOfResolvedDisputesTakesTheMeanOfTheMiddleTwo() {
        List<DisputeKpis.Row> rows = DisputeKpis.of(Map.of("2026-10", Set.of("A-1", "A-2")),
                List.of(dispute("2026-10-A-K-1-1", "A-1", DisputeState.REJECTED, 1), dispute("2026-10-A-K-2-1", "A-2", DisputeState.REJECTED, 4)));

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
