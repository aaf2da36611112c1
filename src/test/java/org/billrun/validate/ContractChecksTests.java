package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.OCTOBER;
import static org.billrun.validate.Fixtures.contractHistory;
import static org.billrun.validate.Fixtures.dec;
import static org.billrun.validate.Fixtures.oct;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Milestone;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;
import org.billrun.billing.TrailingHours;
import org.billrun.validate.ContractChecks.ConsultantHours;
import org.billrun.validate.ContractChecks.PeriodValue;
import org.junit.jupiter.api.Test;

/** The contract and consultant checks with a passing and a failing case each, on Northwind's V12, V13, V20 and V21. */
class ContractChecksTests {

    private static ContractChecks checks(Fixtures.Firm firm) {
        return new ContractChecks(OCTOBER, Fixtures.policy(), firm.master());
    }

    /** The hours-above-norm check of one consultant, with the firm's history rows per consultant handed over as the step does. */
    private static List<Finding> hoursAboveNorm(Fixtures.Firm firm, ConsultantHours hours) {
        ContractChecks checks = checks(firm);
        TrailingHours trailing = checks.trailingHours();
        firm.master().history().forEach(trailing::add);
        return checks.hoursAboveNorm(List.of(hours), trailing);
    }

    private static Milestone cascade07() {
        return Fixtures.milestone("M-CASCADE-07", "K-CASCADE-1", "Validation protocols (IQ/OQ/PQ) approved", "50000.00", "USD", "accepted",
                oct(27), "Email <20261027.QA-118@cascadebio.example> from VP Quality", true, 17);
    }

    private static Milestone cascade08() {
        return Fixtures.milestone("M-CASCADE-08", "K-CASCADE-1", "Submission readiness review", "20000.00", "USD", "accepted", oct(30), "",
                true, 18);
    }

    private static PeriodValue time(String amount) {
        return new PeriodValue(dec(amount), BigDecimal.ZERO);
    }

    // ---------------------------------------------------------------- milestones

    @Test
    void anAcceptedMilestoneWithAnAcceptanceReferenceBillsWithoutFinding() {
        List<ValidatedRecord> records = checks(Fixtures.firm().with(cascade07())).milestones(Set.of());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.findings()).isEmpty();
            assertThat(r.amount()).isEqualByComparingTo("50000.00");
            assertThat(r.currency()).isEqualTo("USD");
            assertThat(r.contractId()).isEqualTo("K-CASCADE-1");
        });
    }

    @Test
    void anAcceptedMilestoneWithoutAcceptanceReferenceIsHeldWithItsAmount() {
        List<ValidatedRecord> records = checks(Fixtures.firm().with(cascade07(), cascade08())).milestones(Set.of());

        assertThat(records).hasSize(2);
        assertThat(records.get(1).findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.MILESTONE_NO_EVIDENCE);
            assertThat(f.message()).isEqualTo(
                    "milestone M-CASCADE-08 (Submission readiness review, USD 20,000.00) is marked billable but it has no acceptance reference");
            assertThat(f.amount()).isEqualByComparingTo("20000.00");
            assertThat(f.blocks()).isTrue();
        });
    }

    @Test
    void aBillableMilestoneThatIsOnlyPlannedIsHeldNamingItsStatus() {
        Milestone planned = Fixtures.milestone("M-VANDAM-08", "K-VANDAM-1", "Implementation plan and cutover strategy", "50000.00", "EUR",
                "planned", null, null, true, 9);

        assertThat(checks(Fixtures.firm().with(planned)).milestones(Set.of())).singleElement()
                .satisfies(r -> assertThat(r.findings()).singleElement().extracting(Finding::message).asString()
                        .endsWith("is marked billable but its status is planned, not accepted"));
    }

    @Test
    void billedAndNonBillableMilestonesAreNoRecordsOfThePeriod() {
        Milestone billed = Fixtures.milestone("M-CASCADE-06", "K-CASCADE-1", "Traceability matrix and risk assessment", "50000.00", "USD",
                "billed", LocalDate.of(2026, 9, 29), "DocuSign envelope CB-4106", true, 16);
        Milestone planned = Fixtures.milestone("M-CASCADE-09", "K-CASCADE-1", "Validation summary report", "45000.00", "USD", "planned", null,
                null, false, 19);

        assertThat(checks(Fixtures.firm().with(billed, planned)).milestones(Set.of())).isEmpty();
    }

    @Test
    void aMilestoneAnotherPeriodBillsIsNoRecordOfThePeriodThoughThePsaStillSaysAccepted() {
        List<ValidatedRecord> records = checks(Fixtures.firm().with(cascade07(), cascade08())).milestones(Set.of("M-CASCADE-07"));

        assertThat(records).singleElement().extracting(r -> r.record().key()).isEqualTo("M-CASCADE-08");
    }

    // ---------------------------------------------------------------- caps

    @Test
    void aNotToExceedContractWithItsCapHasNoCapMissingFinding() {
        assertThat(checks(Fixtures.firm()).caps(Map.of())).isEmpty();
    }

    @Test
    void aNotToExceedContractWithoutCapIsHeldForFinance() {
        var firm = Fixtures.firm().with(Fixtures.contract("K-LONESTAR-1", "C-LONESTAR", "US01", BillingModel.NOT_TO_EXCEED, "USD",
                LocalDate.of(2026, 1, 1), null, null, null, null, 14));
        var checks = new ContractChecks(OCTOBER, Fixtures.policyWithFinanceOwner("finance-ar@northwind.example"), firm.master());

        assertThat(checks.caps(Map.of())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.CONTRACT_CAP_MISSING);
            assertThat(f.message()).isEqualTo("not-to-exceed contract K-LONESTAR-1 has no cap_amount");
            assertThat(f.ownerId()).isEqualTo("finance-ar@northwind.example");
        });
    }

    @Test
    void billingWithinTheCapIncludingEarlierMonthsPasses() {
        var firm = Fixtures.firm().with(contractHistory("K-LONESTAR-1", "2026-08", "520.00", "300000.00", "USD"),
                contractHistory("K-LONESTAR-1", "2026-09", "540.00", "310000.00", "USD"));

        assertThat(checks(firm).caps(Map.of("K-LONESTAR-1", new PeriodValue(dec("38000.00"), dec("2000.00"))))).isEmpty();
    }

    @Test
    void expensesAreBilledOutsideTheCap() {
        assertThat(checks(Fixtures.firm()).caps(Map.of("K-KESTREL-1", new PeriodValue(dec("64000.00"), dec("3000.00"))))).isEmpty();
    }

    @Test
    void kestrelAboveItsCapIsHeldWithCapBilledSoFarThisPeriodAndTheExcess() {
        var findings = checks(Fixtures.firm()).caps(Map.of("K-KESTREL-1", new PeriodValue(dec("76610.00"), dec("0"))));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.CAP_EXCEEDED);
            assertThat(f.message()).isEqualTo("cap GBP 65,000.00: billed before 2026-10 GBP 0.00 + time this period GBP 76,610.00 = GBP 76,610.00;"
                    + " GBP 11,610.00 above the cap is held for a write-down decision");
            assertThat(f.amount()).isEqualByComparingTo("11610.00");
            assertThat(f.currency()).isEqualTo("GBP");
            assertThat(f.ownerId()).isEqualTo("E-103");
        });
    }

    @Test
    void earlierBillingCountsTowardsTheCap() {
        var firm = Fixtures.firm().with(contractHistory("K-LONESTAR-1", "2026-09", "1100.00", "640000.00", "USD"));

        assertThat(checks(firm).caps(Map.of("K-LONESTAR-1", time("15000.00")))).singleElement()
                .extracting(Finding::message).asString()
                .contains("billed before 2026-10 USD 640,000.00 + time this period USD 15,000.00 = USD 655,000.00; USD 5,000.00 above the cap");
    }

    // ---------------------------------------------------------------- spikes

    @Test
    void aMonthInLineWithItsHistoryIsNoSpike() {
        var firm = Fixtures.firm().withHistory(Fixtures.hudsonHistory());

        assertThat(checks(firm).spikes(Map.of("K-HUDSON-1", time("27950.00")), Map.of())).isEmpty();
    }

    @Test
    void hudsonAtFourAndAHalfTimesItsMedianIsASpikeWarningThatExplainsTheNumbers() {
        var firm = Fixtures.firm().withHistory(Fixtures.hudsonHistory());

        var findings = checks(firm).spikes(Map.of("K-HUDSON-1", time("107461.00")), Map.of());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.BILLING_SPIKE);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).startsWith("USD 107,461.00 this period is 4.5x the median of the last 6 months (USD 23,910.02; MAD USD 1,137.51, robust z ");
            assertThat(f.amount()).isEqualByComparingTo("107461.00");
        });
    }

    @Test
    void aContractWithLessHistoryThanThePolicyMinimumIsNotJudged() {
        var firm = Fixtures.firm().with(contractHistory("K-HUDSON-1", "2026-08", "139.75", "24936.01", "USD"),
                contractHistory("K-HUDSON-1", "2026-09", "136.00", "24266.88", "USD"));

        assertThat(checks(firm).spikes(Map.of("K-HUDSON-1", time("107461.00")), Map.of())).isEmpty();
    }

    @Test
    void aFixedFeeContractIsJudgedOnItsMilestonesThisPeriod() {
        var firm = Fixtures.firm().with(contractHistory("K-CASCADE-1", "2026-07", "0", "45000.00", "USD"),
                contractHistory("K-CASCADE-1", "2026-08", "0", "45000.00", "USD"),
                contractHistory("K-CASCADE-1", "2026-09", "0", "50000.00", "USD"));

        assertThat(checks(firm).spikes(Map.of("K-CASCADE-1", time("400000.00")), Map.of("K-CASCADE-1", dec("70000.00")))).isEmpty();
        assertThat(checks(firm).spikes(Map.of(), Map.of("K-CASCADE-1", dec("140000.00")))).singleElement()
                .extracting(Finding::message).asString().startsWith("USD 140,000.00 this period is 3.1x the median of the last 3 months");
    }

    @Test
    void aSwitchedOffSpikeCheckFindsNothing() {
        var firm = Fixtures.firm().withHistory(Fixtures.hudsonHistory());
        var checks = new ContractChecks(OCTOBER, Fixtures.policyWith(Map.of(), Set.of(RuleCode.BILLING_SPIKE)), firm.master());

        assertThat(checks.spikes(Map.of("K-HUDSON-1", time("107461.00")), Map.of())).isEmpty();
    }

    // ---------------------------------------------------------------- hours above norm

    @Test
    void hoursCloseToTheirHistoryAreNotAboveTheNorm() {
        var firm = Fixtures.firm().withHistory(Fixtures.e109History());

        assertThat(hoursAboveNorm(firm, new ConsultantHours("E-109", dec("160.00"), "P-KESTREL-POS"))).isEmpty();
    }

    @Test
    void hoursFarAboveTheirHistoryButWithinTheStandardHoursAreNotAboveTheNorm() {
        var firm = Fixtures.firm().with(
                Fixtures.consultantHistory("K-HARBOUR-1", "E-109", "2026-07", "40.00", "5200.00", "GBP"),
                Fixtures.consultantHistory("K-HARBOUR-1", "E-109", "2026-08", "42.00", "5460.00", "GBP"),
                Fixtures.consultantHistory("K-HARBOUR-1", "E-109", "2026-09", "38.00", "4940.00", "GBP"));

        assertThat(hoursAboveNorm(firm, new ConsultantHours("E-109", dec("164.00"), "P-KESTREL-POS"))).isEmpty();
    }

    @Test
    void hamishDrummondsOctoberHoursAreAboveTheNormWithHistoryAndStandardHoursExplained() {
        var firm = Fixtures.firm().withHistory(Fixtures.e109History());

        var findings = hoursAboveNorm(firm, new ConsultantHours("E-109", dec("284.00"), "P-KESTREL-POS"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCode.HOURS_ABOVE_NORM);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).isEqualTo("Hamish Drummond (E-109) has 284.00 h billable in 2026-10: 2.3x the median of the last 6 months"
                    + " (121.13 h; MAD 1.75 h, robust z 62.8) and above the norm of 165.00 h (7.5 h x 22 working days)");
            assertThat(f.ownerId()).isEqualTo("E-103");
            assertThat(f.record().key()).isEqualTo("E-109");
        });
    }

    @Test
    void onlyHoursAboveTheStandardHoursAndFarAboveTheirMonthsAreFarAboveTheirNumbers() {
        var firm = Fixtures.firm().withHistory(Fixtures.e109History());
        ContractChecks checks = checks(firm);
        TrailingHours trailing = checks.trailingHours();
        firm.master().history().forEach(trailing::add);

        assertThat(checks.farAboveTheirNumbers("E-109", dec("284.00"), trailing)).isTrue();
        // far above the months (about 121 h), but within the norm of 165.00 h
        assertThat(checks.farAboveTheirNumbers("E-109", dec("164.00"), trailing)).isFalse();
        assertThat(checks.farAboveTheirNumbers("E-109", dec("160.00"), trailing)).isFalse();
        // no months: no norm to be far above
        assertThat(checks.farAboveTheirNumbers("E-004", dec("284.00"), trailing)).isFalse();
        assertThat(checks.farAboveTheirNumbers("E-999", dec("284.00"), trailing)).as("unknown consultant").isFalse();
    }

    @Test
    void hoursOfSeveralContractsInOneMonthAreAddedUpBeforeTheComparison() {
        // 60 + 61.5 = 121.5 h a month over two contracts: 284 h is still 2.3x, while each contract alone would make it 4.7x
        var firm = Fixtures.firm();
        for (String month : List.of("2026-07", "2026-08", "2026-09")) {
            firm.with(Fixtures.consultantHistory("K-HARBOUR-1", "E-109", month, "60.00", "7800.00", "GBP"),
                    Fixtures.consultantHistory("K-KESTREL-1", "E-109", month, "61.50", "8302.50", "GBP"));
        }

        assertThat(hoursAboveNorm(firm, new ConsultantHours("E-109", dec("284.00"), "P-KESTREL-POS"))).singleElement()
                .extracting(Finding::message).asString().contains("2.3x the median of the last 3 months (121.50 h; MAD 0.00 h, no variation before)");
    }
}
