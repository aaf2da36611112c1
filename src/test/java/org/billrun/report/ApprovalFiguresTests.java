package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.ApprovalKpis.Invoice;
import org.billrun.billing.ApprovalKpis.Outcome;
import org.billrun.billing.ApprovalKpis.Task;
import org.billrun.billing.Money;
import org.junit.jupiter.api.Test;

class ApprovalFiguresTests {

    private static final Instant READY = Instant.parse("2026-11-04T18:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T00:00:00Z");

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private static RunReport.Kpi find(List<RunReport.Kpi> kpis, String code) {
        return kpis.stream().filter(k -> k.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aRunWithoutReviewsHasNoApprovalFigures() {
        assertThat(ApprovalFigures.kpis(List.of(), NOW)).isEmpty();
    }

    @Test
    void theApprovalFiguresOfARun() {
        List<Invoice> invoices = List.of(
                new Invoice("D1", "DE01", "C-ACME", "DE", eur("10000.00"), Outcome.APPROVED, READY, READY.plusSeconds(7200), 1, false,
                        eur("0"), eur("0"), List.of(new Task(READY.plusSeconds(3600), READY.plusSeconds(7200)))),
                new Invoice("D2", "DE01", "C-ACME", "DE", eur("30000.00"), Outcome.APPROVED, READY, READY.plusSeconds(36000), 2, false,
                        eur("0"), eur("1500.00"), List.of()),
                new Invoice("D3", "DE01", "C-BAUER", "AT", eur("5000.00"), Outcome.PENDING, READY, null, 1, false,
                        eur("0"), eur("0"), List.of(new Task(NOW.plusSeconds(60), null))),
                new Invoice("D4", "DE01", "C-BAUER", "AT", eur("5000.00"), Outcome.APPROVED, READY, READY, 1, true,
                        eur("0"), eur("0"), List.of()));

        List<RunReport.Kpi> kpis = ApprovalFigures.kpis(invoices, NOW);

        assertThat(find(kpis, "approval_first_pass_rate")).extracting(RunReport.Kpi::value, RunReport.Kpi::numerator, RunReport.Kpi::denominator)
                .containsExactly("0.5000", "1", "2");
        assertThat(find(kpis, "approval_cycle_time_median").value()).isEqualTo("2.0");
        assertThat(find(kpis, "approval_cycle_time_p90").value()).isEqualTo("10.0");
        assertThat(find(kpis, "approval_write_off_share")).extracting(RunReport.Kpi::value, RunReport.Kpi::numerator, RunReport.Kpi::denominator)
                .containsExactly("0.0300", "1500.00", "50000.00");
        assertThat(find(kpis, "approval_sla_breaches")).extracting(RunReport.Kpi::numerator, RunReport.Kpi::denominator)
                .containsExactly("1", "2");
        assertThat(find(kpis, "approval_pending_by_region").name()).isEqualTo("Pending approvals, region AT");
        assertThat(find(kpis, "approval_pending_by_client")).extracting(RunReport.Kpi::name, RunReport.Kpi::value, RunReport.Kpi::denominator)
                .containsExactly("Pending approvals, client C-BAUER", "1", "1");
        assertThat(kpis).filteredOn(k -> k.code().startsWith("approval_pending")).hasSize(2);
    }
}
