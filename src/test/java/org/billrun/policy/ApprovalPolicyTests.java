package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.billrun.billing.PersonRole;
import org.billrun.policy.PolicyFile.PolicyException;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTests {

    private static ApprovalPolicy parse(String content) {
        return ApprovalPolicy.from(PolicyFile.of("policy.properties", content));
    }

    @Test
    void withoutApprovalKeysEveryRoleHasTwentyFourBusinessHoursInUtc() {
        ApprovalPolicy policy = ApprovalPolicy.defaults();

        assertThat(policy.slaHours(PersonRole.PROJECT_MANAGER)).isEqualTo(24);
        assertThat(policy.slaHours(PersonRole.FINANCE_CONTROLLER)).isEqualTo(24);
        assertThat(policy.businessDays()).isTrue();
        assertThat(policy.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(policy.matrix().rules()).isEmpty();
        assertThat(policy.matrix().order()).containsExactly(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE, PersonRole.FINANCE_CONTROLLER);
    }

    @Test
    void readsHoursPerRoleTheCalendarAndTheEntitiesHolidays() {
        ApprovalPolicy policy = parse("""
                approval.sla-hours.project_manager=16
                approval.sla-hours.finance-controller=48
                approval.sla.business-days=false
                approval.sla.zone=Europe/Berlin
                holidays.DE01=2026-10-03,2026-12-25
                """);

        assertThat(policy.slaHours(PersonRole.PROJECT_MANAGER)).isEqualTo(16);
        assertThat(policy.slaHours(PersonRole.FINANCE)).isEqualTo(24);
        assertThat(policy.slaHours(PersonRole.FINANCE_CONTROLLER)).isEqualTo(48);
        assertThat(policy.businessDays()).isFalse();
        assertThat(policy.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.holidays().get("DE01")).containsExactly(LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 25));
    }

    @Test
    void badHoursAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse("approval.sla-hours.finance=0\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("approval.sla-hours.finance must be a positive number of hours");
        assertThatThrownBy(() -> parse("approval.sla-hours.auditor=4\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("auditor does not review invoices");
        assertThatThrownBy(() -> parse("approval.sla.business-days=sometimes\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("approval.sla.business-days");
    }

    @Test
    void theSampleFirmsPolicyReadsAndSendsLargeDraftsToAFinanceControllerAfterTheProjectManager() {
        ApprovalPolicy policy = ApprovalPolicy.from(PolicyFile.read(Path.of("sample-data/northwind/policy.properties")));

        assertThat(policy.matrix().rules()).extracting(ApprovalMatrix.Rule::name).contains("large");
        ApprovalMatrix.Rule large = policy.matrix().rules().stream().filter(r -> r.name().equals("large")).findFirst().orElseThrow();
        assertThat(large.steps()).containsExactly(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE_CONTROLLER);
        assertThat(large.grossAbove().get("EUR")).isEqualByComparingTo("50000");
        // the routing part of the same file still reads as before
        assertThat(DraftPolicy.from(PolicyFile.read(Path.of("sample-data/northwind/policy.properties"))).autoApproveLimits())
                .containsKeys("EUR", "GBP", "USD", "CHF");
        ValidationPolicy.from(PolicyFile.read(Path.of("sample-data/northwind/policy.properties")));
    }
}
