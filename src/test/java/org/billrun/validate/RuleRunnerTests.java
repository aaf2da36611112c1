package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.time;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.billing.TimeEntry;
import org.billrun.policy.ValidationPolicy;
import org.junit.jupiter.api.Test;

/** The runner applies the firm's policy: switched-off rules, severities, and billing rules only for billable records. */
class RuleRunnerTests {

    private static final RuleRunner.Owners<TimeEntry> CONSULTANT_OWNS = (rule, e) -> e.consultantId();

    /** E-007's 14.5 h on 2026-10-21, still a draft: fails the daily maximum (any record) and the approval (billing rule). */
    private static final TimeEntry LONG_DRAFT_DAY = time().by("E-007").date(oct(21)).hours("14.5").status(ApprovalStatus.DRAFT, null).build();

    private static List<Finding> run(ValidationPolicy policy, boolean billable) {
        var runner = new RuleRunner<>(TimeEntryRules.all(), policy);
        return runner.run(LONG_DRAFT_DAY, LONG_DRAFT_DAY.ref(), billable, Fixtures.timeContext(Fixtures.master(), policy, LONG_DRAFT_DAY),
                CONSULTANT_OWNS, new BigDecimal("2682.5000"), "EUR");
    }

    @Test
    void everyFailingRuleBecomesAFindingWithItsDefaultSeverityOwnerAndValue() {
        List<Finding> findings = run(Fixtures.policy(), true);

        assertThat(findings).extracting(Finding::rule).containsExactly(RuleCode.TIME_UNAPPROVED, RuleCode.TIME_DAILY_HOURS_EXCEEDED);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCK);
            assertThat(f.ownerId()).isEqualTo("E-007");
            assertThat(f.amount()).isEqualByComparingTo("2682.50");
            assertThat(f.currency()).isEqualTo("EUR");
            assertThat(f.record()).isEqualTo(LONG_DRAFT_DAY.ref());
        });
        assertThat(findings.get(0).ownerRole()).isEqualTo(OwnerRole.PROJECT_MANAGER);
    }

    @Test
    void aSwitchedOffRuleIsNotApplied() {
        List<Finding> findings = run(Fixtures.policyWith(Map.of(), Set.of(RuleCode.TIME_DAILY_HOURS_EXCEEDED)), true);

        assertThat(findings).extracting(Finding::rule).containsExactly(RuleCode.TIME_UNAPPROVED);
    }

    @Test
    void thePolicySeverityReplacesTheDefault() {
        List<Finding> findings = run(Fixtures.policyWith(Map.of(RuleCode.TIME_DAILY_HOURS_EXCEEDED, Severity.WARN), Set.of()), true);

        assertThat(findings).filteredOn(f -> f.rule() == RuleCode.TIME_DAILY_HOURS_EXCEEDED).singleElement()
                .satisfies(f -> assertThat(f.blocks()).isFalse());
        assertThat(findings).filteredOn(f -> f.rule() == RuleCode.TIME_UNAPPROVED).singleElement()
                .satisfies(f -> assertThat(f.blocks()).isTrue());
    }

    @Test
    void billingRulesSkipANonBillableRecordButTheOthersStillApply() {
        List<Finding> findings = run(Fixtures.policy(), false);

        assertThat(findings).extracting(Finding::rule).containsExactly(RuleCode.TIME_DAILY_HOURS_EXCEEDED);
    }

    @Test
    void aRecordThatPassesEveryRuleHasNoFindings() {
        TimeEntry fine = time().build();
        var runner = new RuleRunner<>(TimeEntryRules.all(), Fixtures.policy());

        assertThat(runner.run(fine, fine.ref(), true, Fixtures.timeContext(fine), CONSULTANT_OWNS, null, null)).isEmpty();
    }
}
