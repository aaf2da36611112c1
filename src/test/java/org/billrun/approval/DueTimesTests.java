package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.billrun.billing.PersonRole;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.PolicyFile;
import org.junit.jupiter.api.Test;

/** Due times on the calendar of December 2026: Friday the 4th, Christmas on Friday the 25th, Boxing Day on Saturday. */
class DueTimesTests {

    private static DueTimes dueTimes(String content) {
        return new DueTimes(ApprovalPolicy.from(PolicyFile.of("policy.properties", content)));
    }

    private static final DueTimes NORTHWIND = dueTimes("""
            approval.sla-hours.project_manager=16
            approval.sla-hours.finance=24
            approval.sla-hours.finance_controller=40
            holidays.DE01=2026-12-24,2026-12-25,2026-12-31
            holidays.GB01=2026-12-25,2026-12-28
            """);

    @Test
    void hoursWithinAWeekdayAreElapsedHours() {
        assertThat(NORTHWIND.due(Instant.parse("2026-12-01T09:00:00Z"), PersonRole.PROJECT_MANAGER, "DE01"))
                .isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
    }

    @Test
    void theWeekendDoesNotCount() {
        // Friday 15:00 + 24 h: 9 h on Friday, Saturday and Sunday skipped, 15 h on Monday
        assertThat(NORTHWIND.due(Instant.parse("2026-12-04T15:00:00Z"), PersonRole.FINANCE, "DE01"))
                .isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
    }

    @Test
    void aTaskCreatedOnASundayStartsCountingOnMonday() {
        assertThat(NORTHWIND.due(Instant.parse("2026-12-06T20:00:00Z"), PersonRole.PROJECT_MANAGER, "GB01"))
                .isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
    }

    @Test
    void theEntitysOwnHolidaysDoNotCountButAnotherEntitysDo() {
        // Wednesday 23rd 12:00 + 40 h. DE01: 12 h on the 23rd, 24th and 25th holidays, weekend, 24 h on the 28th, 4 h on the 29th
        assertThat(NORTHWIND.due(Instant.parse("2026-12-23T12:00:00Z"), PersonRole.FINANCE_CONTROLLER, "DE01"))
                .isEqualTo(Instant.parse("2026-12-29T04:00:00Z"));
        // GB01: 12 h on the 23rd, 24 h on the 24th, 25th holiday, weekend, 28th holiday, 4 h on the 29th
        assertThat(NORTHWIND.due(Instant.parse("2026-12-23T12:00:00Z"), PersonRole.FINANCE_CONTROLLER, "GB01"))
                .isEqualTo(Instant.parse("2026-12-29T04:00:00Z"));
        // US01 has no holidays here: 12 h on the 23rd, 24 h on the 24th, 4 h on the 25th
        assertThat(NORTHWIND.due(Instant.parse("2026-12-23T12:00:00Z"), PersonRole.FINANCE_CONTROLLER, "US01"))
                .isEqualTo(Instant.parse("2026-12-25T04:00:00Z"));
    }

    @Test
    void hoursThatEndExactlyAtMidnightEndThatDay() {
        assertThat(NORTHWIND.after(Instant.parse("2026-12-04T00:00:00Z"), Duration.ofHours(24), "DE01"))
                .isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
    }

    @Test
    void withoutBusinessDaysTheHoursAreCalendarHours() {
        DueTimes calendar = dueTimes("approval.sla.business-days=false\n");

        assertThat(calendar.due(Instant.parse("2026-12-04T15:00:00Z"), PersonRole.FINANCE, "DE01"))
                .isEqualTo(Instant.parse("2026-12-05T15:00:00Z"));
    }

    @Test
    void businessDaysAreCountedInThePolicysZoneAcrossADaylightSavingChange() {
        // Berlin: Friday 2026-10-23 18:00 CEST (16:00Z) + 24 h: 6 h Friday; the weekend (25 h with the change back) skipped; 18 h Monday CET
        DueTimes berlin = dueTimes("approval.sla.zone=Europe/Berlin\n");

        assertThat(berlin.due(Instant.parse("2026-10-23T16:00:00Z"), PersonRole.FINANCE, "DE01"))
                .isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
    }

    @Test
    void aHolidayOnAWeekdayIsNotABusinessDay() {
        assertThat(NORTHWIND.isBusinessDay(LocalDate.of(2026, 12, 25), "GB01")).isFalse();
        assertThat(NORTHWIND.isBusinessDay(LocalDate.of(2026, 12, 28), "DE01")).isTrue();
        assertThat(NORTHWIND.isBusinessDay(LocalDate.of(2026, 12, 27), "US01")).isFalse();
    }
}
