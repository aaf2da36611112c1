package org.billrun.assist.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RiskModelTests {

    private static RiskModel model;

    @BeforeAll
    static void trainOnSyntheticHistory() {
        SyntheticDisputeHistory.Generated generated = SyntheticDisputeHistory.generate(
                new SyntheticDisputeHistory.Settings(150, YearMonth.of(2025, 1), 18, 7));
        model = RiskModel.train(RiskTraining.examples(generated.histories(), YearMonth.of(2025, 1), YearMonth.of(2026, 6)));
    }

    @Test
    void theFactorsAddUpToTheScore() {
        RiskScore score = model.score(RiskFeaturesTests.hudson(), new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("111092.09"), 12, 3));

        double logOdds = score.baselineLogOdds() + score.factors().stream().mapToDouble(RiskFactor::contribution).sum();
        assertThat(score.probability()).isCloseTo(1 / (1 + Math.exp(-logOdds)), offset(1e-12));
        assertThat(score.factors()).hasSize(RiskFeature.values().length);
        assertThat(score.factors()).isSortedAccordingTo((a, b) -> Double.compare(Math.abs(b.contribution()), Math.abs(a.contribution())));
    }

    @Test
    void aClientThatDisputesAndADraftThatSpikesScoreAboveAQuietClient() {
        DraftFacts spike = new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("111092.09"), 12, 3);
        ClientHistory quiet = new ClientHistory("C-QUIET", "USD", RiskFeaturesTests.hudson().invoices().stream()
                .map(i -> new PastInvoice(i.period(), i.amount(), i.lines(), 0, false, BigDecimal.ZERO, BigDecimal.ZERO, 29)).toList());
        DraftFacts usual = new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("24000.00"), 12, 0);

        RiskScore risky = model.score(RiskFeaturesTests.hudson(), spike);
        RiskScore calm = model.score(quiet, usual);

        assertThat(risky.probability()).isGreaterThan(0.5).isGreaterThan(calm.probability());
        assertThat(calm.probability()).isLessThan(0.2);
        assertThat(risky.top(3)).extracting(RiskFactor::contribution).allSatisfy(c -> assertThat(c).isPositive());
    }

    @Test
    void aFactorReadsAsASentenceWithItsContribution() {
        RiskScore score = model.score(RiskFeaturesTests.hudson(), new DraftFacts(YearMonth.of(2026, 10), new BigDecimal("111092.09"), 12, 3));

        List<String> top = score.top(9).stream().map(RiskFactor::toString).toList();

        assertThat(top).anySatisfy(t -> assertThat(t).matches("3 of 12 lines of the draft have no evidence \\(\\+\\d\\.\\d\\d\\)"));
        assertThat(top).anySatisfy(t -> assertThat(t).matches("3 of the last 6 invoices were disputed \\([+-]\\d\\.\\d\\d\\)"));
        assertThat(score.explanation(2)).startsWith("dispute risk 0.").contains("; ");
    }

    @Test
    void trainingTwiceOnTheSameHistoryGivesTheSameModel() {
        SyntheticDisputeHistory.Generated generated = SyntheticDisputeHistory.generate(
                new SyntheticDisputeHistory.Settings(150, YearMonth.of(2025, 1), 18, 7));
        RiskModel again = RiskModel.train(RiskTraining.examples(generated.histories(), YearMonth.of(2025, 1), YearMonth.of(2026, 6)));

        assertThat(again.weights()).isEqualTo(model.weights());
        assertThat(again.intercept()).isEqualTo(model.intercept());
    }
}
