package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.billrun.billing.OwnerRole;
import org.billrun.billing.RouteCode;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyFile.PolicyException;
import org.billrun.policy.ValidationPolicy;
import org.junit.jupiter.api.Test;

class DraftPolicyTests {

    private static DraftPolicy parse(String content) {
        return DraftPolicy.from(PolicyFile.of("policy.properties", content));
    }

    @Test
    void readsLimitsPerCurrencyTheWriteDownThresholdAndReviewerChoices() {
        DraftPolicy policy = parse("""
                owner.finance=ar@example
                approval.auto-approve-limit.EUR=100000.00
                approval.auto-approve-limit.JPY=15000000
                approval.write-down-threshold-pct=2.5
                approval.route.WRITE_DOWN=finance
                """);

        assertThat(policy.autoApproveLimits()).containsOnlyKeys("EUR", "JPY");
        assertThat(policy.autoApproveLimits().get("EUR")).isEqualByComparingTo("100000.00");
        assertThat(policy.writeDownThresholdPct()).isEqualByComparingTo("2.5");
        assertThat(policy.reviewer(RouteCode.WRITE_DOWN, null)).isEqualTo(OwnerRole.FINANCE);
        assertThat(policy.reviewer(RouteCode.RETAINER_OVERAGE, null)).isEqualTo(OwnerRole.PROJECT_MANAGER);
        assertThat(policy.reviewer(RouteCode.OPEN_EXCEPTION, OwnerRole.PROJECT_MANAGER)).isEqualTo(OwnerRole.PROJECT_MANAGER);
        assertThat(policy.financeOwner()).isEqualTo("ar@example");
    }

    @Test
    void withoutAnyApprovalKeysNoCurrencyHasALimitAndAnyWriteDownNeedsAPerson() {
        DraftPolicy policy = DraftPolicy.defaults();

        assertThat(policy.autoApproveLimits()).isEmpty();
        assertThat(policy.writeDownThresholdPct()).isZero();
    }

    @Test
    void aTypoInAnApprovalKeyStopsTheRunNamingTheKey() {
        assertThatThrownBy(() -> parse("approval.auto-aprove-limit.EUR=1000\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown key 'approval.auto-aprove-limit.EUR'");
        assertThatThrownBy(() -> parse("approval.route.CAP=finance\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("approval.route.CAP names no routing reason");
    }

    @Test
    void consultantsDoNotReviewInvoices() {
        assertThatThrownBy(() -> parse("approval.route.WRITE_DOWN=consultant\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("consultants do not review invoices");
    }

    @Test
    void limitsAndThresholdsMustBeSensible() {
        assertThatThrownBy(() -> parse("approval.auto-approve-limit.EUR=-1\n")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> parse("approval.write-down-threshold-pct=150\n")).hasMessageContaining("must be 0 to 100");
        assertThatThrownBy(() -> parse("approval.auto-approve-limit.EUR=1.000,00\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("approval.auto-approve-limit.EUR");
    }

    @Test
    void validationAcceptsTheApprovalKeysItDoesNotUse() {
        ValidationPolicy validation = ValidationPolicy.from(PolicyFile.of("p", "approval.auto-approve-limit.EUR=1000\n"));

        assertThat(validation).isNotNull();
    }
}
