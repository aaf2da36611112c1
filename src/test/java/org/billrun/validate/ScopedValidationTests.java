package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.time;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Expense;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.billing.TimeEntry;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScopes;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.junit.jupiter.api.Test;

/** Each record is validated under the policy of its own scope: its project, contract, client, model and country. */
class ScopedValidationTests {

    private static final Map<String, LegalEntity> ENTITIES = Map.of(
            "DE01", new LegalEntity("DE01", "Northwind Consulting GmbH", "DE", "EUR", "DE811111111", "Berlin", "NWDE"),
            "GB01", new LegalEntity("GB01", "Northwind Consulting Ltd", "GB", "GBP", "GB987654321", "London", "NWGB"),
            "US01", new LegalEntity("US01", "Northwind Consulting Inc.", "US", "USD", null, "New York", "NWUS"));

    private static RecordPolicies<ValidationPolicy> policies(MasterData master, String content) {
        PolicyFile file = PolicyFile.of("policy.properties", content);
        return new RecordPolicies<>(ScopedPolicy.of(file, ValidationPolicy::from), new PolicyScopes(master, ENTITIES));
    }

    private static List<Finding> validate(String policy, TimeEntry... entries) {
        MasterData master = Fixtures.master();
        TimeEntryContext plain = Fixtures.timeContext(master, Fixtures.policy(), entries);
        TimeEntryContext context = new TimeEntryContext(plain.period(), plain.cutoff(), plain.policy(), master, plain.dailyHours(),
                policies(master, policy));
        TimeEntryValidator validator = new TimeEntryValidator(context);
        return Arrays.stream(entries).flatMap(e -> validator.validate(e).findings().stream()).toList();
    }

    private static List<Finding> validate(String policy, Expense expense) {
        MasterData master = Fixtures.master();
        ExpenseContext plain = Fixtures.expenseContext(master, Fixtures.policy(), expense);
        ExpenseContext context = new ExpenseContext(plain.period(), plain.cutoff(), plain.policy(), master, plain.sameConsultant(),
                policies(master, policy));
        return new ExpenseValidator(context).validate(expense).findings();
    }

    private static List<Finding> of(RuleCode rule, List<Finding> findings) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    void aClientScopedSeverityAppliesToThatClientsTimeOnly() {
        String policy = "rule.TIME_UNAPPROVED.severity[client=C-KESTREL]=warn\n";
        TimeEntry kestrel = time().id("T-001580", 1583).by("E-104").on("P-KESTREL-POS", "TK-KESTREL-POS-3")
                .status(ApprovalStatus.SUBMITTED, null).build();
        TimeEntry hudson = time().id("T-001685", 1688).by("E-207").on("P-HUDSON-DD", "TK-HUDSON-DD-2")
                .status(ApprovalStatus.SUBMITTED, null).build();

        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, kestrel))).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, hudson))).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.BLOCK));
    }

    @Test
    void aRuleSwitchedOffForAProjectStillChecksEveryOtherProject() {
        String policy = "rule.TIME_UNAPPROVED.enabled[project=P-ACME-ERP]=false\n";

        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, time().status(ApprovalStatus.DRAFT, null).build()))).isEmpty();
        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, time().by("E-104").on("P-KESTREL-POS", "TK-KESTREL-POS-3")
                .status(ApprovalStatus.DRAFT, null).build()))).hasSize(1);
    }

    @Test
    void aRuleSwitchedOffGloballyCanBeSwitchedOnForOneClient() {
        String policy = "rule.TIME_UNAPPROVED.enabled=false\nrule.TIME_UNAPPROVED.enabled[client=C-KESTREL]=true\n";

        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, time().status(ApprovalStatus.DRAFT, null).build()))).isEmpty();
        assertThat(of(RuleCode.TIME_UNAPPROVED, validate(policy, time().by("E-104").on("P-KESTREL-POS", "TK-KESTREL-POS-3")
                .status(ApprovalStatus.DRAFT, null).build()))).hasSize(1);
    }

    @Test
    void theDailyMaximumOfTheBillingEntitysCountryApplies() {
        TimeEntry morning = time().id("T-1", 10).hours("6").build();
        TimeEntry afternoon = time().id("T-2", 11).hours("5").build();

        assertThat(of(RuleCode.TIME_DAILY_HOURS_EXCEEDED, validate("time.max-hours-per-day[country=DE]=10\n", morning, afternoon)))
                .hasSize(2).allSatisfy(f -> assertThat(f.message()).contains("the policy allows 10 h a day"));
        assertThat(of(RuleCode.TIME_DAILY_HOURS_EXCEEDED, validate("time.max-hours-per-day[country=GB]=10\n", morning, afternoon)))
                .as("P-ACME-ERP is billed by DE01").isEmpty();
        assertThat(of(RuleCode.TIME_DAILY_HOURS_EXCEEDED, validate("""
                time.max-hours-per-day[country=DE]=10
                time.max-hours-per-day[project=P-ACME-ERP]=11
                """, morning, afternoon))).as("the project's 11 beats the country's 10").isEmpty();
    }

    @Test
    void aProjectsReceiptThresholdReplacesTheCategorysInItsCurrency() {
        String policy = "expense.receipt-required-above.EUR[project=P-ACME-ERP]=50\n";
        Expense taxiOnAcme = expense().spent("taxi", "30.00", "EUR", "Taxi Paris").withoutReceipt().build();
        Expense taxiOnWisla = expense().on("P-WISLA-LOG").spent("taxi", "30.00", "EUR", "Taxi Poznan").withoutReceipt().build();
        Expense mileageOnAcme = expense().spent("mileage", "60.00", "EUR", "Own car").withoutReceipt().build();

        assertThat(of(RuleCode.EXPENSE_MISSING_RECEIPT, validate(policy, taxiOnAcme))).as("30 is under the project's 50").isEmpty();
        assertThat(of(RuleCode.EXPENSE_MISSING_RECEIPT, validate(policy, taxiOnWisla))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("needs one above EUR 20.00"));
        assertThat(of(RuleCode.EXPENSE_MISSING_RECEIPT, validate(policy, mileageOnAcme))).singleElement()
                .as("mileage has no threshold of its own; the project's applies")
                .satisfies(f -> assertThat(f.message()).contains("needs one above EUR 50.00 (policy key expense.receipt-required-above.EUR)"));
    }

    @Test
    void theFinanceOwnerOfACountryOwnsItsFinanceExceptions() {
        String policy = "owner.finance=finance@northwind.example\nowner.finance[country=GB]=finance-uk@northwind.example\n";

        assertThat(of(RuleCode.TIME_UNKNOWN_CONSULTANT, validate(policy, time().by("E-999").on("P-KESTREL-POS", "TK-KESTREL-POS-3").build())))
                .singleElement().satisfies(f -> assertThat(f.ownerId()).isEqualTo("finance-uk@northwind.example"));
        assertThat(of(RuleCode.TIME_UNKNOWN_CONSULTANT, validate(policy, time().by("E-999").build())))
                .singleElement().satisfies(f -> assertThat(f.ownerId()).isEqualTo("finance@northwind.example"));
    }

    @Test
    void contractChecksUseTheContractsScope() {
        MasterData master = Fixtures.firm().with(
                Fixtures.milestone("M-CASCADE-08", "K-CASCADE-1", "Validation report", "20000.00", "USD", "delivered", oct(20), null, true, 9),
                Fixtures.milestone("M-ACME-01", "K-ACME-1", "Design", "10000.00", "EUR", "delivered", oct(20), null, true, 10)).master();
        ContractChecks checks = new ContractChecks(Fixtures.OCTOBER, policies(master, "rule.MILESTONE_NO_EVIDENCE.severity[model=fixed_fee]=warn\n"),
                master);

        Map<String, Severity> severities = new HashMap<>();
        checks.milestones(Set.of()).forEach(r -> r.findings().forEach(f -> severities.put(r.record().key(), f.severity())));

        assertThat(severities).isEqualTo(Map.of("M-ACME-01", Severity.BLOCK, "M-CASCADE-08", Severity.WARN));
    }
}
