package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.billrun.billing.RuleCode;
import org.billrun.policy.PolicyFile.Candidate;
import org.billrun.policy.PolicyFile.Explained;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Why a record has its settings (billrun policy explain), and the scope of a record by its project or contract. */
class PolicyExplanationTests {

    static final PolicyScope P7 = ScopedPolicyTests.P7;

    static PolicyFile file(String content) {
        return PolicyFile.of("policy.properties", content);
    }

    @Nested
    class Explaining {

        @Test
        void eachKeyShowsTheSettingThatWonAndTheLessSpecificOnesItOverrode() {
            PolicyFile f = file(ScopedPolicyTests.Precedence.EVERY_LEVEL + "rule.TIME_UNAPPROVED.severity[client=C-BAUER]=warn\n");

            List<Explained> rows = f.explain(new PolicyScope("P-8", "K-2", "C-ACME", "fixed_fee", "DE"));

            assertThat(rows).containsExactly(
                    new Explained("rule.TIME_UNAPPROVED.severity", null, "default", List.of(), List.of("client=C-BAUER")),
                    new Explained("time.max-hours-per-day", "9", "client=C-ACME",
                            List.of(new Candidate("model=fixed_fee", "10"), new Candidate("country=DE", "11"), new Candidate("global", "12")),
                            List.of("project=P-7", "contract=K-1")));
        }

        @Test
        void approvalKeysAreExplainedForTheDraftWhichHasNoProject() {
            PolicyFile f = file("""
                    approval.auto-approve-limit.EUR=250000
                    approval.auto-approve-limit.EUR[contract=K-1]=80000
                    time.max-hours-per-day[project=P-7]=9
                    cutoff.day-of-next-month=5
                    """);

            PolicyExplanation explained = PolicyExplanation.of(f, P7, List.of(RuleCode.TIME_UNAPPROVED), true);

            assertThat(explained.draftScope()).isEqualTo(new PolicyScope(null, "K-1", "C-ACME", "fixed_fee", "DE"));
            assertThat(explained.settings()).containsExactly(
                    new PolicyExplanation.Setting("approval.auto-approve-limit.EUR", "80000", "contract=K-1",
                            List.of(new Candidate("global", "250000")), List.of(), "draft"),
                    new PolicyExplanation.Setting("cutoff.day-of-next-month", "5", "global", List.of(), List.of(), "run"),
                    new PolicyExplanation.Setting("rule.TIME_UNAPPROVED.severity", "block", "default", List.of(), List.of(), "record"),
                    new PolicyExplanation.Setting("time.max-hours-per-day", "9", "project=P-7", List.of(), List.of(), "record"));
        }

        @Test
        void aKeyAtItsDefaultShowsTheDefaultValueWhereOneCanBeNamed() {
            PolicyExplanation explained = PolicyExplanation.of(file("expense.receipt-required-above.EUR[project=P-8]=25\n"), P7,
                    List.of(RuleCode.EXPENSE_NEAR_DUPLICATE), true);

            assertThat(explained.settings()).extracting(PolicyExplanation.Setting::key, PolicyExplanation.Setting::value,
                    PolicyExplanation.Setting::from).containsExactly(
                    Tuple.tuple("expense.receipt-required-above.EUR", "the category's (expense_policies.csv)", "default"),
                    Tuple.tuple("rule.EXPENSE_NEAR_DUPLICATE.severity", "warn", "default"),
                    Tuple.tuple("time.max-hours-per-day", "12", "default"));
        }

        @Test
        void aGlobalValueThatNothingOverridesIsShownAsGlobal() {
            assertThat(file("owner.finance=ar@example\n").explain(P7))
                    .containsExactly(new Explained("owner.finance", "ar@example", "global", List.of(), List.of()));
        }
    }

    @Nested
    class ScopesOfRecords {

        @Test
        void aProjectsScopeIsItsContractTheContractsClientModelAndTheBillingEntitysCountry() {
            PolicyScopes scopes = NorthwindScopes.northwind();

            assertThat(scopes.ofProject("P-ACME-ERP")).isEqualTo(new PolicyScope("P-ACME-ERP", "K-ACME-1", "C-ACME", "time_and_materials", "DE"));
            assertThat(scopes.ofProject("P-HUDSON")).isEqualTo(new PolicyScope("P-HUDSON", "K-HUDSON-1", "C-HUDSON", "not_to_exceed", "US"));
            assertThat(scopes.ofContract("K-BAUER-1")).isEqualTo(new PolicyScope(null, "K-BAUER-1", "C-BAUER", "retainer", "DE"));
            assertThat(scopes.ofProject("P-ORPHAN")).as("a project whose contract is unknown keeps its own client")
                    .isEqualTo(new PolicyScope("P-ORPHAN", null, "C-ACME", null, null));
            assertThat(scopes.ofProject("P-NOWHERE")).isEqualTo(PolicyScope.GLOBAL);
            assertThat(scopes.ofProject("P-ACME-ERP").describe()).isEqualTo("project=P-ACME-ERP contract=K-ACME-1 client=C-ACME "
                    + "model=time_and_materials country=DE");
            assertThat(PolicyScope.GLOBAL.describe()).isEqualTo("global");
        }
    }
}
