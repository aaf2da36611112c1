package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.OCTOBER;
import static org.billrun.validate.Fixtures.dec;
import static org.billrun.validate.Fixtures.oct;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.BillingModel;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.billing.TrailingHours;
import org.billrun.validate.ContractChecks.ConsultantHours;
import org.billrun.validate.ContractChecks.PeriodValue;
import org.junit.jupiter.api.Test;

/** The catalog and the rule objects stay together: no code without a rule, no rule listed twice. */
class RuleCatalogTests {

    /** Every code the contract checks produce, found by running them on a firm that fails each one. */
    private static Set<RuleCode> producedByContractChecks() {
        var firm = Fixtures.firm()
                .with(Fixtures.milestone("M-CASCADE-08", "K-CASCADE-1", "Submission readiness review", "20000.00", "USD", "accepted", oct(30),
                        "", true, 18))
                .with(Fixtures.contract("K-LONESTAR-2", "C-LONESTAR", "US01", BillingModel.NOT_TO_EXCEED, "USD", LocalDate.of(2026, 10, 1),
                        null, null, null, null, 17))
                .withHistory(Fixtures.hudsonHistory())
                .withHistory(Fixtures.e109History());
        var checks = new ContractChecks(OCTOBER, Fixtures.policy(), firm.master());
        List<Finding> findings = new ArrayList<>();
        checks.milestones(Set.of()).forEach(r -> findings.addAll(r.findings()));
        findings.addAll(checks.caps(Map.of("K-KESTREL-1", new PeriodValue(dec("76610.00"), BigDecimal.ZERO))));
        findings.addAll(checks.spikes(Map.of("K-HUDSON-1", new PeriodValue(dec("107461.00"), BigDecimal.ZERO)), Map.of()));
        TrailingHours trailing = checks.trailingHours();
        firm.master().history().forEach(trailing::add);
        findings.addAll(checks.hoursAboveNorm(List.of(new ConsultantHours("E-109", dec("284.00"), "P-KESTREL-POS")), trailing));
        Set<RuleCode> codes = EnumSet.noneOf(RuleCode.class);
        findings.forEach(f -> codes.add(f.rule()));
        return codes;
    }

    @Test
    void everyCodeOfTheCatalogHasARuleOrAContractCheck() {
        Set<RuleCode> covered = EnumSet.noneOf(RuleCode.class);
        TimeEntryRules.all().forEach(r -> covered.add(r.code()));
        ExpenseRules.all().forEach(r -> covered.add(r.code()));
        covered.addAll(producedByContractChecks());

        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).as("catalog codes no rule object or contract check produces").isEmpty();
    }

    @Test
    void theContractChecksProduceExactlyTheirFiveCodes() {
        assertThat(producedByContractChecks()).containsExactlyInAnyOrder(RuleCode.MILESTONE_NO_EVIDENCE, RuleCode.CONTRACT_CAP_MISSING,
                RuleCode.CAP_EXCEEDED, RuleCode.BILLING_SPIKE, RuleCode.HOURS_ABOVE_NORM);
    }

    @Test
    void timeEntryRulesAreFourteenDistinctCodes() {
        assertThat(TimeEntryRules.all()).hasSize(14).extracting(RecordRule::code).doesNotHaveDuplicates();
    }

    @Test
    void expenseRulesAreFifteenDistinctCodes() {
        assertThat(ExpenseRules.all()).hasSize(15).extracting(RecordRule::code).doesNotHaveDuplicates();
    }

    @Test
    void everyCodeExplainsItselfAndSaysWhatToDo() {
        for (RuleCode code : RuleCode.values()) {
            assertThat(code.description()).as(code.name()).isNotBlank().endsWith(".");
            assertThat(code.action()).as(code.name()).isNotBlank().endsWith(".");
            assertThat(code.defaultSeverity()).as(code.name()).isNotNull();
            assertThat(code.ownerRole()).as(code.name()).isNotNull();
        }
    }

    @Test
    void onlyTheStatisticalChecksAndTheNearDuplicateWarnByDefault() {
        Set<RuleCode> warn = EnumSet.noneOf(RuleCode.class);
        for (RuleCode code : RuleCode.values()) {
            if (code.defaultSeverity() == Severity.WARN) {
                warn.add(code);
            }
        }

        assertThat(warn).containsExactlyInAnyOrder(RuleCode.EXPENSE_NEAR_DUPLICATE, RuleCode.BILLING_SPIKE, RuleCode.HOURS_ABOVE_NORM);
    }

    @Test
    void checksThatAnyRecordMustPassAreNotBillingRules() {
        assertThat(RuleCode.TIME_UNKNOWN_PROJECT.billableOnly()).isFalse();
        assertThat(RuleCode.TIME_OUTSIDE_PERIOD.billableOnly()).isFalse();
        assertThat(RuleCode.TIME_HOURS_NOT_POSITIVE.billableOnly()).isFalse();
        assertThat(RuleCode.TIME_DAILY_HOURS_EXCEEDED.billableOnly()).isFalse();
        assertThat(RuleCode.TIME_UNAPPROVED.billableOnly()).isTrue();
        assertThat(RuleCode.RATE_MISSING.billableOnly()).isTrue();
        assertThat(RuleCode.EXPENSE_MISSING_RECEIPT.billableOnly()).isTrue();
    }
}
