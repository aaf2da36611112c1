package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.time;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RuleCode;
import org.billrun.billing.TimeEntry;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ValidationPolicy;
import org.billrun.validate.TimeEntryContext.DayTotal;
import org.junit.jupiter.api.Test;

/** One time entry through billability, valuation at the rate in force, the rules and the owners. */
class TimeEntryValidatorTests {

    private static final String FINANCE = "finance-ar@northwind.example";

    private static ValidatedRecord validate(TimeEntry entry) {
        ValidationPolicy policy = Fixtures.policyWithFinanceOwner(FINANCE);
        return new TimeEntryValidator(Fixtures.timeContext(Fixtures.master(), policy, entry)).validate(entry);
    }

    @Test
    void approvedTimeIsValuedAtTheContractCardRateOfItsDay() {
        ValidatedRecord before = validate(time().date(oct(15)).build());
        ValidatedRecord after = validate(time().date(oct(16)).build());

        assertThat(before.findings()).isEmpty();
        assertThat(before.billable()).isTrue();
        assertThat(before.contractId()).isEqualTo("K-ACME-1");
        assertThat(before.amount()).isEqualByComparingTo("1387.50"); // 7.5 h x EUR 185.00 (R-0034)
        assertThat(before.currency()).isEqualTo("EUR");
        assertThat(before.hours()).isEqualByComparingTo("7.5");
        assertThat(after.amount()).isEqualByComparingTo("1462.50"); // 7.5 h x EUR 195.00 (R-0035)
    }

    @Test
    void aConsultantOverrideValuesTheTimeAboveTheContractCard() {
        assertThat(validate(time().by("E-010").hours("8").build()).amount()).isEqualByComparingTo("1280.00"); // 8 h x EUR 160.00 (R-0046)
    }

    @Test
    void timeOnTheNonBillableTravelTaskIsAStateNotAnException() {
        ValidatedRecord travel = validate(time().on("P-ACME-ERP", "TK-ACME-ERP-4").status(ApprovalStatus.SUBMITTED, null).build());

        assertThat(travel.billable()).isFalse();
        assertThat(travel.amount()).isNull();
        assertThat(travel.findings()).isEmpty();
    }

    @Test
    void internalTimeIsNotBilledAndNotCheckedForApprovalCutoffOrRate() {
        ValidatedRecord internal = validate(time().by("E-210").on("P-INT-DE", "TK-INT-DE-1").nonBillable().status(ApprovalStatus.DRAFT, null)
                .submitted("2026-11-05T09:00:00Z").build());

        assertThat(internal.billable()).isFalse();
        assertThat(internal.findings()).isEmpty();
    }

    @Test
    void aNonBillableEntryOnABillableProjectIsNotBilled() {
        ValidatedRecord entry = validate(time().nonBillable().status(ApprovalStatus.DRAFT, null).build());

        assertThat(entry.billable()).isFalse();
        assertThat(entry.findings()).isEmpty();
    }

    @Test
    void nonBillableTimeStillMustBeInThePeriodAndPositive() {
        ValidatedRecord entry = validate(time().on("P-INT-DE", "TK-INT-DE-1").nonBillable().date(LocalDate.of(2026, 9, 30)).hours("0").build());

        assertThat(entry.findings()).extracting(Finding::rule).containsExactlyInAnyOrder(RuleCode.TIME_OUTSIDE_PERIOD, RuleCode.TIME_HOURS_NOT_POSITIVE);
        assertThat(entry.findings()).allSatisfy(f -> assertThat(f.ownerId()).isEqualTo("E-009"));
    }

    @Test
    void dataScientistTimeWithoutRateIsHeldForFinanceAndHasNoValue() {
        ValidatedRecord entry = validate(time().id("T-000623", 625).by("E-210").on("P-LONESTAR-PMO", "TK-LONESTAR-PMO-2").build());

        assertThat(entry.amount()).isNull();
        assertThat(entry.currency()).isEqualTo("USD");
        assertThat(entry.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.RATE_MISSING);
            assertThat(f.ownerRole()).isEqualTo(OwnerRole.FINANCE);
            assertThat(f.ownerId()).isEqualTo(FINANCE);
            assertThat(f.record().where()).isEqualTo("time_entries.csv line 625");
        });
    }

    @Test
    void lateTimeIsOwnedByTheProjectManagerAndCarriesItsValue() {
        ValidatedRecord entry = validate(time().id("T-001665", 1668).submitted("2026-11-04T08:47:12Z").build());

        assertThat(entry.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.TIME_AFTER_CUTOFF);
            assertThat(f.ownerId()).isEqualTo("E-009");
            assertThat(f.amount()).isEqualByComparingTo("1387.50");
            assertThat(f.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void lateTimeOnAnUnknownProjectIsOwnedByTheConsultantsManager() {
        ValidatedRecord entry = validate(time().id("T-000411", 413).by("E-007").on("P-ACME-DATA", "").submitted("2026-11-04T08:47:12Z").build());

        assertThat(entry.contractId()).isNull();
        assertThat(entry.findings()).extracting(Finding::rule, Finding::ownerId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(RuleCode.TIME_UNKNOWN_PROJECT, "E-007"),
                org.assertj.core.groups.Tuple.tuple(RuleCode.TIME_AFTER_CUTOFF, "E-004"));
    }

    @Test
    void rejectedTimeIsOwnedByTheConsultant() {
        ValidatedRecord entry = validate(time().status(ApprovalStatus.REJECTED, "E-002").build());

        assertThat(entry.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.TIME_REJECTED);
            assertThat(f.ownerId()).isEqualTo("E-009");
        });
    }

    @Test
    void timeOnTheMismatchedHarbourProjectIsHeldForFinance() {
        ValidatedRecord entry = validate(time().id("T-000209", 210).by("E-103").on("P-HARBOUR-GOV", "TK-HARBOUR-GOV-1").build());

        assertThat(entry.findings()).extracting(Finding::rule).containsExactly(RuleCode.PROJECT_CLIENT_MISMATCH);
        assertThat(entry.amount()).isEqualByComparingTo("1312.50"); // 7.5 h x GBP 175.00 (R-0030, Harbour client card)
    }

    @Test
    void anEntryReadWithItsDayIsCheckedAgainstThatDaysTotalNotAgainstItsOwnHours() {
        ValidationPolicy policy = Fixtures.policyWithFinanceOwner(FINANCE);
        TimeEntryValidator validator = new TimeEntryValidator(new TimeEntryContext(Fixtures.OCTOBER, policy.cutoff(Fixtures.OCTOBER), policy,
                Fixtures.master(), TimeEntryContext.READ_WITH_EACH_ENTRY, RecordPolicies.everywhere(policy)));
        TimeEntry morning = time().by("E-007").date(oct(21)).hours("6.5").build();

        ValidatedRecord longDay = validator.validate(morning, new DayTotal(new BigDecimal("14.5"), 3));
        ValidatedRecord fullDay = validator.validate(morning, new DayTotal(new BigDecimal("12.0"), 2));

        assertThat(longDay.findings()).extracting(Finding::rule).containsExactly(RuleCode.TIME_DAILY_HOURS_EXCEEDED);
        assertThat(longDay.findings().get(0).message()).contains("E-007 recorded 14.5 h on 2026-10-21 in 3 entries");
        assertThat(fullDay.findings()).isEmpty();
    }

    @Test
    void aContextWhoseDaysComeWithEachEntryRefusesToValidateAnEntryWithoutItsDay() {
        ValidationPolicy policy = Fixtures.policyWithFinanceOwner(FINANCE);
        TimeEntryValidator validator = new TimeEntryValidator(new TimeEntryContext(Fixtures.OCTOBER, policy.cutoff(Fixtures.OCTOBER), policy,
                Fixtures.master(), TimeEntryContext.READ_WITH_EACH_ENTRY, RecordPolicies.everywhere(policy)));

        assertThatThrownBy(() -> validator.validate(time().by("E-007").date(oct(21)).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the hours of E-007 on 2026-10-21 come with each entry");
    }
}
