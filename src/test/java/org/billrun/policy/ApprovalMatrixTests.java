package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.billing.PersonRole.FINANCE;
import static org.billrun.billing.PersonRole.FINANCE_CONTROLLER;
import static org.billrun.billing.PersonRole.PROJECT_MANAGER;

import java.math.BigDecimal;
import java.util.Set;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Money;
import org.billrun.billing.RouteCode;
import org.billrun.policy.PolicyFile.PolicyException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalMatrixTests {

    /** The sample firm's matrix, as in sample-data/northwind/policy.properties. */
    private static final String MATRIX = """
            approval.auto-approve-limit.EUR=100000.00
            approval.rule.large.steps=project_manager,finance_controller
            approval.rule.large.when.gross-above.EUR=50000
            approval.rule.large.when.gross-above.JPY=7500000
            approval.rule.finance-review.steps=finance
            approval.rule.finance-review.when.reason=TAX_RULE,AMOUNT_ABOVE_LIMIT
            approval.rule.fixed-fee-de.steps=finance,finance
            approval.rule.fixed-fee-de.when.model=fixed_fee
            approval.rule.fixed-fee-de.when.entity=DE01
            """;

    private static ApprovalMatrix matrix(String content) {
        return ApprovalPolicy.from(PolicyFile.of("policy.properties", content)).matrix();
    }

    private static ApprovalFacts facts(String entity, String gross, String currency, BillingModel model, RouteCode... reasons) {
        return new ApprovalFacts(entity, Money.of(new BigDecimal(gross), currency), model, Set.of(reasons), reasons.length == 0);
    }

    @Nested
    class Steps {

        @Test
        void aStraightThroughDraftBelowEveryRuleNeedsNoApproval() {
            assertThat(matrix(MATRIX).steps(facts("GB01", "12000.00", "EUR", BillingModel.TIME_AND_MATERIALS))).isEmpty();
        }

        @Test
        void aboveFiftyThousandAFinanceControllerApprovesAfterTheProjectManager() {
            assertThat(matrix(MATRIX).steps(facts("GB01", "50000.01", "EUR", BillingModel.TIME_AND_MATERIALS))).containsExactly(
                    new ApprovalStep(PROJECT_MANAGER, "large"), new ApprovalStep(FINANCE_CONTROLLER, "large"));
        }

        @Test
        void exactlyTheThresholdIsNotAboveIt() {
            assertThat(matrix(MATRIX).steps(facts("GB01", "50000.00", "EUR", BillingModel.TIME_AND_MATERIALS))).isEmpty();
        }

        @Test
        void aCurrencyTheRuleDoesNotNameDoesNotMatchItsAmountCondition() {
            assertThat(matrix(MATRIX).steps(facts("GB01", "900000.00", "USD", BillingModel.TIME_AND_MATERIALS))).isEmpty();
            assertThat(matrix(MATRIX).steps(facts("JP01", "7500001", "JPY", BillingModel.TIME_AND_MATERIALS)))
                    .extracting(ApprovalStep::role).containsExactly(PROJECT_MANAGER, FINANCE_CONTROLLER);
        }

        @Test
        void eachRoutingReasonAsksItsReviewerOnceAndTheMatrixAddsItsRolesInEscalationOrder() {
            ApprovalFacts facts = facts("GB01", "120000.00", "EUR", BillingModel.TIME_AND_MATERIALS,
                    RouteCode.AMOUNT_ABOVE_LIMIT, RouteCode.WRITE_DOWN);

            assertThat(matrix(MATRIX).steps(facts)).containsExactly(
                    new ApprovalStep(PROJECT_MANAGER, "route.WRITE_DOWN"),
                    new ApprovalStep(FINANCE, "route.AMOUNT_ABOVE_LIMIT"),
                    new ApprovalStep(FINANCE_CONTROLLER, "large"));
        }

        @Test
        void aRoleListedTwiceNeedsTwoApprovalsAndTheLargestCountWins() {
            ApprovalFacts facts = facts("DE01", "1000.00", "EUR", BillingModel.FIXED_FEE, RouteCode.TAX_RULE);

            assertThat(matrix(MATRIX).steps(facts)).containsExactly(
                    new ApprovalStep(FINANCE, "route.TAX_RULE"), new ApprovalStep(FINANCE, "fixed-fee-de"));
        }

        @Test
        void everyConditionOfARuleMustHold() {
            assertThat(matrix(MATRIX).steps(facts("GB01", "1000.00", "EUR", BillingModel.FIXED_FEE))).isEmpty();
            assertThat(matrix(MATRIX).steps(facts("DE01", "1000.00", "EUR", BillingModel.RETAINER))).isEmpty();
        }

        @Test
        void theRouteReviewerFollowsTheRoutingPolicy() {
            ApprovalMatrix matrix = matrix("approval.route.WRITE_DOWN=finance\n");

            assertThat(matrix.steps(facts("GB01", "10.00", "EUR", BillingModel.NOT_TO_EXCEED, RouteCode.WRITE_DOWN)))
                    .containsExactly(new ApprovalStep(FINANCE, "route.WRITE_DOWN"));
            assertThat(matrix.steps(facts("GB01", "10.00", "EUR", BillingModel.NOT_TO_EXCEED, RouteCode.OPEN_EXCEPTION)))
                    .containsExactly(new ApprovalStep(PROJECT_MANAGER, "route.OPEN_EXCEPTION"));
        }

        @Test
        void aRuleCanApplyToRoutedOrToStraightThroughVersionsOnly() {
            ApprovalMatrix matrix = matrix("""
                    approval.rule.second-look.steps=finance_controller
                    approval.rule.second-look.when.routed=true
                    """);

            assertThat(matrix.steps(facts("GB01", "10.00", "EUR", BillingModel.RETAINER))).isEmpty();
            assertThat(matrix.steps(facts("GB01", "10.00", "EUR", BillingModel.RETAINER, RouteCode.RETAINER_OVERAGE)))
                    .containsExactly(new ApprovalStep(PROJECT_MANAGER, "route.RETAINER_OVERAGE"),
                            new ApprovalStep(FINANCE_CONTROLLER, "second-look"));
        }

        @Test
        void aRuleWithoutConditionsAppliesToEveryVersion() {
            ApprovalMatrix matrix = matrix("approval.rule.four-eyes.steps=project_manager\n");

            assertThat(matrix.steps(facts("US01", "1.00", "USD", BillingModel.TIME_AND_MATERIALS)))
                    .containsExactly(new ApprovalStep(PROJECT_MANAGER, "four-eyes"));
        }
    }

    @Nested
    class Escalation {

        @Test
        void anOverdueTaskMovesToTheNextRoleOfTheEscalationOrder() {
            ApprovalMatrix matrix = matrix("");

            assertThat(matrix.nextRole(PROJECT_MANAGER)).contains(FINANCE);
            assertThat(matrix.nextRole(FINANCE)).contains(FINANCE_CONTROLLER);
            assertThat(matrix.nextRole(FINANCE_CONTROLLER)).isEmpty();
        }

        @Test
        void theFirmCanChooseTheOrder() {
            ApprovalMatrix matrix = matrix("approval.escalation-order=project_manager,finance,finance_controller,admin\n");

            assertThat(matrix.nextRole(FINANCE_CONTROLLER)).contains(org.billrun.billing.PersonRole.ADMIN);
        }
    }

    @Nested
    class BadPolicy {

        @Test
        void aTypoInAConditionNamesTheKey() {
            assertThatThrownBy(() -> matrix("approval.rule.large.steps=finance\napproval.rule.large.when.gros-above.EUR=1\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("unknown key 'approval.rule.large.when.gros-above.EUR'");
        }

        @Test
        void aRuleWithoutStepsIsRefused() {
            assertThatThrownBy(() -> matrix("approval.rule.large.when.gross-above.EUR=1\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("rule large has no approval.rule.large.steps");
        }

        @Test
        void stepsMustFollowTheEscalationOrder() {
            assertThatThrownBy(() -> matrix("approval.rule.large.steps=finance_controller,project_manager\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("lists project_manager after finance_controller");
        }

        @Test
        void consultantsAndAuditorsDoNotApprove() {
            assertThatThrownBy(() -> matrix("approval.rule.x.steps=consultant\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("consultant does not approve invoices");
            assertThatThrownBy(() -> matrix("approval.escalation-order=project_manager,finance,auditor\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("auditor does not approve invoices");
        }

        @Test
        void unknownRolesReasonsAndModelsNameTheKey() {
            assertThatThrownBy(() -> matrix("approval.rule.x.steps=controller\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("approval.rule.x.steps: unknown role 'controller'");
            assertThatThrownBy(() -> matrix("approval.rule.x.steps=finance\napproval.rule.x.when.reason=CAP\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("approval.rule.x.when.reason: 'CAP'");
            assertThatThrownBy(() -> matrix("approval.rule.x.steps=finance\napproval.rule.x.when.model=hourly\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("approval.rule.x.when.model: 'hourly'");
        }

        @Test
        void theEscalationOrderMustReachTheReviewersRoutingUses() {
            assertThatThrownBy(() -> matrix("approval.escalation-order=finance,finance_controller\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("must list project_manager and finance");
        }

        @Test
        void aNegativeAmountIsRefused() {
            assertThatThrownBy(() -> matrix("approval.rule.x.steps=finance\napproval.rule.x.when.gross-above.EUR=-5\n"))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("must not be negative");
        }

        @Test
        void routingStillRefusesAnApprovalKeyNeitherPartKnows() {
            assertThatThrownBy(() -> DraftPolicy.from(PolicyFile.of("p", "approval.sla-hour.FINANCE=4\n")))
                    .isInstanceOf(PolicyException.class).hasMessageContaining("unknown key 'approval.sla-hour.FINANCE'");
        }
    }
}
