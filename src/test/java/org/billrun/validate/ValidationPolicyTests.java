package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationPolicyTests {

    private static ValidationPolicy parse(String content) {
        return ValidationPolicy.from(PolicyFile.of("northwind/policy.properties", content));
    }

    @Test
    void aFirmWithoutPolicyFileGetsTheDocumentedDefaults() {
        ValidationPolicy p = ValidationPolicy.defaults();

        assertThat(p.cutoffDayOfNextMonth()).isEqualTo(3);
        assertThat(p.cutoffTime()).isEqualTo(LocalTime.of(18, 0));
        assertThat(p.cutoffZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(p.maxHoursPerDay()).isEqualByComparingTo("12");
        assertThat(p.fxLookbackDays()).isEqualTo(7);
        assertThat(p.nearDuplicateWindowDays()).isEqualTo(3);
        assertThat(p.nearDuplicateAmountTolerancePct()).isEqualByComparingTo("2");
        assertThat(p.nearDuplicateMerchantSimilarity()).isEqualByComparingTo("0.5");
        assertThat(p.historyMonths()).isEqualTo(6);
        assertThat(p.minHistoryMonths()).isEqualTo(3);
        assertThat(p.spikeMinRatio()).isEqualByComparingTo("2");
        assertThat(p.spikeMinRobustZ()).isEqualByComparingTo("3.5");
        assertThat(p.hoursMinRatio()).isEqualByComparingTo("1.5");
        assertThat(p.hoursMinRobustZ()).isEqualByComparingTo("3.5");
        assertThat(p.missingTimeToleranceHours()).isEqualByComparingTo("0");
        assertThat(p.holidays("DE01")).isEmpty();
        assertThat(p.financeOwner()).isNull();
        for (RuleCode rule : RuleCode.values()) {
            assertThat(p.enabled(rule)).as(rule.name()).isTrue();
            assertThat(p.severity(rule)).as(rule.name()).isEqualTo(rule.defaultSeverity());
        }
    }

    @Test
    void theDefaultCutoffOfOctoberIsTheThirdOfNovemberAtSixPmUtc() {
        assertThat(ValidationPolicy.defaults().cutoff(YearMonth.of(2026, 10))).isEqualTo(Instant.parse("2026-11-03T18:00:00Z"));
        assertThat(ValidationPolicy.defaults().cutoff(YearMonth.of(2026, 12))).isEqualTo(Instant.parse("2027-01-03T18:00:00Z"));
    }

    @Test
    void aCutoffInBerlinTimeIsConvertedWithTheWinterOffset() {
        ValidationPolicy p = parse("cutoff.day-of-next-month=5\ncutoff.time=17:00\ncutoff.zone=Europe/Berlin\n");

        assertThat(p.cutoff(YearMonth.of(2026, 10))).isEqualTo(Instant.parse("2026-11-05T16:00:00Z"));
        assertThat(p.cutoff(YearMonth.of(2026, 5))).isEqualTo(Instant.parse("2026-06-05T15:00:00Z"));
    }

    @Test
    void valuesInThePolicyFileOverrideTheDefaultsAndTheRestKeepThem() {
        ValidationPolicy p = parse("""
                time.max-hours-per-day = 10.5
                fx.lookback-days = 4
                spike.min-ratio = 3
                owner.finance = finance-ar@northwind.example
                """);

        assertThat(p.maxHoursPerDay()).isEqualByComparingTo("10.5");
        assertThat(p.fxLookbackDays()).isEqualTo(4);
        assertThat(p.spikeMinRatio()).isEqualByComparingTo("3");
        assertThat(p.financeOwner()).isEqualTo("finance-ar@northwind.example");
        assertThat(p.historyMonths()).isEqualTo(6);
        assertThat(p.cutoffDayOfNextMonth()).isEqualTo(3);
    }

    @Test
    void aMistypedKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("time.max-hours-per-dya=10\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("northwind/policy.properties").hasMessageContaining("unknown key 'time.max-hours-per-dya'");
    }

    @Test
    void anUnreadableValueIsRefusedNamingKeyValueAndWhatIsExpected() {
        assertThatThrownBy(() -> parse("fx.lookback-days=seven\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("fx.lookback-days = 'seven' is not a whole number");
        assertThatThrownBy(() -> parse("time.max-hours-per-day=12,5\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("time.max-hours-per-day = '12,5'");
        assertThatThrownBy(() -> parse("cutoff.zone=Mars/Olympus\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("cutoff.zone = 'Mars/Olympus'");
    }

    @Test
    void aCutoffDayThatSomeMonthsDoNotHaveIsRefused() {
        assertThatThrownBy(() -> parse("cutoff.day-of-next-month=31\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("cutoff.day-of-next-month must be 1 to 28, not 31");
        assertThat(parse("cutoff.day-of-next-month=28\n").cutoffDayOfNextMonth()).isEqualTo(28);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "time.max-hours-per-day=-5         | time.max-hours-per-day = -5 is out of range: it must be more than 0, at most 24",
            "time.max-hours-per-day=0          | time.max-hours-per-day = 0 is out of range: it must be more than 0, at most 24",
            "time.max-hours-per-day=25         | time.max-hours-per-day = 25 is out of range: it must be more than 0, at most 24",
            "fx.lookback-days=-1               | fx.lookback-days = -1 is out of range: it must be 0 to 366",
            "expense.near-duplicate.window-days=400 | expense.near-duplicate.window-days = 400 is out of range: it must be 0 to 366",
            "expense.near-duplicate.amount-tolerance-pct=101 | expense.near-duplicate.amount-tolerance-pct = 101 is out of range: it must be 0 to 100",
            "expense.near-duplicate.merchant-similarity=1.5 | expense.near-duplicate.merchant-similarity = 1.5 is out of range: it must be 0 to 1",
            "history.months=0                  | history.months = 0 is out of range: it must be 1 to 120",
            "history.min-months=-3             | history.min-months = -3 is out of range: it must be 1 to 120",
            "spike.min-ratio=0.5               | spike.min-ratio = 0.5 is out of range: it must be 1 or more",
            "spike.min-robust-z=-1             | spike.min-robust-z = -1 is out of range: it must be 0 or more",
            "hours-norm.min-ratio=0            | hours-norm.min-ratio = 0 is out of range: it must be 1 or more",
            "hours-norm.min-robust-z=-0.1      | hours-norm.min-robust-z = -0.1 is out of range: it must be 0 or more",
            "missing-time.tolerance-hours=-2   | missing-time.tolerance-hours = -2 is out of range: it must be 0 to 744"})
    void aNumericKeyOutsideItsDocumentedRangeIsRefusedNamingTheKeyAndTheRange(String line, String message) {
        assertThatThrownBy(() -> parse(line + "\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessage("northwind/policy.properties: " + message);
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        ValidationPolicy p = parse("time.max-hours-per-day=24\nfx.lookback-days=0\nhistory.months=1\nhistory.min-months=1\n"
                + "expense.near-duplicate.merchant-similarity=1\nspike.min-ratio=1\nmissing-time.tolerance-hours=744\n");

        assertThat(p.maxHoursPerDay()).isEqualByComparingTo("24");
        assertThat(p.fxLookbackDays()).isZero();
    }

    @Test
    void aScopedValueOutOfRangeIsRefusedNamingItsScope() {
        PolicyFile file = PolicyFile.of("northwind/policy.properties", "time.max-hours-per-day=12\ntime.max-hours-per-day[country=DE]=-5\n");

        assertThatThrownBy(() -> ScopedPolicy.of(file, ValidationPolicy::from)).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessage("northwind/policy.properties: time.max-hours-per-day = -5 is out of range: it must be more than 0, at most 24"
                        + " (in the settings scoped [country=DE])");
    }

    @Test
    void moreMonthsOfHistoryRequiredThanComparedIsRefused() {
        assertThatThrownBy(() -> parse("history.months=6\nhistory.min-months=8\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("history.min-months = 8 is out of range: it must be at most history.months (6)");
    }

    @Test
    void aHolidayIsReadForItsEntityOnly() {
        ValidationPolicy p = parse("holidays.US01 = 2026-10-12\n");

        assertThat(p.holidays("US01")).containsExactly(LocalDate.of(2026, 10, 12));
        assertThat(p.holidays("GB01")).isEmpty();
    }

    @Test
    void severalHolidaysAreReadPerEntity() {
        ValidationPolicy p = parse("holidays.DE01 = 2026-10-03, 2026-12-25,2026-12-26\nholidays.US01=2026-10-12\n");

        assertThat(p.holidays("DE01")).containsExactlyInAnyOrder(LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
        assertThat(p.holidays("US01")).containsExactly(LocalDate.of(2026, 10, 12));
    }

    @Test
    void aHolidayThatIsNoDateIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse("holidays.DE01=03.10.2026\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("holidays.DE01 = '03.10.2026' is not dates yyyy-MM-dd");
    }

    @Test
    void aRuleKeyWithoutSettingIsRefused() {
        assertThatThrownBy(() -> parse("rule.BILLING_SPIKE=warn\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("rule.BILLING_SPIKE");
    }

    @Test
    void aRuleThatIsNotInTheCatalogIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse("rule.EXPENSE_TOO_EXPENSIVE.severity=warn\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("rule.EXPENSE_TOO_EXPENSIVE.severity");
    }

    @Test
    void theRulesThatGuardARecordsPriceCannotBeDowngradedOrSwitchedOff() {
        assertThatThrownBy(() -> parse("rule.RATE_MISSING.severity=warn\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("rule.RATE_MISSING.severity").hasMessageContaining("never bills at zero");
        assertThatThrownBy(() -> parse("rule.FX_RATE_MISSING.enabled=false\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("rule.FX_RATE_MISSING.enabled");
    }

    @Test
    void aFirmCanMakeTheNearDuplicateBlock() {
        ValidationPolicy p = parse("rule.EXPENSE_NEAR_DUPLICATE.severity=block\n");

        assertThat(p.severity(RuleCode.EXPENSE_NEAR_DUPLICATE)).isEqualTo(Severity.BLOCK);
        assertThat(p.severity(RuleCode.BILLING_SPIKE)).isEqualTo(Severity.WARN);
    }

    @Test
    void aFirmCanSwitchTheSpikeCheckOff() {
        ValidationPolicy p = parse("rule.BILLING_SPIKE.enabled=false\nrule.HOURS_ABOVE_NORM.enabled=true\n");

        assertThat(p.enabled(RuleCode.BILLING_SPIKE)).isFalse();
        assertThat(p.enabled(RuleCode.HOURS_ABOVE_NORM)).isTrue();
    }

    @Test
    void anUnknownSeverityIsRefusedSayingBlockOrWarn() {
        assertThatThrownBy(() -> parse("rule.TIME_REJECTED.severity=sometimes\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("rule.TIME_REJECTED.severity = 'sometimes' is not block or warn");
    }

    @Test
    void anUnknownRuleSettingIsRefusedAsAnUnknownKey() {
        assertThatThrownBy(() -> parse("rule.TIME_REJECTED.colour=red\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("unknown key 'rule.TIME_REJECTED.colour'");
    }
}
