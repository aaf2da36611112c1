package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billrun.billing.ApprovalKpis.By;
import org.billrun.billing.ApprovalKpis.Invoice;
import org.billrun.billing.ApprovalKpis.Outcome;
import org.billrun.billing.ApprovalKpis.Row;
import org.billrun.billing.ApprovalKpis.Task;
import org.junit.jupiter.api.Test;

class ApprovalKpisTests {

    private static final Instant SUBMITTED = Instant.parse("2026-11-04T18:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T12:00:00Z");

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private static Instant hoursLater(int hours) {
        return SUBMITTED.plus(Duration.ofHours(hours));
    }

    private static Invoice approved(String id, String client, String net, int hours, int versions, String down, String off, Task... tasks) {
        return new Invoice(id, "DE01", client, "DE", eur(net), Outcome.APPROVED, SUBMITTED, hoursLater(hours), versions, false,
                eur(down), eur(off), List.of(tasks));
    }

    private static Task onTime() {
        return new Task(hoursLater(24), hoursLater(10));
    }

    /** Five reviewed EUR invoices of DE01, one straight through, one pending. */
    private static List<Invoice> firm() {
        return List.of(
                approved("D1", "C-ACME", "10000.00", 10, 1, "0", "0", onTime()),
                approved("D2", "C-ACME", "20000.00", 30, 2, "1000.00", "0", new Task(hoursLater(24), hoursLater(30))),
                approved("D3", "C-BAUER", "5000.00", 20, 2, "0", "500.00", onTime()),
                approved("D4", "C-BAUER", "5000.00", 40, 1, "0", "0", onTime(), new Task(hoursLater(48), hoursLater(40))),
                new Invoice("D5", "DE01", "C-BAUER", "DE", eur("8000.00"), Outcome.REJECTED, SUBMITTED, hoursLater(5), 1, false,
                        eur("0"), eur("0"), List.of(onTime())),
                new Invoice("D6", "DE01", "C-ACME", "DE", eur("2000.00"), Outcome.APPROVED, SUBMITTED, SUBMITTED, 1, true,
                        eur("0"), eur("0"), List.of()),
                new Invoice("D7", "DE01", "C-HARBOUR", "GB", eur("50000.00"), Outcome.PENDING, SUBMITTED, null, 1, false,
                        eur("0"), eur("0"), List.of(new Task(hoursLater(24), null))));
    }

    @Test
    void theFirmAsAWhole() {
        Row all = ApprovalKpis.of(firm(), By.ALL, NOW).get(0);

        assertThat(all.invoices()).isEqualTo(7);
        assertThat(all.straightThrough()).isEqualTo(1);
        assertThat(all.reviewed()).isEqualTo(6);
        assertThat(List.of(all.approved(), all.rejected(), all.pending())).containsExactly(4, 1, 1);
        // first pass: D1 and D4 of the 5 decided reviewed invoices (D2, D3 adjusted, D5 rejected)
        assertThat(all.firstPassRatePct()).isEqualByComparingTo("40.0");
        // cycles of the reviewed approvals: 10, 20, 30, 40 h; nearest rank: median the 2nd, p90 the 4th
        assertThat(all.cycleMedian()).isEqualTo(Duration.ofHours(20));
        assertThat(all.cycleP90()).isEqualTo(Duration.ofHours(40));
        assertThat(all.drafted()).isEqualTo(eur("100000.00"));
        assertThat(all.writeDownPct()).isEqualByComparingTo("1.0");
        assertThat(all.writeOffPct()).isEqualByComparingTo("0.5");
        // D2's task was done 6 h late; D7's is open and past due at NOW
        assertThat(all.tasks()).isEqualTo(7);
        assertThat(all.slaBreaches()).isEqualTo(2);
    }

    @Test
    void byClientAndByRegionShowWhereThingsWait() {
        List<Row> byClient = ApprovalKpis.of(firm(), By.CLIENT, NOW);
        List<Row> byRegion = ApprovalKpis.of(firm(), By.REGION, NOW);

        assertThat(byClient).extracting(Row::group, Row::pending, Row::rejected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("C-ACME", 0, 0),
                org.assertj.core.groups.Tuple.tuple("C-BAUER", 0, 1),
                org.assertj.core.groups.Tuple.tuple("C-HARBOUR", 1, 0));
        assertThat(byRegion).extracting(Row::group, Row::pending).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DE", 0), org.assertj.core.groups.Tuple.tuple("GB", 1));
        assertThat(byClient.get(2).firstPassRatePct()).isNull();
        assertThat(byClient.get(2).cycleMedian()).isNull();
    }

    @Test
    void currenciesAreNeverAddedUp() {
        Invoice pounds = new Invoice("G1", "GB01", "C-KESTREL", "GB", Money.of(new BigDecimal("3000.00"), "GBP"), Outcome.APPROVED,
                SUBMITTED, hoursLater(3), 2, false, Money.of(new BigDecimal("300.00"), "GBP"), Money.of(BigDecimal.ZERO, "GBP"), List.of());
        List<Row> rows = ApprovalKpis.of(List.of(firm().get(0), pounds), By.ALL, NOW);

        assertThat(rows).extracting(Row::currency).containsExactly("EUR", "GBP");
        assertThat(rows.get(1).writeDownPct()).isEqualByComparingTo("10.0");
        assertThat(rows.get(1).drafted()).isEqualTo(Money.of(new BigDecimal("3000.00"), "GBP"));
    }

    @Test
    void nearestRankPercentiles() {
        List<Duration> one = List.of(Duration.ofHours(7));
        List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofHours).toList();

        assertThat(ApprovalKpis.percentile(one, 50)).isEqualTo(Duration.ofHours(7));
        assertThat(ApprovalKpis.percentile(one, 90)).isEqualTo(Duration.ofHours(7));
        assertThat(ApprovalKpis.percentile(ten, 50)).isEqualTo(Duration.ofHours(5));
        assertThat(ApprovalKpis.percentile(ten, 90)).isEqualTo(Duration.ofHours(9));
        assertThat(ApprovalKpis.percentile(List.of(), 90)).isNull();
    }

    @Test
    void aTaskDoneExactlyAtItsDueTimeIsOnTime() {
        assertThat(new Task(NOW, NOW).breached(NOW.plusSeconds(3600))).isFalse();
        assertThat(new Task(NOW, null).breached(NOW)).isFalse();
        assertThat(new Task(NOW, null).breached(NOW.plusSeconds(1))).isTrue();
    }

    @Test
    void aPendingInvoiceHasNoDecisionTime() {
        assertThatThrownBy(() -> new Invoice("X", "DE01", "C", "DE", eur("1.00"), Outcome.PENDING, SUBMITTED, NOW, 1, false,
                eur("0"), eur("0"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
