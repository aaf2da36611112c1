package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.expenseContext;
import static org.billrun.validate.Fixtures.oct;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Optional;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Expense;
import org.junit.jupiter.api.Test;

/** Each expense rule with a passing and a failing line, modelled on the Northwind defects V14–V19. */
class ExpenseRulesTests {

    private static Optional<String> check(RecordRule<Expense, ExpenseContext> rule, Expense expense) {
        return rule.check(expense, expenseContext(expense));
    }

    /** E-109's rail ticket to Leeds, expenses.csv line 12. */
    private static Expense lner(String id, int line) {
        return expense().id(id, line).by("E-109").on("P-KESTREL-POS").date(oct(5)).spent("travel", "142.30", "GBP", "LNER").build();
    }

    /** E-006's second Paris hotel line, expenses.csv line 70. */
    private static Expense hiltonOpera() {
        return expense().id("EX-00069", 70).date(oct(14)).spent("hotel", "629.10", "EUR", "HILTON PARIS OPERA").build();
    }

    @Test
    void anExpenseOnAKnownProjectPassesTheProjectCheck() {
        assertThat(check(ExpenseRules.unknownProject(), expense().build())).isEmpty();
    }

    @Test
    void anExpenseOnAProjectMissingFromProjectsCsvIsHeldWithTheProjectNamed() {
        assertThat(check(ExpenseRules.unknownProject(), expense().on("P-ACME-DATA").build())).contains("project P-ACME-DATA is not in projects.csv");
    }

    @Test
    void anExpenseOnAnOpenProjectPassesTheClosedProjectCheck() {
        assertThat(check(ExpenseRules.projectClosed(), expense().build())).isEmpty();
    }

    @Test
    void anExpenseOnAClosedProjectIsHeldWithTheProjectNamed() {
        assertThat(check(ExpenseRules.projectClosed(), expense().on("P-ACME-PMO").build()))
                .contains("project P-ACME-PMO (PMO support (phase 1, completed)) is closed");
    }

    @Test
    void anExpenseOfAKnownConsultantPassesTheConsultantCheck() {
        assertThat(check(ExpenseRules.unknownConsultant(), expense().build())).isEmpty();
    }

    @Test
    void anExpenseOfAnUnknownConsultantIsHeldWithTheIdNamed() {
        assertThat(check(ExpenseRules.unknownConsultant(), expense().by("E-016").build())).contains("consultant E-016 is not in consultants.csv");
    }

    @Test
    void anExpenseOnTheLastDayOfThePeriodIsInsideIt() {
        assertThat(check(ExpenseRules.outsidePeriod(), expense().date(oct(31)).build())).isEmpty();
    }

    @Test
    void anExpenseDatedInTheNextMonthIsHeldWithDateAndPeriod() {
        assertThat(check(ExpenseRules.outsidePeriod(), expense().date(LocalDate.of(2026, 11, 1)).build()))
                .contains("dated 2026-11-01, outside the period 2026-10");
    }

    @Test
    void anExpenseOfACategoryWithAPolicyPassesTheCategoryCheck() {
        assertThat(check(ExpenseRules.unknownCategory(), expense().build())).isEmpty();
    }

    @Test
    void anExpenseOfACategoryWithoutPolicyIsHeldWithTheCategoryNamed() {
        assertThat(check(ExpenseRules.unknownCategory(), expense().spent("gifts", "45.00", "EUR", "KaDeWe").build()))
                .contains("category gifts is not in expense_policies.csv");
    }

    @Test
    void anExpenseSubmittedBeforeTheCutoffIsInTime() {
        assertThat(check(ExpenseRules.afterCutoff(), expense().submitted("2026-11-03T17:59:59Z").build())).isEmpty();
    }

    @Test
    void anExpenseSubmittedAfterTheCutoffIsHeldWithBothInstants() {
        assertThat(check(ExpenseRules.afterCutoff(), expense().submitted("2026-11-03T18:00:01Z").build()))
                .contains("submitted 2026-11-03T18:00:01Z, after the 2026-10 cutoff 2026-11-03T18:00:00Z");
    }

    @Test
    void anApprovedExpensePassesTheApprovalCheck() {
        assertThat(check(ExpenseRules.unapproved(), expense().build())).isEmpty();
    }

    @Test
    void aSubmittedOrDraftExpenseIsHeldNamingItsStatus() {
        assertThat(check(ExpenseRules.unapproved(), expense().id("EX-00175", 177).status(ApprovalStatus.SUBMITTED).build()))
                .contains("approval status is submitted, not approved");
        assertThat(check(ExpenseRules.unapproved(), expense().id("EX-00182", 184).status(ApprovalStatus.DRAFT).build()))
                .contains("approval status is draft, not approved");
    }

    @Test
    void anApprovedExpenseIsNotRejected() {
        assertThat(check(ExpenseRules.rejected(), expense().build())).isEmpty();
    }

    @Test
    void aRejectedExpenseIsHeld() {
        assertThat(check(ExpenseRules.rejected(), expense().status(ApprovalStatus.REJECTED).build())).contains("rejected by its approver");
    }

    @Test
    void aHotelLineOfExactlyTheLimitPasses() {
        assertThat(check(ExpenseRules.overLimit(), expense().spent("hotel", "1000.00", "EUR", "Hotel Adlon").build())).isEmpty();
    }

    @Test
    void aHotelLineAboveTheLimitIsHeldWithAmountAndLimit() {
        Expense hotel = expense().id("EX-00101", 102).spent("hotel", "1378.00", "EUR", "Hotel Adlon Kempinski").build();

        assertThat(check(ExpenseRules.overLimit(), hotel)).contains("hotel EUR 1,378.00 is above the hotel limit of EUR 1,000.00 per line");
    }

    @Test
    void aMealInPoundsIsComparedWithTheEuroLimitAfterConversionAndShowsBothAmounts() {
        Expense meal = expense().id("EX-00061", 62).by("E-109").on("P-KESTREL-POS").date(oct(8))
                .spent("meals", "212.40", "GBP", "Dishoom King's Cross").build();

        assertThat(check(ExpenseRules.overLimit(), meal)).contains("meals GBP 212.40 (EUR 246.11) is above the meals limit of EUR 75.00 per line");
    }

    @Test
    void aMealInPoundsJustBelowTheEuroLimitPasses() {
        // GBP 64.70 x 1.158710 = EUR 74.97
        Expense meal = expense().by("E-109").on("P-KESTREL-POS").spent("meals", "64.70", "GBP", "Pret A Manger").build();

        assertThat(check(ExpenseRules.overLimit(), meal)).isEmpty();
    }

    @Test
    void anExpenseWithAReceiptOrBelowTheThresholdNeedsNoReceipt() {
        assertThat(check(ExpenseRules.missingReceipt(), expense().build())).isEmpty();
        assertThat(check(ExpenseRules.missingReceipt(), expense().spent("taxi", "20.00", "EUR", "Taxi Berlin").withoutReceipt().build())).isEmpty();
        assertThat(check(ExpenseRules.missingReceipt(), expense().spent("mileage", "84.00", "EUR", "own car").withoutReceipt().build())).isEmpty();
    }

    @Test
    void aHotelWithoutReceiptIsHeldWithAmountAndThreshold() {
        Expense hotel = expense().id("EX-00047", 48).spent("hotel", "456.00", "EUR", "Motel One München").withoutReceipt().build();

        assertThat(check(ExpenseRules.missingReceipt(), hotel)).contains("hotel EUR 456.00 has no receipt; hotel needs one above EUR 0.00");
    }

    @Test
    void aTaxiAboveTwentyEurosWithoutReceiptIsHeld() {
        Expense taxi = expense().id("EX-00179", 181).spent("taxi", "64.00", "EUR", "Taxi Frankfurt").withoutReceipt().build();

        assertThat(check(ExpenseRules.missingReceipt(), taxi)).contains("taxi EUR 64.00 has no receipt; taxi needs one above EUR 20.00");
    }

    @Test
    void theFirstOfTwoIdenticalLinesIsNotTheDuplicate() {
        Expense first = lner("EX-00011", 12);
        Expense second = lner("EX-00012", 13);

        assertThat(ExpenseRules.duplicate().check(first, expenseContext(first, second))).isEmpty();
    }

    @Test
    void theSameTrainTicketTheNextDayIsNoDuplicate() {
        Expense first = lner("EX-00011", 12);
        Expense back = expense().id("EX-00012", 13).by("E-109").on("P-KESTREL-POS").date(oct(6)).spent("travel", "142.30", "GBP", "LNER").build();

        assertThat(ExpenseRules.duplicate().check(back, expenseContext(first, back))).isEmpty();
    }

    @Test
    void theSecondOfTwoIdenticalLinesIsHeldNamingTheFirstAndItsLine() {
        Expense first = lner("EX-00011", 12);
        Expense second = lner("EX-00012", 13);

        assertThat(ExpenseRules.duplicate().check(second, expenseContext(first, second)))
                .contains("same consultant, date, category, amount and merchant as EX-00011 (expenses.csv line 12): GBP 142.30 on 2026-10-05 at 'LNER'");
    }

    @Test
    void theSameLineOfAnotherConsultantIsNoDuplicate() {
        Expense mine = lner("EX-00011", 12);
        Expense colleague = expense().id("EX-00012", 13).by("E-104").on("P-KESTREL-POS").date(oct(5)).spent("travel", "142.30", "GBP", "LNER").build();

        assertThat(ExpenseRules.duplicate().check(colleague, expenseContext(mine, colleague))).isEmpty();
    }

    @Test
    void theHiltonParisAndHiltonParisOperaOneDayApartAreANearDuplicateWithTheNumbersExplained() {
        Expense first = expense().build();
        Expense second = hiltonOpera();

        assertThat(ExpenseRules.nearDuplicate().check(second, expenseContext(first, second))).contains(
                "EUR 629.10 on 2026-10-14 at 'HILTON PARIS OPERA' is close to EX-00056 (expenses.csv line 57): EUR 624.80 on 2026-10-13"
                        + " at 'Hilton Paris'; 0.68 % apart, 1 day apart, merchant similarity 0.67");
    }

    @Test
    void theEarlierLineOfANearDuplicatePairCarriesNoWarning() {
        Expense first = expense().build();
        Expense second = hiltonOpera();

        assertThat(ExpenseRules.nearDuplicate().check(first, expenseContext(first, second))).isEmpty();
    }

    @Test
    void hotelsOfTheSameWeekAtOtherHotelsOrPricesOrDatesAreNoNearDuplicates() {
        Expense first = expense().build();
        Expense otherHotel = expense().id("EX-00069", 70).date(oct(14)).spent("hotel", "629.10", "EUR", "Hôtel Lutetia").build();
        Expense otherPrice = expense().id("EX-00069", 70).date(oct(14)).spent("hotel", "640.00", "EUR", "HILTON PARIS OPERA").build();
        Expense fourDaysLater = expense().id("EX-00069", 70).date(oct(17)).spent("hotel", "629.10", "EUR", "HILTON PARIS OPERA").build();

        assertThat(ExpenseRules.nearDuplicate().check(otherHotel, expenseContext(first, otherHotel))).isEmpty();
        assertThat(ExpenseRules.nearDuplicate().check(otherPrice, expenseContext(first, otherPrice))).isEmpty();
        assertThat(ExpenseRules.nearDuplicate().check(fourDaysLater, expenseContext(first, fourDaysLater))).isEmpty();
    }

    @Test
    void anExactDuplicateIsNotAlsoANearDuplicate() {
        Expense first = lner("EX-00011", 12);
        Expense second = lner("EX-00012", 13);

        assertThat(ExpenseRules.nearDuplicate().check(second, expenseContext(first, second))).isEmpty();
    }

    @Test
    void merchantSimilarityIsSharedWordsOverAllWordsSoOneSharedCityIsNotEnough() {
        assertThat(ExpenseRules.merchantSimilarity("Hilton Paris", "HILTON PARIS OPERA")).isEqualByComparingTo(new BigDecimal(2).divide(new BigDecimal(3), MathContext.DECIMAL64));
        assertThat(ExpenseRules.merchantSimilarity("Novotel Paris Gare de Lyon", "Hilton Paris")).isLessThan(new BigDecimal("0.5"));
        assertThat(ExpenseRules.merchantSimilarity("Hilton Paris", "Hôtel Lutetia")).isEqualByComparingTo("0");
        assertThat(ExpenseRules.merchantSimilarity("", "")).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void poundsOnAPoundContractWithAEuroPolicyHaveEveryRateTheyNeed() {
        assertThat(check(ExpenseRules.fxRateMissing(), lner("EX-00011", 12))).isEmpty();
    }

    @Test
    void aSwedishTaxiOnADollarContractIsHeldForTheMissingRateNamingPairDateAndLookback() {
        Expense taxi = expense().id("EX-00147", 149).by("E-206").on("P-CASCADE-VAL").date(oct(23))
                .spent("taxi", "695.00", "SEK", "Taxi Stockholm").build();

        assertThat(check(ExpenseRules.fxRateMissing(), taxi))
                .contains("no SEK to USD rate for 2026-10-23 or the 7 days before it (contract K-CASCADE-1 bills in USD)");
    }

    @Test
    void francsOnAFrancContractAreHeldWhenThePolicyCurrencyHasNoRate() {
        Expense taxi = expense().on("P-ALPEN-RISK").date(oct(20)).spent("taxi", "48.50", "CHF", "Taxi Zürich").build();

        assertThat(check(ExpenseRules.fxRateMissing(), taxi))
                .contains("no CHF to EUR rate for 2026-10-20 or the 7 days before it (the taxi policy is in EUR)");
    }

    @Test
    void anExpenseInsideTheContractTermPasses() {
        assertThat(check(ExpenseRules.contractNotInForce(), expense().on("P-WISLA-LOG").date(oct(5)).build())).isEmpty();
    }

    @Test
    void anExpenseAfterTheContractEndedIsHeldWithTheContractTerm() {
        assertThat(check(ExpenseRules.contractNotInForce(), expense().on("P-BAUER-MIGR").date(oct(16)).build()))
                .contains("spent on 2026-10-16; contract K-BAUER-2 runs from 2026-03-01 to 2026-10-15");
    }

    @Test
    void anExpenseOnAProjectOfTheRightClientPassesTheMismatchCheck() {
        assertThat(check(ExpenseRules.projectClientMismatch(), expense().build())).isEmpty();
    }

    @Test
    void anExpenseOnAProjectClaimingAnotherClientIsHeldNamingBothClients() {
        assertThat(check(ExpenseRules.projectClientMismatch(), expense().by("E-103").on("P-HARBOUR-GOV").build()))
                .contains("project P-HARBOUR-GOV claims client C-KESTREL but its contract K-HARBOUR-1 belongs to C-HARBOUR (projects.csv line 11)");
    }
}
