package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;
import org.junit.jupiter.api.Test;

/** Who approves a credit memo: finance always, the finance controller above the currency's limit or without one. */
class CreditPolicyTests {

    private static CreditPolicy policy(String content) {
        return CreditPolicy.from(PolicyFile.of("test.properties", content));
    }

    @Test
    void financeAlwaysAndTheControllerAboveTheLimit() {
        CreditPolicy policy = policy("credit.controller-above.EUR=5000\n");

        assertThat(policy.steps(Money.of(new BigDecimal("5000.00"), "EUR"))).extracting(ApprovalStep::role).containsExactly(PersonRole.FINANCE);
        assertThat(policy.steps(Money.of(new BigDecimal("5000.01"), "EUR"))).extracting(ApprovalStep::role, ApprovalStep::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PersonRole.FINANCE, CreditPolicy.FINANCE_RULE),
                        org.assertj.core.groups.Tuple.tuple(PersonRole.FINANCE_CONTROLLER, CreditPolicy.CONTROLLER_RULE));
        assertThat(policy.steps(Money.of(new BigDecimal("1"), "JPY"))).as("a currency without a limit: the controller too")
                .extracting(ApprovalStep::role).containsExactly(PersonRole.FINANCE, PersonRole.FINANCE_CONTROLLER);
        assertThat(CreditPolicy.defaults().steps(Money.of(BigDecimal.ONE, "EUR"))).hasSize(2);
    }

    @Test
    void anUnknownOrNegativeKeyIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> policy("credit.controller-limit.EUR=5\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("unknown key 'credit.controller-limit.EUR'");
        assertThatThrownBy(() -> policy("credit.controller-above.EUR=-1\n")).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageContaining("must be 0 or more");
        assertThatThrownBy(() -> ValidationPolicy.from(PolicyFile.of("test.properties", "credit.controller-above.eur=5\n")))
                .as("checked when a run reads the policy").isInstanceOf(PolicyFile.PolicyException.class);
    }
}
