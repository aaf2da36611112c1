package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.assist.risk.RiskFactor;
import org.billrun.assist.risk.RiskFeature;
import org.billrun.assist.risk.RiskScore;
import org.billrun.billing.Money;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.RouteCode;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.junit.jupiter.api.Test;

/** Routing by dispute risk (docs/drafting.md, "Routing"): above the policy's threshold a draft goes to finance with the factors. */
class RouterDisputeRiskTests {

    private static final RiskScore RISKY = new RiskScore(0.62, -1.4, List.of(
            new RiskFactor(RiskFeature.LAST_DISPUTED, "the latest invoice (2026-09) was disputed", 0.9),
            new RiskFactor(RiskFeature.SPIKE_LOG_RATIO, "the draft (EUR 90,000.00) is 3.0× EUR 30,000.00, the median of 6 months", 0.7),
            new RiskFactor(RiskFeature.LINES_WITHOUT_EVIDENCE, "2 of 8 lines of the draft have no evidence", 0.3),
            new RiskFactor(RiskFeature.DAYS_TO_PAY, "no invoice paid yet", -0.1)));

    @Test
    void aDraftAboveTheThresholdGoesToFinanceWithItsScoreAndTopThreeFactors() {
        List<RouteReason> reasons = new Router(policy("approval.dispute-risk-threshold=0.5\nowner.finance=F-1\n")).route(facts(RISKY));

        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.DISPUTE_RISK);
            assertThat(r.reviewerRole()).isEqualTo(OwnerRole.FINANCE);
            assertThat(r.reviewerId()).isEqualTo("F-1");
            assertThat(r.text()).isEqualTo("dispute risk 0.62 is above the threshold of 0.5: the latest invoice (2026-09) was disputed; "
                    + "the draft (EUR 90,000.00) is 3.0× EUR 30,000.00, the median of 6 months; 2 of 8 lines of the draft have no evidence");
        });
    }

    @Test
    void atOrBelowTheThresholdOrWithoutAScoreTheRiskRoutesNothing() {
        assertThat(new Router(policy("approval.dispute-risk-threshold=0.62\n")).route(facts(RISKY))).isEmpty();
        assertThat(new Router(policy("approval.dispute-risk-threshold=1\n")).route(facts(RISKY))).isEmpty();
        assertThat(new Router(policy("")).route(facts(null))).isEmpty();
    }

    @Test
    void theDefaultThresholdIsHalfAndTheKeyIsBetweenZeroAndOne() {
        assertThat(DraftPolicy.defaults().disputeRiskThreshold()).isEqualByComparingTo("0.5");
        assertThat(new Router(DraftPolicy.defaults()).route(facts(RISKY))).extracting(RouteReason::code).contains(RouteCode.DISPUTE_RISK);
        assertThatThrownBy(() -> policy("approval.dispute-risk-threshold=1.5\n")).hasMessageContaining("must be 0 to 1, not 1.5");
        assertThatThrownBy(() -> policy("approval.dispute-risk-threshold=-0.1\n")).hasMessageContaining("must be 0 to 1");
    }

    private static DraftPolicy policy(String text) {
        return DraftPolicy.from(PolicyFile.of("test.properties", "approval.auto-approve-limit.EUR=1000000\n" + text));
    }

    private static Router.Facts facts(RiskScore risk) {
        Money zero = Money.zero("EUR");
        Money net = Money.of(new BigDecimal("90000.00"), "EUR");
        return new Router.Facts(net, zero, zero, null, net, net, List.of(), List.of(), "PM-1", false, risk);
    }
}
