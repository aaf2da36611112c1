package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.oct;

import java.time.LocalDate;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Expense;
import org.billrun.billing.RuleCode;
import org.billrun.policy.ValidationPolicy;
import org.junit.jupiter.api.Test;

/** One expense line through billability, conversion to the contract's currency, the rules and the owners. */
class ExpenseValidatorTests {

    private static final String FINANCE = "finance-ar@northwind.example";

    private static ValidatedRecord validate(Expense expense, Expense... period) {
        ValidationPolicy policy = Fixtures.policyWithFinanceOwner(FINANCE);
        Expense[] all = period.length == 0 ? new Expense[] {expense} : period;
        return new ExpenseValidator(Fixtures.expenseContext(Fixtures.master(), policy, all)).validate(expense);
    }

    @Test
    void aEuroHotelOnAEuroContractKeepsItsAmount() {
        ValidatedRecord hotel = validate(expense().build());

        assertThat(hotel.findings()).isEmpty();
        assertThat(hotel.billable()).isTrue();
        assertThat(hotel.contractId()).isEqualTo("K-ACME-1");
        assertThat(hotel.amount()).isEqualByComparingTo("624.80");
        assertThat(hotel.currency()).isEqualTo("EUR");
        assertThat(hotel.hours()).isNull();
    }

    @Test
    void aEuroExpenseOnADollarContractIsConvertedAtTheDaysRate() {
        ValidatedRecord taxi = validate(expense().by("E-202").on("P-HUDSON-DD").spent("taxi", "100.00", "EUR", "Taxi Frankfurt").build());

        assertThat(taxi.amount()).isEqualByComparingTo("110.38"); // x 1.103800 EUR/USD
        assertThat(taxi.currency()).isEqualTo("USD");
    }

    @Test
    void aPoundExpenseOnAEuroContractIsConvertedToFourDecimals() {
        ValidatedRecord travel = validate(expense().spent("travel", "212.40", "GBP", "Eurostar").build());

        assertThat(travel.amount()).isEqualTo("246.1100"); // 212.40 x 1.158710 = 246.110004
        assertThat(travel.currency()).isEqualTo("EUR");
    }

    @Test
    void aSwedishTaxiWithoutRateStaysInKronorAndIsHeldForFinance() {
        ValidatedRecord taxi = validate(expense().id("EX-00147", 149).by("E-206").on("P-CASCADE-VAL").date(oct(23))
                .spent("taxi", "695.00", "SEK", "Taxi Stockholm").build());

        assertThat(taxi.amount()).isEqualByComparingTo("695.00");
        assertThat(taxi.currency()).isEqualTo("SEK");
        assertThat(taxi.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.FX_RATE_MISSING);
            assertThat(f.ownerId()).isEqualTo(FINANCE);
            assertThat(f.amount()).isEqualByComparingTo("695.00");
            assertThat(f.currency()).isEqualTo("SEK");
        });
    }

    @Test
    void aSoftwareLicenceTheConsultantDidNotClaimIsAFirmCostNotAnException() {
        ValidatedRecord licence = validate(expense().id("EX-00001", 2).by("E-007").spent("software", "899.00", "EUR", "JetBrains s.r.o.")
                .notReimbursable().withoutReceipt().build());

        assertThat(licence.billable()).isFalse();
        assertThat(licence.findings()).as("no over-limit, no missing receipt for a firm cost").isEmpty();
    }

    @Test
    void aClaimedExpenseOfACategoryThatIsNeverRebilledIsAFirmCost() {
        ValidatedRecord licence = validate(expense().spent("software", "899.00", "EUR", "JetBrains s.r.o.").status(ApprovalStatus.DRAFT).build());

        assertThat(licence.billable()).isFalse();
        assertThat(licence.findings()).isEmpty();
    }

    @Test
    void anExpenseOnTheInternalProjectIsNotRebilledButMustStillBeInThePeriod() {
        ValidatedRecord internal = validate(expense().by("E-007").on("P-INT-DE").date(LocalDate.of(2026, 9, 28))
                .spent("hotel", "1378.00", "EUR", "Hotel Adlon").withoutReceipt().build());

        assertThat(internal.billable()).isFalse();
        assertThat(internal.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.EXPENSE_OUTSIDE_PERIOD);
            assertThat(f.ownerId()).isEqualTo("E-007");
        });
    }

    @Test
    void anExpenseAboveTheLimitIsOwnedByTheProjectManagerAndAMissingReceiptByTheConsultant() {
        ValidatedRecord hotel = validate(expense().id("EX-00101", 102).spent("hotel", "1378.00", "EUR", "Hotel Adlon").withoutReceipt().build());

        assertThat(hotel.findings()).extracting(Finding::rule, Finding::ownerId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(RuleCode.EXPENSE_OVER_LIMIT, "E-009"),
                org.assertj.core.groups.Tuple.tuple(RuleCode.EXPENSE_MISSING_RECEIPT, "E-006"));
    }

    @Test
    void theNearDuplicateHotelWarnsTheProjectManagerWithoutBlocking() {
        Expense first = expense().build();
        Expense second = expense().id("EX-00069", 70).date(oct(14)).spent("hotel", "629.10", "EUR", "HILTON PARIS OPERA").build();

        ValidatedRecord result = validate(second, first, second);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.EXPENSE_NEAR_DUPLICATE);
            assertThat(f.blocks()).isFalse();
            assertThat(f.ownerId()).isEqualTo("E-009");
        });
        assertThat(validate(first, first, second).findings()).isEmpty();
    }
}
