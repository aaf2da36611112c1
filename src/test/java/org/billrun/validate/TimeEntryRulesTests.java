package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.time;
import static org.billrun.validate.Fixtures.timeContext;

import java.time.LocalDate;
import java.util.Optional;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.TimeEntry;
import org.junit.jupiter.api.Test;

/** Each time entry rule with a passing and a failing entry, modelled on the Northwind defects V1–V11. */
class TimeEntryRulesTests {

    private static Optional<String> check(RecordRule<TimeEntry, TimeEntryContext> rule, TimeEntry entry) {
        return rule.check(entry, timeContext(entry));
    }

    @Test
    void timeOnAKnownProjectPassesTheProjectCheck() {
        assertThat(check(TimeEntryRules.unknownProject(), time().build())).isEmpty();
    }

    @Test
    void timeOnAProjectMissingFromProjectsCsvIsHeldWithTheProjectNamed() {
        TimeEntry entry = time().id("T-000411", 413).on("P-ACME-DATA", "").build();

        assertThat(check(TimeEntryRules.unknownProject(), entry)).contains("project P-ACME-DATA is not in projects.csv");
    }

    @Test
    void timeOnATaskOfItsOwnProjectPassesTheTaskCheck() {
        assertThat(check(TimeEntryRules.unknownTask(), time().on("P-ACME-ERP", "TK-ACME-ERP-2").build())).isEmpty();
    }

    @Test
    void timeWithoutATaskOrOnAnUnknownProjectIsNotATaskProblem() {
        assertThat(check(TimeEntryRules.unknownTask(), time().on("P-ACME-ERP", "").build())).isEmpty();
        assertThat(check(TimeEntryRules.unknownTask(), time().on("P-ACME-DATA", "TK-NOPE-1").build())).isEmpty();
    }

    @Test
    void timeOnATaskMissingFromTasksCsvIsHeldWithTheTaskNamed() {
        assertThat(check(TimeEntryRules.unknownTask(), time().on("P-ACME-ERP", "TK-ACME-ERP-9").build()))
                .contains("task TK-ACME-ERP-9 is not in tasks.csv");
    }

    @Test
    void timeOnATaskOfAnotherProjectIsHeldNamingBothProjects() {
        assertThat(check(TimeEntryRules.unknownTask(), time().on("P-ACME-ERP", "TK-HUDSON-DD-2").build()))
                .contains("task TK-HUDSON-DD-2 belongs to project P-HUDSON-DD, not to P-ACME-ERP");
    }

    @Test
    void timeOnAnOpenProjectPassesTheClosedProjectCheck() {
        assertThat(check(TimeEntryRules.projectClosed(), time().build())).isEmpty();
    }

    @Test
    void timeOnAClosedProjectIsHeldWithTheProjectNamed() {
        TimeEntry entry = time().id("T-000253", 254).on("P-ACME-PMO", "TK-ACME-PMO-1").build();

        assertThat(check(TimeEntryRules.projectClosed(), entry)).contains("project P-ACME-PMO (PMO support (phase 1, completed)) is closed");
    }

    @Test
    void timeOnAnOpenTaskPassesTheClosedTaskCheck() {
        assertThat(check(TimeEntryRules.taskClosed(), time().by("E-210").on("P-LONESTAR-PMO", "TK-LONESTAR-PMO-2").build())).isEmpty();
    }

    @Test
    void timeOnAClosedTaskIsHeldWithTheTaskNamed() {
        TimeEntry entry = time().id("T-000380", 381).by("E-202").on("P-LONESTAR-PMO", "TK-LONESTAR-PMO-1").build();

        assertThat(check(TimeEntryRules.taskClosed(), entry)).contains("task TK-LONESTAR-PMO-1 (Mobilisation) of project P-LONESTAR-PMO is closed");
    }

    @Test
    void aClosedTaskOfAClosedProjectIsLeftToTheProjectCheckSoOneCauseGivesOneException() {
        TimeEntry entry = time().id("T-000253", 254).on("P-ACME-PMO", "TK-ACME-PMO-1").build();

        assertThat(check(TimeEntryRules.taskClosed(), entry)).isEmpty();
        assertThat(check(TimeEntryRules.projectClosed(), entry)).isPresent();
    }

    @Test
    void timeOfAKnownConsultantPassesTheConsultantCheck() {
        assertThat(check(TimeEntryRules.unknownConsultant(), time().build())).isEmpty();
    }

    @Test
    void timeOfAConsultantMissingFromConsultantsCsvIsHeldWithTheIdNamed() {
        TimeEntry entry = time().id("T-000738", 740).by("E-016").build();

        assertThat(check(TimeEntryRules.unknownConsultant(), entry)).contains("consultant E-016 is not in consultants.csv");
    }

    @Test
    void timeOnTheFirstAndLastDayOfThePeriodIsInsideIt() {
        assertThat(check(TimeEntryRules.outsidePeriod(), time().date(oct(1)).build())).isEmpty();
        assertThat(check(TimeEntryRules.outsidePeriod(), time().date(oct(31)).build())).isEmpty();
    }

    @Test
    void timeDatedTheDayBeforeThePeriodIsHeldWithDateAndPeriod() {
        TimeEntry entry = time().id("T-000001", 2).date(LocalDate.of(2026, 9, 30)).build();

        assertThat(check(TimeEntryRules.outsidePeriod(), entry)).contains("worked on 2026-09-30, outside the period 2026-10");
    }

    @Test
    void timeSubmittedExactlyAtTheCutoffIsInTime() {
        assertThat(check(TimeEntryRules.afterCutoff(), time().submitted("2026-11-03T18:00:00Z").build())).isEmpty();
        assertThat(check(TimeEntryRules.afterCutoff(), time().submitted(null).build())).isEmpty();
    }

    @Test
    void timeSubmittedAfterTheCutoffIsHeldWithBothInstants() {
        TimeEntry entry = time().id("T-001665", 1668).submitted("2026-11-04T08:47:12Z").build();

        assertThat(check(TimeEntryRules.afterCutoff(), entry))
                .contains("submitted 2026-11-04T08:47:12Z, after the 2026-10 cutoff 2026-11-03T18:00:00Z");
    }

    @Test
    void approvedTimePassesTheApprovalCheck() {
        assertThat(check(TimeEntryRules.unapproved(), time().build())).isEmpty();
        assertThat(check(TimeEntryRules.unapproved(), time().status(ApprovalStatus.REJECTED, "E-002").build())).isEmpty();
    }

    @Test
    void submittedOrDraftTimeIsHeldNamingItsStatus() {
        TimeEntry submitted = time().id("T-001580", 1583).status(ApprovalStatus.SUBMITTED, null).build();
        TimeEntry draft = time().id("T-001685", 1688).status(ApprovalStatus.DRAFT, null).build();

        assertThat(check(TimeEntryRules.unapproved(), submitted)).contains("approval status is submitted, not approved");
        assertThat(check(TimeEntryRules.unapproved(), draft)).contains("approval status is draft, not approved");
    }

    @Test
    void approvedTimeIsNotRejected() {
        assertThat(check(TimeEntryRules.rejected(), time().build())).isEmpty();
    }

    @Test
    void rejectedTimeIsHeldNamingTheApprover() {
        assertThat(check(TimeEntryRules.rejected(), time().status(ApprovalStatus.REJECTED, "E-002").build()))
                .contains("rejected by its approver E-002");
        assertThat(check(TimeEntryRules.rejected(), time().status(ApprovalStatus.REJECTED, null).build()))
                .contains("rejected by its approver");
    }

    @Test
    void aQuarterOfAnHourIsPositive() {
        assertThat(check(TimeEntryRules.hoursNotPositive(), time().hours("0.25").build())).isEmpty();
    }

    @Test
    void zeroOrNegativeHoursAreHeldWithTheHoursShown() {
        assertThat(check(TimeEntryRules.hoursNotPositive(), time().hours("0.00").build())).contains("hours are 0.00; they must be more than 0");
        assertThat(check(TimeEntryRules.hoursNotPositive(), time().hours("-3.5").build())).contains("hours are -3.5; they must be more than 0");
    }

    @Test
    void twelveHoursOnADayAreExactlyThePolicyMaximum() {
        TimeEntry morning = time().id("T-001098", 1101).by("E-007").date(oct(21)).hours("6.5").build();
        TimeEntry afternoon = time().id("T-001099", 1102).by("E-007").date(oct(21)).hours("5.5").build();

        assertThat(TimeEntryRules.dailyHoursExceeded().check(morning, timeContext(morning, afternoon))).isEmpty();
    }

    @Test
    void fourteenAndAHalfHoursOnOneDayAreHeldWithTheDayTotalAndTheMaximum() {
        TimeEntry a = time().id("T-001098", 1101).by("E-007").date(oct(21)).hours("6.5").build();
        TimeEntry b = time().id("T-001099", 1102).by("E-007").date(oct(21)).hours("5.0").build();
        TimeEntry c = time().id("T-001100", 1103).by("E-007").date(oct(21)).hours("3.0").build();
        TimeEntryContext context = timeContext(a, b, c);

        for (TimeEntry entry : new TimeEntry[] {a, b, c}) {
            assertThat(TimeEntryRules.dailyHoursExceeded().check(entry, context))
                    .contains("E-007 recorded 14.5 h on 2026-10-21 in 3 entries; the policy allows 12 h a day");
        }
    }

    @Test
    void aSingleEntryAboveTheMaximumSaysOneEntry() {
        TimeEntry entry = time().by("E-007").date(oct(21)).hours("12.5").build();

        assertThat(check(TimeEntryRules.dailyHoursExceeded(), entry)).hasValueSatisfying(m -> assertThat(m).contains("in 1 entry;"));
    }

    @Test
    void timeWithARateCardRowPassesTheRateCheck() {
        assertThat(check(TimeEntryRules.rateMissing(), time().build())).isEmpty();
    }

    @Test
    void fixedFeeTimeNeedsNoRate() {
        TimeEntry entry = time().by("E-210").on("P-CASCADE-VAL", "").build();

        assertThat(check(TimeEntryRules.rateMissing(), entry)).isEmpty();
    }

    @Test
    void dataScientistTimeWithNoRateAnywhereIsHeldNamingRoleCurrencyAndEveryLevelSearched() {
        TimeEntry entry = time().id("T-000623", 625).by("E-210").on("P-LONESTAR-PMO", "TK-LONESTAR-PMO-2").date(oct(7)).build();

        assertThat(check(TimeEntryRules.rateMissing(), entry)).contains("no rate for role data_scientist in USD on 2026-10-07"
                + " (none for consultant E-210, contract K-LONESTAR-1, client C-LONESTAR or on the firm card)");
    }

    @Test
    void timeInsideTheContractTermPassesIncludingItsFirstAndLastDay() {
        assertThat(check(TimeEntryRules.contractNotInForce(), time().on("P-WISLA-LOG", "TK-WISLA-LOG-1").date(oct(5)).build())).isEmpty();
        assertThat(check(TimeEntryRules.contractNotInForce(), time().on("P-BAUER-MIGR", "TK-BAUER-MIGR-2").date(oct(15)).build())).isEmpty();
    }

    @Test
    void timeBeforeTheContractStartsIsHeldWithTheContractTerm() {
        TimeEntry entry = time().id("T-000107", 108).on("P-WISLA-LOG", "TK-WISLA-LOG-1").date(oct(2)).build();

        assertThat(check(TimeEntryRules.contractNotInForce(), entry))
                .contains("worked on 2026-10-02; contract K-WISLA-1 runs from 2026-10-05 (open-ended)");
    }

    @Test
    void timeAfterTheContractEndedIsHeldWithTheContractTerm() {
        TimeEntry entry = time().id("T-000948", 951).on("P-BAUER-MIGR", "TK-BAUER-MIGR-2").date(oct(19)).build();

        assertThat(check(TimeEntryRules.contractNotInForce(), entry))
                .contains("worked on 2026-10-19; contract K-BAUER-2 runs from 2026-03-01 to 2026-10-15");
    }

    @Test
    void timeOnAProjectWhoseContractBelongsToItsClientPasses() {
        assertThat(check(TimeEntryRules.projectClientMismatch(), time().build())).isEmpty();
    }

    @Test
    void timeOnAProjectClaimingAnotherClientThanItsContractIsHeldNamingBothClientsAndTheProjectLine() {
        TimeEntry entry = time().id("T-000209", 210).by("E-103").on("P-HARBOUR-GOV", "TK-HARBOUR-GOV-1").build();

        assertThat(check(TimeEntryRules.projectClientMismatch(), entry)).contains("project P-HARBOUR-GOV claims client C-KESTREL but its"
                + " contract K-HARBOUR-1 belongs to C-HARBOUR (projects.csv line 11)");
    }

    @Test
    void timeOnAProjectWhoseContractIsMissingIsHeldNamingTheContract() {
        var firm = Fixtures.firm().with(Fixtures.project("P-ORPHAN", "K-GONE-1", "C-ACME", "Orphan", true, "E-009", true, 19));
        TimeEntry entry = time().on("P-ORPHAN", "").build();

        assertThat(TimeEntryRules.projectClientMismatch().check(entry, timeContext(firm.master(), Fixtures.policy(), entry)))
                .contains("project P-ORPHAN names contract K-GONE-1, which is not in contracts.csv");
    }
}
