package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.run.RunSummary;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.validate.ValidationQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each run's counts cover its own period (issue 12, bug 4): a nightly run of 2026-12 over the folder
 * October was run from counted October's rejected rows as December's in its record table. The files
 * are identical to the ones October loaded, so December does not read them: none of their rows, and
 * none of their rejections, are December's. The sample firm's time_entries.csv has 6 rejected rows
 * and expenses.csv 2.
 */
@BillrunIntegrationTest
class RejectionsOfAnotherPeriodIntegrationTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    RunQueries runQueries;

    @Autowired
    RunReportQueries reports;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    private long run(YearMonth period) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(period, "all", NORTHWIND, Stage.VALIDATE, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    private static long rejected(RunReport report, String kind) {
        return report.records().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow().rejected();
    }

    @Test
    void aRunOfDecemberOverOctobersFilesCountsNoneOfOctobersRejectedRows() throws Exception {
        long october = run(YearMonth.of(2026, 10));
        long december = run(YearMonth.of(2026, 12));

        RunReport decemberReport = reports.build(december);
        assertThat(rejected(decemberReport, "time_entry")).isZero();
        assertThat(rejected(decemberReport, "expense")).isZero();
        assertThat(decemberReport.sources()).allMatch(RunReport.Source::balanced);
        RunSummary decemberSummary = runQueries.summary(december, 20).orElseThrow();
        assertThat(decemberSummary.rejectedRows()).isZero();
        assertThat(decemberSummary.validation().states()).extracting(ValidationQueries.States::rejected).containsOnly(0L);

        RunReport octoberReport = reports.build(october);
        assertThat(rejected(octoberReport, "time_entry")).isEqualTo(6);
        assertThat(rejected(octoberReport, "expense")).isEqualTo(2);
        assertThat(octoberReport.sources()).allMatch(RunReport.Source::balanced);
    }

    @Test
    void aSecondRunOfTheSamePeriodOverTheSameFilesStillCountsTheirRejectedRows() throws Exception {
        run(YearMonth.of(2026, 10));
        long again = run(YearMonth.of(2026, 10));

        RunReport report = reports.build(again);
        assertThat(rejected(report, "time_entry")).isEqualTo(6);
        assertThat(rejected(report, "expense")).isEqualTo(2);
        assertThat(runQueries.summary(again, 20).orElseThrow().validation().states())
                .extracting(ValidationQueries.States::rejected).containsExactly(6L, 2L, 0L);
    }

    @Test
    void aThirdRunOverUnchangedFilesCountsTheRejectedRowsOfTheLoadThatReadThem() throws Exception {
        long first = run(YearMonth.of(2026, 10));
        run(YearMonth.of(2026, 10));
        long third = run(YearMonth.of(2026, 10));

        RunReport report = reports.build(third);
        assertThat(rejected(report, "time_entry")).isEqualTo(6);
        assertThat(rejected(report, "expense")).isEqualTo(2);
        RunReport.Source timeEntries = report.sources().stream().filter(s -> s.file().equals("time_entries.csv")).findFirst().orElseThrow();
        assertThat(timeEntries.sameAsRun()).as("the run that read the file, not the one before that read nothing").isEqualTo(first);
        assertThat(timeEntries.rowsRead()).isEqualTo(1696);
        assertThat(timeEntries.rowsRejected()).isEqualTo(6);
        assertThat(timeEntries.balanced()).isTrue();
    }
}
