package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.policy.PolicyFile.PolicyException;
import org.billrun.policy.PolicyFile.ScopedSetting;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScopedPolicyTests {

    /** A time entry on P-7: contract K-1 of client C-ACME, fixed fee, billed by the German entity. */
    static final PolicyScope P7 = new PolicyScope("P-7", "K-1", "C-ACME", "fixed_fee", "DE");

    static PolicyFile file(String content) {
        return PolicyFile.of("policy.properties", content);
    }

    static BigDecimal maxHours(String content, PolicyScope scope) {
        return ValidationPolicy.from(file(content).at(scope)).maxHoursPerDay();
    }

    @Nested
    class Parsing {

        @Test
        void aScopedKeyIsReadWithItsDimensionValueAndTheKeyWithoutTheScope() {
            PolicyFile f = file("""
                    time.max-hours-per-day=12
                    rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn
                    time.max-hours-per-day[country=DE] = 10
                    approval.auto-approve-limit.EUR[model=fixed_fee]: 100000
                    """);

            assertThat(f.scopedSettings()).containsExactly(
                    new ScopedSetting("approval.auto-approve-limit.EUR[model=fixed_fee]", "approval.auto-approve-limit.EUR",
                            ScopeDimension.MODEL, "fixed_fee", "100000"),
                    new ScopedSetting("rule.TIME_UNAPPROVED.severity[client=C-ACME]", "rule.TIME_UNAPPROVED.severity",
                            ScopeDimension.CLIENT, "C-ACME", "warn"),
                    new ScopedSetting("time.max-hours-per-day[country=DE]", "time.max-hours-per-day", ScopeDimension.COUNTRY, "DE", "10"));
            assertThat(f.text("time.max-hours-per-day", null)).isEqualTo("12");
            assertThat(f.keysStartingWith("rule.")).as("the global view has no scoped keys").isEmpty();
            assertThat(f.namedScopes()).isEqualTo(Map.of(ScopeDimension.CLIENT, Set.of("C-ACME"), ScopeDimension.COUNTRY, Set.of("DE"),
                    ScopeDimension.MODEL, Set.of("fixed_fee")));
        }

        @Test
        void theContentIsKeptAsWrittenSoItsHashCoversTheScopedKeys() {
            String content = "rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn\n";

            assertThat(file(content).content()).isEqualTo(content);
            assertThat(file(content).sha256()).isNotEqualTo(file("rule.TIME_UNAPPROVED.severity[client=C-BAUER]=warn\n").sha256());
        }

        @Test
        void commentsAndValuesWithBracketsAreLeftAlone() {
            PolicyFile f = file("""
                    # time.max-hours-per-day[country=DE]=10 is how a scope is written
                    owner.finance=finance [AR team]
                    """);

            assertThat(f.scopedSettings()).isEmpty();
            assertThat(f.text("owner.finance", null)).isEqualTo("finance [AR team]");
        }

        @Test
        void blanksInsideTheBracketsAreIgnored() {
            PolicyFile f = file("time.max-hours-per-day[ country = DE ]=10\n");

            assertThat(f.scopedSettings()).singleElement().satisfies(s -> {
                assertThat(s.dimension()).isEqualTo(ScopeDimension.COUNTRY);
                assertThat(s.value()).isEqualTo("DE");
            });
            assertThat(maxHours("time.max-hours-per-day[ country = DE ]=10\n", P7)).isEqualByComparingTo("10");
        }

        @Test
        void aContinuedLineIsPartOfTheValueBeforeItEvenWhenItStartsWithABracket() {
            PolicyFile f = file("owner.finance=finance \\\n    [accounts receivable]=team\n");

            assertThat(f.scopedSettings()).isEmpty();
            assertThat(f.text("owner.finance", null)).isEqualTo("finance [accounts receivable]=team");
        }

        @Test
        void anUnknownDimensionIsAnErrorThatNamesItAndTheKnownOnes() {
            assertThatThrownBy(() -> file("time.max-hours-per-day[planet=Mars]=10"))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("time.max-hours-per-day[planet=Mars]")
                    .hasMessageContaining("unknown scope dimension 'planet'")
                    .hasMessageContaining("project, contract, client, model, country");
        }

        @Test
        void aScopeWithoutValueOrEqualsSignIsAnError() {
            assertThatThrownBy(() -> file("time.max-hours-per-day[client]=10")).isInstanceOf(PolicyException.class)
                    .hasMessageContaining("'time.max-hours-per-day[client]' is not KEY[dimension=value]");
            assertThatThrownBy(() -> file("time.max-hours-per-day[client=]=10")).isInstanceOf(PolicyException.class)
                    .hasMessageContaining("the scope names no client");
            assertThatThrownBy(() -> file("time.max-hours-per-day[client=C-ACME]x=10")).isInstanceOf(PolicyException.class)
                    .hasMessageContaining("is not KEY[dimension=value]");
        }
    }

    @Nested
    class Precedence {

        static final String EVERY_LEVEL = """
                time.max-hours-per-day=12
                time.max-hours-per-day[country=DE]=11
                time.max-hours-per-day[model=fixed_fee]=10
                time.max-hours-per-day[client=C-ACME]=9
                time.max-hours-per-day[contract=K-1]=8
                time.max-hours-per-day[project=P-7]=7
                """;

        @Test
        void theMostSpecificScopeWinsProjectContractClientModelCountryGlobal() {
            assertThat(maxHours(EVERY_LEVEL, P7)).isEqualByComparingTo("7");
            assertThat(maxHours(EVERY_LEVEL, new PolicyScope("P-8", "K-1", "C-ACME", "fixed_fee", "DE"))).isEqualByComparingTo("8");
            assertThat(maxHours(EVERY_LEVEL, new PolicyScope("P-8", "K-2", "C-ACME", "fixed_fee", "DE"))).isEqualByComparingTo("9");
            assertThat(maxHours(EVERY_LEVEL, new PolicyScope("P-8", "K-2", "C-BAUER", "fixed_fee", "DE"))).isEqualByComparingTo("10");
            assertThat(maxHours(EVERY_LEVEL, new PolicyScope("P-8", "K-2", "C-BAUER", "retainer", "DE"))).isEqualByComparingTo("11");
            assertThat(maxHours(EVERY_LEVEL, new PolicyScope("P-8", "K-2", "C-BAUER", "retainer", "GB"))).isEqualByComparingTo("12");
            assertThat(maxHours(EVERY_LEVEL, PolicyScope.GLOBAL)).isEqualByComparingTo("12");
        }

        @Test
        void theOrderOfTheLinesInTheFileDoesNotMatter() {
            List<String> lines = new ArrayList<>(EVERY_LEVEL.lines().toList());
            Collections.reverse(lines);
            String reversed = String.join("\n", lines);

            assertThat(maxHours(reversed, P7)).isEqualByComparingTo("7");
            assertThat(maxHours(reversed, new PolicyScope(null, null, "C-ACME", "fixed_fee", "DE"))).isEqualByComparingTo("9");
        }

        @Test
        void withoutAGlobalValueARecordOutsideTheScopeGetsTheDocumentedDefault() {
            String content = "time.max-hours-per-day[country=DE]=10\n";

            assertThat(maxHours(content, P7)).isEqualByComparingTo("10");
            assertThat(maxHours(content, new PolicyScope("P-9", "K-9", "C-HUDSON", "time_and_materials", "US"))).isEqualByComparingTo("12");
        }

        @Test
        void aScopedSettingChangesOnlyItsOwnKey() {
            ValidationPolicy p = ValidationPolicy.from(file("""
                    rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn
                    rule.EXPENSE_DUPLICATE.enabled[project=P-7]=false
                    """).at(P7));
            ValidationPolicy other = ValidationPolicy.from(file("""
                    rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn
                    rule.EXPENSE_DUPLICATE.enabled[project=P-7]=false
                    """).at(new PolicyScope("P-8", "K-2", "C-BAUER", "retainer", "DE")));

            assertThat(p.severity(RuleCode.TIME_UNAPPROVED)).isEqualTo(Severity.WARN);
            assertThat(p.enabled(RuleCode.EXPENSE_DUPLICATE)).isFalse();
            assertThat(p.severity(RuleCode.TIME_REJECTED)).isEqualTo(Severity.BLOCK);
            assertThat(p.maxHoursPerDay()).isEqualByComparingTo("12");
            assertThat(other.severity(RuleCode.TIME_UNAPPROVED)).isEqualTo(Severity.BLOCK);
            assertThat(other.enabled(RuleCode.EXPENSE_DUPLICATE)).isTrue();
        }

        @Test
        void theDraftPolicyTakesItsLimitsAndThresholdFromTheDraftsScope() {
            ScopedPolicy<DraftPolicy> policy = ScopedPolicy.of(file("""
                    approval.auto-approve-limit.EUR=50000
                    approval.auto-approve-limit.EUR[model=fixed_fee]=100000
                    approval.write-down-threshold-pct[client=C-ACME]=5
                    """), DraftPolicy::from);

            DraftPolicy acme = policy.at(P7.withoutProject());
            DraftPolicy bauer = policy.at(new PolicyScope(null, "K-2", "C-BAUER", "time_and_materials", "DE"));

            assertThat(acme.autoApproveLimits().get("EUR")).isEqualByComparingTo("100000");
            assertThat(acme.writeDownThresholdPct()).isEqualByComparingTo("5");
            assertThat(bauer.autoApproveLimits().get("EUR")).isEqualByComparingTo("50000");
            assertThat(bauer.writeDownThresholdPct()).isEqualByComparingTo("0");
        }

        @Test
        void aReceiptThresholdPerCurrencyCanBeSetForAProject() {
            ScopedPolicy<ValidationPolicy> policy = ScopedPolicy.of(file("expense.receipt-required-above.EUR[project=P-7]=25\n"),
                    ValidationPolicy::from);

            assertThat(policy.at(P7).receiptRequiredAbove("EUR")).isEqualByComparingTo("25");
            assertThat(policy.at(P7).receiptRequiredAbove("GBP")).isNull();
            assertThat(policy.global().receiptRequiredAbove("EUR")).as("elsewhere the category's threshold applies").isNull();
        }
    }

    @Nested
    class Resolving {

        @Test
        void aPolicyIsBuiltOncePerScopeThatASettingCanTellApart() {
            ScopedPolicy<ValidationPolicy> policy = ScopedPolicy.of(file("time.max-hours-per-day[client=C-ACME]=9\n"), ValidationPolicy::from);

            ValidationPolicy p7 = policy.at(P7);
            ValidationPolicy p8 = policy.at(new PolicyScope("P-8", "K-2", "C-ACME", "retainer", "GB"));

            assertThat(p7).isSameAs(p8);
            assertThat(p7.maxHoursPerDay()).isEqualByComparingTo("9");
            assertThat(policy.at(new PolicyScope("P-9", "K-9", "C-BAUER", "fixed_fee", "DE"))).isSameAs(policy.global());
        }

        @Test
        void aFileWithoutScopedKeysAnswersTheGlobalPolicyEverywhere() {
            ScopedPolicy<ValidationPolicy> policy = ScopedPolicy.of(file("time.max-hours-per-day=10\n"), ValidationPolicy::from);

            assertThat(policy.scoped()).isFalse();
            assertThat(policy.at(P7)).isSameAs(policy.global());
        }

        @Test
        void recordPoliciesLookUpEachProjectAndContractOnce() {
            ScopedPolicy<ValidationPolicy> policy = ScopedPolicy.of(file("""
                    time.max-hours-per-day[country=DE]=10
                    time.max-hours-per-day[project=P-ACME-ERP]=8
                    """), ValidationPolicy::from);
            RecordPolicies<ValidationPolicy> records = new RecordPolicies<>(policy, NorthwindScopes.northwind());

            assertThat(records.ofProject("P-ACME-ERP").maxHoursPerDay()).isEqualByComparingTo("8");
            assertThat(records.ofProject("P-ACME-ERP")).isSameAs(records.ofProject("P-ACME-ERP"));
            assertThat(records.ofProject("P-BAUER-RET").maxHoursPerDay()).isEqualByComparingTo("10");
            assertThat(records.ofContract("K-ACME-1").maxHoursPerDay()).as("a contract as a whole has no project").isEqualByComparingTo("10");
            assertThat(records.ofProject("P-HUDSON").maxHoursPerDay()).isEqualByComparingTo("12");
            assertThat(records.ofProject("P-NOWHERE")).isSameAs(policy.global());
            assertThat(records.ofProject(null)).isSameAs(policy.global());
        }
    }

    @Nested
    class Errors {

        @Test
        void anUnknownKeyInAScopeNamesTheKeyAndTheScope() {
            assertThatThrownBy(() -> ScopedPolicy.of(file("time.max-hour-per-day[country=DE]=10\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("unknown key 'time.max-hour-per-day'")
                    .hasMessageContaining("[country=DE]");
            assertThatThrownBy(() -> ScopedPolicy.of(file("rule.TIME_NAPPING.severity[client=C-ACME]=warn\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("rule.TIME_NAPPING.severity")
                    .hasMessageContaining("[client=C-ACME]");
        }

        @Test
        void aBadValueInAScopeNamesTheKeyAndTheScope() {
            assertThatThrownBy(() -> ScopedPolicy.of(file("rule.TIME_UNAPPROVED.severity[client=C-ACME]=maybe\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("rule.TIME_UNAPPROVED.severity = 'maybe' is not block or warn")
                    .hasMessageContaining("[client=C-ACME]");
            assertThatThrownBy(() -> ScopedPolicy.of(file("approval.auto-approve-limit.EUR[model=fixed_fee]=-1\n"), DraftPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("must not be negative")
                    .hasMessageContaining("[model=fixed_fee]");
            assertThatThrownBy(() -> ScopedPolicy.of(file("rule.RATE_MISSING.severity[client=C-ACME]=warn\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("RATE_MISSING cannot be downgraded");
            assertThatThrownBy(() -> ScopedPolicy.of(file("expense.receipt-required-above.euro[project=P-7]=25\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("ends in a currency code");
        }

        @Test
        void aKeyThatAppliesToTheWholeRunCannotBeScoped() {
            assertThatThrownBy(() -> ScopedPolicy.of(file("cutoff.time[country=DE]=17:00\n"), ValidationPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("cutoff.time[country=DE]")
                    .hasMessageContaining("cannot be scoped, it applies to the whole run");
        }

        @Test
        void aReviewerPerReasonIsOneForTheWholeRun() {
            assertThatThrownBy(() -> ScopedPolicy.of(file("approval.route.WRITE_DOWN[client=C-ACME]=finance\n"), DraftPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("approval.route.WRITE_DOWN[client=C-ACME]")
                    .hasMessageContaining("cannot be scoped");
        }

        @Test
        void approvalKeysAreNotScopedByProjectBecauseADraftCoversAWholeContract() {
            assertThatThrownBy(() -> ScopedPolicy.of(file("approval.auto-approve-limit.EUR[project=P-7]=1000\n"), DraftPolicy::from))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("approval.auto-approve-limit.EUR[project=P-7]")
                    .hasMessageContaining("a draft covers a whole contract");
        }

        @Test
        void aScopeValueTheMasterDataDoesNotKnowIsNamedWithTheKnownOnes() {
            PolicyScopes scopes = NorthwindScopes.northwind();

            assertThatThrownBy(() -> ScopedPolicy.requireKnownScopes(file("rule.TIME_UNAPPROVED.severity[client=C-ACNE]=warn\n"), scopes::known))
                    .isInstanceOf(PolicyException.class)
                    .hasMessage("policy.properties: rule.TIME_UNAPPROVED.severity[client=C-ACNE] names no client 'C-ACNE' of the master data "
                            + "(known clients: C-ACME, C-BAUER, C-HUDSON)");
            assertThatThrownBy(() -> ScopedPolicy.requireKnownScopes(file("time.max-hours-per-day[country=FR]=10\n"), scopes::known))
                    .hasMessageContaining("names no country 'FR'").hasMessageContaining("known countries: DE, US");
            assertThatThrownBy(() -> ScopedPolicy.requireKnownScopes(file("time.max-hours-per-day[model=hourly]=10\n"), scopes::known))
                    .hasMessageContaining("names no model 'hourly'").hasMessageContaining("fixed_fee");
            assertThatThrownBy(() -> ScopedPolicy.requireKnownScopes(file("time.max-hours-per-day[project=P-7]=10\n"), scopes::known))
                    .hasMessageContaining("names no project 'P-7'");
            assertThatThrownBy(() -> ScopedPolicy.requireKnownScopes(file("time.max-hours-per-day[contract=K-7]=10\n"), scopes::known))
                    .hasMessageContaining("names no contract 'K-7'");
        }

        @Test
        void scopeValuesTheMasterDataKnowsPass() {
            ScopedPolicy.requireKnownScopes(file("""
                    rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn
                    time.max-hours-per-day[country=DE]=10
                    approval.auto-approve-limit.EUR[model=fixed_fee]=100000
                    expense.receipt-required-above.EUR[project=P-ACME-ERP]=25
                    approval.write-down-threshold-pct[contract=K-BAUER-1]=5
                    """), NorthwindScopes.northwind()::known);
        }
    }

}
