package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.rateRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.billrun.validate.Fixtures;
import org.junit.jupiter.api.Test;

/** Rate resolution on Northwind's rate_cards.csv: precedence, currency, effective dates. */
class RateBookTests {

    private static final MasterData MASTER = Fixtures.master();
    private static final RateBook NORTHWIND = new RateBook(Fixtures.rateRows());

    private static Optional<RateRow> resolve(RateBook book, String consultant, String contract, LocalDate date) {
        return book.resolve(MASTER.consultant(consultant), MASTER.contract(contract), date);
    }

    private static String rateId(RateBook book, String consultant, String contract, LocalDate date) {
        return resolve(book, consultant, contract, date).map(RateRow::rateId).orElse("none");
    }

    @Test
    void theContractCardBeatsTheFirmCardAndChangesMidOctober() {
        assertThat(resolve(NORTHWIND, "E-009", "K-ACME-1", oct(15))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0034");
            assertThat(r.hourlyRate()).isEqualByComparingTo("185.00");
        });
        assertThat(resolve(NORTHWIND, "E-009", "K-ACME-1", oct(16))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0035");
            assertThat(r.hourlyRate()).isEqualByComparingTo("195.00");
        });
    }

    @Test
    void withoutContractOrClientCardTheFirmRateOfTheDayApplies() {
        assertThat(rateId(NORTHWIND, "E-004", "K-WISLA-1", oct(15))).isEqualTo("R-0004"); // EUR 210.00 until 2026-10-15 inclusive
        assertThat(rateId(NORTHWIND, "E-004", "K-WISLA-1", oct(16))).isEqualTo("R-0005"); // EUR 220.00 from 2026-10-16 inclusive
    }

    @Test
    void aConsultantsOwnRateBeatsTheContractCard() {
        assertThat(resolve(NORTHWIND, "E-010", "K-ACME-1", oct(12))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0046");
            assertThat(r.hourlyRate()).isEqualByComparingTo("160.00");
        });
    }

    @Test
    void aConsultantsOwnRateBeatsTheClientCardAndFollowsItsOwnDates() {
        assertThat(rateId(NORTHWIND, "E-102", "K-HARBOUR-1", oct(12))).isEqualTo("R-0048");
        assertThat(rateId(NORTHWIND, "E-102", "K-HARBOUR-1", LocalDate.of(2026, 6, 30))).isEqualTo("R-0047");
    }

    @Test
    void theClientCardBeatsTheFirmCard() {
        assertThat(resolve(NORTHWIND, "E-103", "K-HARBOUR-1", oct(12))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0030");
            assertThat(r.hourlyRate()).isEqualByComparingTo("175.00");
        });
    }

    @Test
    void aPartnerOnHarbourFallsBackToTheFirmPoundRateBecauseTheClientCardHasNoPartnerRow() {
        assertThat(resolve(NORTHWIND, "E-101", "K-HARBOUR-1", oct(12))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0011");
            assertThat(r.hourlyRate()).isEqualByComparingTo("280.00");
        });
    }

    @Test
    void aContractRowBeatsTheClientCard() {
        List<RateRow> rows = new ArrayList<>(Fixtures.rateRows());
        rows.add(rateRow("R-0049,RC-HARBOUR-K1,contract,K-HARBOUR-1,senior_consultant,GBP,190.00,2026-10-01,"));

        assertThat(rateId(new RateBook(rows), "E-103", "K-HARBOUR-1", oct(12))).isEqualTo("R-0049");
        assertThat(rateId(new RateBook(rows), "E-103", "K-HARBOUR-1", LocalDate.of(2026, 9, 30))).isEqualTo("R-0030");
    }

    @Test
    void theCardTheContractNamesAppliesEvenWhenItsRowsNameAnotherContract() {
        Contract secondPhase = Fixtures.contract("K-HUDSON-2", "C-HUDSON", "US01", BillingModel.TIME_AND_MATERIALS, "USD", oct(1), null, null,
                null, "RC-HUDSON", 17);

        assertThat(NORTHWIND.resolve(MASTER.consultant("E-202"), secondPhase, oct(12))).map(RateRow::rateId).contains("R-0039");
    }

    @Test
    void aCardInAnotherCurrencyDoesNotApply() {
        // E-010's own EUR 160.00 is not converted for the Swiss franc contract: the Alpen client card applies
        assertThat(resolve(NORTHWIND, "E-010", "K-ALPEN-1", oct(12))).hasValueSatisfying(r -> {
            assertThat(r.rateId()).isEqualTo("R-0028");
            assertThat(r.currency()).isEqualTo("CHF");
        });
    }

    @Test
    void noRateAtAllWhenNoLevelHasTheRoleInTheContractsCurrency() {
        assertThat(resolve(NORTHWIND, "E-210", "K-LONESTAR-1", oct(7))).isEmpty();
        assertThat(resolve(NORTHWIND, "E-210", "K-HUDSON-1", oct(7))).isEmpty();
    }

    @Test
    void noRateBeforeTheFirstRowStarts() {
        assertThat(resolve(NORTHWIND, "E-104", "K-KESTREL-1", LocalDate.of(2026, 9, 30))).map(RateRow::rateId).contains("R-0015");
        assertThat(resolve(NORTHWIND, "E-104", "K-KESTREL-1", oct(1))).map(RateRow::rateId).contains("R-0044");
    }

    @Test
    void whenTwoRowsOfOneLevelOverlapTheOneThatStartedLastWinsWhateverTheFileOrder() {
        RateRow open = rateRow("R-0004,RC-FIRM-EUR,firm,,senior_consultant,EUR,210.00,2026-01-01,");
        RateRow newer = rateRow("R-0005,RC-FIRM-EUR,firm,,senior_consultant,EUR,220.00,2026-10-16,");
        List<RateRow> rows = new ArrayList<>(List.of(open, newer));

        assertThat(rateId(new RateBook(rows), "E-004", "K-WISLA-1", oct(20))).isEqualTo("R-0005");
        Collections.reverse(rows);
        assertThat(rateId(new RateBook(rows), "E-004", "K-WISLA-1", oct(20))).isEqualTo("R-0005");
        assertThat(rateId(new RateBook(rows), "E-004", "K-WISLA-1", oct(15))).isEqualTo("R-0004");
    }

    @Test
    void rowsStartingTheSameDayAreDecidedByTheHigherRateId() {
        List<RateRow> rows = List.of(rateRow("R-0051,RC-FIRM-EUR,firm,,analyst,EUR,118.00,2026-10-01,"),
                rateRow("R-0050,RC-FIRM-EUR,firm,,analyst,EUR,116.00,2026-10-01,"));

        assertThat(new RateBook(rows).resolve(analyst(), MASTER.contract("K-WISLA-1"), oct(12))).map(RateRow::rateId).contains("R-0051");
    }

    @Test
    void aRateExplainsWhichRowItCameFrom() {
        assertThat(resolve(NORTHWIND, "E-009", "K-ACME-1", oct(16)).orElseThrow().explain())
                .isEqualTo("R-0035 (card RC-ACME, contract level, senior_consultant, from 2026-10-16)");
        assertThat(resolve(NORTHWIND, "E-102", "K-HARBOUR-1", LocalDate.of(2026, 6, 1)).orElseThrow().explain())
                .isEqualTo("R-0047 (card RC-CONS-E-102, consultant level, from 2026-01-01 to 2026-06-30)");
    }

    private static Consultant analyst() {
        return Fixtures.consultant("E-011", "Łukasz Żółć", "analyst", "DE01", "E-009", "8");
    }
}
