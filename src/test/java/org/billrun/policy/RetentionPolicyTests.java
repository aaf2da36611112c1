package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RetentionPolicyTests {

    static final Instant NOW = Instant.parse("2027-03-15T10:00:00Z");

    @Test
    void defaultsKeepStagingNinetyDaysReportsFourHundredPersonalDataTwoYearsAndTheLegalRecordsTenYears() {
        assertThat(RetentionPolicy.defaults()).isEqualTo(new RetentionPolicy(90, 400, 24, 10));
    }

    @Test
    void eachKindIsCutAtTheEarlierOfThePurgeDateAndItsRetention() {
        RetentionPolicy policy = RetentionPolicy.from(PolicyFile.of("p", """
                retention.staging-days=30
                retention.report-days=0
                retention.personal-data-months=1
                retention.legal-years=7
                """));

        RetentionPolicy.Cutoffs cutoffs = policy.cutoffs(LocalDate.parse("2027-03-01"), NOW);

        assertThat(cutoffs.staging()).as("30 days before now is earlier than the date").isEqualTo("2027-02-13T10:00:00Z");
        assertThat(cutoffs.reports()).as("the date is earlier than now").isEqualTo("2027-03-01T00:00:00Z");
        assertThat(cutoffs.personalData()).isEqualTo("2027-02-15T10:00:00Z");
        assertThat(cutoffs.legal()).as("the legal period does not depend on the date").isEqualTo("2020-03-15T10:00:00Z");
    }

    @Test
    void aPurgeDateInTheFutureIsHeldToTheRetention() {
        RetentionPolicy.Cutoffs cutoffs = RetentionPolicy.defaults().cutoffs(LocalDate.parse("2030-01-01"), NOW);

        assertThat(cutoffs.staging()).isEqualTo("2026-12-15T10:00:00Z");
        assertThat(cutoffs.personalData()).isEqualTo("2025-03-15T10:00:00Z");
    }

    @Test
    void aValueOutOfRangeNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> RetentionPolicy.from(PolicyFile.of("policy.properties", "retention.legal-years=0")))
                .hasMessage("policy.properties: retention.legal-years = 0 is out of range: it must be 1 to 30");
        assertThatThrownBy(() -> RetentionPolicy.from(PolicyFile.of("policy.properties", "retention.staging-days=-1")))
                .hasMessage("policy.properties: retention.staging-days = -1 is out of range: it must be 0 to 3650");
        assertThatThrownBy(() -> RetentionPolicy.from(PolicyFile.of("policy.properties", "retention.personal-data-months=1201")))
                .hasMessageContaining("retention.personal-data-months = 1201 is out of range: it must be 0 to 1200");
    }

    @Test
    void anUnknownRetentionKeyIsAnErrorInTheRunsPolicyToo() {
        PolicyFile typo = PolicyFile.of("policy.properties", "retention.staging-day=30");

        assertThatThrownBy(() -> RetentionPolicy.from(typo)).hasMessageContaining("unknown key 'retention.staging-day'");
        assertThatThrownBy(() -> ValidationPolicy.from(typo)).hasMessageContaining("unknown key 'retention.staging-day'");
        assertThatThrownBy(() -> ValidationPolicy.from(PolicyFile.of("policy.properties", "retention.report-days=4000")))
                .hasMessageContaining("retention.report-days = 4000 is out of range");
    }

    @Test
    void retentionKeysChangeNothingTheRunValidatesWith() {
        assertThat(ValidationPolicy.from(PolicyFile.of("policy.properties", "retention.staging-days=30\nretention.legal-years=10")))
                .isEqualTo(ValidationPolicy.defaults());
    }
}
