package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.billrun.infra.RunParameters;
import org.billrun.infra.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class RunParametersTests {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @Test
    void aNightlyRunDuringThePeriodCountsMissingTimeUpToYesterday() {
        assertThat(RunParameters.defaultAsOf(NOVEMBER, LocalDate.of(2026, 11, 27))).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void aRunAfterThePeriodCountsTheWholePeriod() {
        assertThat(RunParameters.defaultAsOf(NOVEMBER, LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(RunParameters.defaultAsOf(NOVEMBER, LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aRunOnTheFirstDayOfThePeriodHasNoWorkingDayBehindIt() {
        assertThat(RunParameters.defaultAsOf(NOVEMBER, LocalDate.of(2026, 11, 1))).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(RunParameters.defaultAsOf(NOVEMBER, LocalDate.of(2026, 10, 20))).isEqualTo(LocalDate.of(2026, 10, 31));
    }

    @Test
    void policyAndAsOfSurviveTheJobParametersSoARestartAppliesTheSame() {
        RunParameters run = new RunParameters(NOVEMBER, "all", 3, "/exports/2026-11", Stage.VALIDATE, "nightly-validation",
                "/etc/billrun/policy.properties", LocalDate.of(2026, 11, 26));

        assertThat(RunParameters.from(run.toJobParameters())).isEqualTo(run);
    }

    @Test
    void aRunStartedBeforeValidationExistedReadsAsOfAsThePeriodEnd() {
        var parameters = new JobParametersBuilder().addString("period", "2026-10").addString("scope", "all").addLong("run", 1L)
                .addString("input", "/in", false).addString("until", "ingest", false).addString("definition", "", false)
                .toJobParameters();

        RunParameters run = RunParameters.from(parameters);

        assertThat(run.asOf()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(run.policyFile()).isNull();
        assertThat(Stage.last()).isEqualTo(Stage.REPORT);
    }
}
