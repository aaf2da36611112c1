package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.billrun.report.Conservation.Drafted;
import org.billrun.report.Conservation.StateCount;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1 as the run report checks it, on figures written by hand: per currency, input billable
 * value = drafted + held + written off, and as many records on the drafts as are valid; per kind,
 * every record in one state.
 */
class ConservationTests {

    private static StateCount valid(String kind, String currency, long records, String amount) {
        return new StateCount(kind, "valid", currency, records, records, new BigDecimal(amount), BigDecimal.ZERO);
    }

    private static StateCount held(String kind, String currency, long records, String amount) {
        return new StateCount(kind, "held", currency, records, records, new BigDecimal(amount), BigDecimal.ZERO);
    }

    private static Drafted drafted(long records, String value, String writeDowns) {
        return new Drafted(records, new BigDecimal(value), new BigDecimal(writeDowns));
    }

    private static RunReport.ControlTotal only(List<RunReport.ControlTotal> totals, String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).findFirst().orElseThrow();
    }

    @Nested
    class ControlTotals {

        @Test
        void everyValidRecordOnTheDraftsAndTheHeldOnesAsideReconcile() {
            List<StateCount> states = List.of(valid("time_entry", "EUR", 3, "1500.00"), valid("expense", "EUR", 2, "120.50"),
                    held("time_entry", "EUR", 1, "250.00"));

            RunReport.ControlTotal eur = only(Conservation.controlTotals(states, Map.of("EUR", drafted(5, "1620.50", "0"))), "EUR");

            assertThat(eur).isEqualTo(new RunReport.ControlTotal("EUR", "1870.50", "1620.50", "1620.50", "250.00", "0.00", "0.00", true,
                    5, 5, 1));
        }

        @Test
        void validRecordsAnEarlierRunsInvoicedDraftBillsCountAsDraftedOnceThere() {
            // a run after an invoice was issued: the invoiced contract's 3 records are on the earlier run's draft, 2 on this run's
            List<StateCount> states = List.of(valid("time_entry", "EUR", 5, "1500.00"));

            RunReport.ControlTotal eur = only(Conservation.controlTotals(states,
                    Map.of("EUR", drafted(2, "600.00", "0").withBilledEarlier(3, new BigDecimal("900.00")))), "EUR");

            assertThat(eur.reconciles()).isTrue();
            assertThat(eur.drafted()).isEqualTo("1500.00");
            assertThat(eur.draftedRecords()).isEqualTo(5);
        }

        @Test
        void aValidRecordMissingFromTheDraftsIsADifferenceOfItsValueAndOneRecord() {
            List<StateCount> states = List.of(valid("time_entry", "USD", 3, "900.00"));

            RunReport.ControlTotal usd = only(Conservation.controlTotals(states, Map.of("USD", drafted(2, "600.00", "0"))), "USD");

            assertThat(usd.difference()).isEqualTo("300.00");
            assertThat(usd.validRecords()).isEqualTo(3);
            assertThat(usd.draftedRecords()).isEqualTo(2);
            assertThat(usd.reconciles()).isFalse();
        }

        @Test
        void aRecordDraftedTwiceIsANegativeDifference() {
            List<StateCount> states = List.of(valid("time_entry", "GBP", 2, "400.00"));

            RunReport.ControlTotal gbp = only(Conservation.controlTotals(states, Map.of("GBP", drafted(3, "600.00", "0"))), "GBP");

            assertThat(gbp.difference()).isEqualTo("-200.00");
            assertThat(gbp.reconciles()).isFalse();
        }

        @Test
        void equalAmountsWithDifferentRecordCountsDoNotReconcile() {
            // a valid record worth 0.00 (time covered by a fee) that never reached a draft changes no amount, only the count
            List<StateCount> states = List.of(valid("time_entry", "EUR", 4, "1000.00"));

            RunReport.ControlTotal eur = only(Conservation.controlTotals(states, Map.of("EUR", drafted(3, "1000.00", "0"))), "EUR");

            assertThat(eur.difference()).isEqualTo("0.00");
            assertThat(eur.reconciles()).isFalse();
        }

        @Test
        void aWriteDownToACapIsWrittenOffNotDrafted() {
            // GBP 76,610.00 of time against a cap that leaves 65,000.00: 11,610.00 written down
            List<StateCount> states = List.of(valid("time_entry", "GBP", 40, "76610.00"));

            RunReport.ControlTotal gbp = only(Conservation.controlTotals(states, Map.of("GBP", drafted(40, "76610.00", "11610.00"))), "GBP");

            assertThat(List.of(gbp.inputBillable(), gbp.drafted(), gbp.held(), gbp.writtenOff(), gbp.difference()))
                    .containsExactly("76610.00", "65000.00", "0.00", "11610.00", "0.00");
            assertThat(gbp.reconciles()).isTrue();
        }

        @Test
        void aLineWrittenOffInApprovalIsWrittenOffNotDraftedAndItsRecordsStillCount() {
            // EUR 5,000.00 of records, a line of 1,200.00 of them written off by a reviewer, and a cap write-down of 300.00
            List<StateCount> states = List.of(valid("time_entry", "EUR", 10, "5000.00"));
            Drafted onDrafts = drafted(10, "5000.00", "300.00").withWriteOffs(new BigDecimal("1200.00"));

            RunReport.ControlTotal eur = only(Conservation.controlTotals(states, Map.of("EUR", onDrafts)), "EUR");

            assertThat(List.of(eur.inputBillable(), eur.drafted(), eur.held(), eur.writtenOff(), eur.difference()))
                    .containsExactly("5000.00", "3500.00", "0.00", "1500.00", "0.00");
            assertThat(eur.reconciles()).isTrue();
            assertThat(eur.draftedRecords()).isEqualTo(10);
        }

        @Test
        void anExpenseHeldForWantOfAnFxRateStaysInItsOwnCurrencyWithNothingDrafted() {
            List<StateCount> states = List.of(valid("time_entry", "EUR", 1, "100.00"), held("expense", "SEK", 1, "695.00"));

            List<RunReport.ControlTotal> totals = Conservation.controlTotals(states, Map.of("EUR", drafted(1, "100.00", "0")));

            assertThat(totals).extracting(RunReport.ControlTotal::currency).containsExactly("EUR", "SEK");
            RunReport.ControlTotal sek = only(totals, "SEK");
            assertThat(List.of(sek.inputBillable(), sek.drafted(), sek.held(), sek.difference())).containsExactly("695.00", "0.00", "695.00",
                    "0.00");
            assertThat(List.of(sek.validRecords(), sek.draftedRecords(), sek.heldRecords())).containsExactly(0L, 0L, 1L);
            assertThat(sek.reconciles()).isTrue();
        }

        @Test
        void aCurrencyOnlyTheDraftsKnowIsADifference() {
            List<RunReport.ControlTotal> totals = Conservation.controlTotals(List.of(), Map.of("CHF", drafted(1, "59.84", "0")));

            assertThat(only(totals, "CHF").difference()).isEqualTo("-59.84");
            assertThat(only(totals, "CHF").reconciles()).isFalse();
        }

        @Test
        void nonBillableRecordsAndRecordsWithoutACurrencyOrAValueAreInNoAmount() {
            List<StateCount> states = List.of(valid("time_entry", "EUR", 2, "200.00"),
                    new StateCount("time_entry", "non_billable", "EUR", 5, 0, BigDecimal.ZERO, new BigDecimal("40")),
                    new StateCount("time_entry", "held", null, 1, 0, BigDecimal.ZERO, new BigDecimal("4")),
                    new StateCount("time_entry", "held", "USD", 3, 0, BigDecimal.ZERO, new BigDecimal("9")));

            List<RunReport.ControlTotal> totals = Conservation.controlTotals(states, Map.of("EUR", drafted(2, "200.00", "0")));

            assertThat(totals).extracting(RunReport.ControlTotal::currency).containsExactly("EUR");
            assertThat(only(totals, "EUR").inputBillable()).isEqualTo("200.00");
            assertThat(only(totals, "EUR").heldRecords()).isZero();
        }

        @Test
        void everyFigureOfACurrencyHasTheScaleOfItsMostPreciseOneAndAtLeastTheMinorUnit() {
            List<StateCount> states = List.of(valid("time_entry", "USD", 2, "308637.1446"), held("time_entry", "USD", 1, "21326.80"),
                    valid("time_entry", "JPY", 1, "120000"));

            List<RunReport.ControlTotal> totals = Conservation.controlTotals(states,
                    Map.of("USD", drafted(2, "308637.1446", "0"), "JPY", drafted(1, "120000", "0")));

            RunReport.ControlTotal usd = only(totals, "USD");
            assertThat(List.of(usd.inputBillable(), usd.drafted(), usd.held(), usd.writtenOff(), usd.difference()))
                    .containsExactly("329963.9446", "308637.1446", "21326.8000", "0.0000", "0.0000");
            assertThat(only(totals, "JPY").inputBillable()).isEqualTo("120000");
        }

        @Test
        void currenciesAreListedInAlphabeticalOrder() {
            List<StateCount> states = List.of(valid("time_entry", "USD", 1, "1"), valid("time_entry", "CHF", 1, "1"),
                    valid("time_entry", "EUR", 1, "1"));

            assertThat(Conservation.controlTotals(states, Map.of())).extracting(RunReport.ControlTotal::currency)
                    .containsExactly("CHF", "EUR", "USD");
        }
    }

    @Nested
    class RecordStates {

        @Test
        void eachKindCountsItsRecordsInEveryStateAndTheRowsIngestRejected() {
            List<StateCount> states = List.of(valid("time_entry", "EUR", 1100, "1"), valid("time_entry", "USD", 102, "1"),
                    held("time_entry", "EUR", 24, "1"),
                    new StateCount("time_entry", "non_billable", null, 464, 0, BigDecimal.ZERO, BigDecimal.ZERO),
                    valid("expense", "EUR", 167, "1"), held("milestone", "USD", 1, "1"), valid("milestone", "USD", 2, "1"));

            List<RunReport.RecordStates> records = Conservation.recordStates(states, Map.of("time_entry", 6L, "expense", 2L));

            assertThat(records).containsExactly(new RunReport.RecordStates("time_entry", 1202, 24, 464, 6, 1696),
                    new RunReport.RecordStates("expense", 167, 0, 0, 2, 169), new RunReport.RecordStates("milestone", 2, 1, 0, 0, 3));
        }

        @Test
        void aKindWithoutRecordsIsListedWithNone() {
            assertThat(Conservation.recordStates(List.of(), Map.of())).extracting(RunReport.RecordStates::total).containsExactly(0L, 0L, 0L);
        }
    }
}
