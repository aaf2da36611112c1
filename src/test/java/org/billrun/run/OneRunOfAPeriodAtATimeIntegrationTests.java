package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import javax.sql.DataSource;
import org.billrun.infra.AdvisoryLock;
import org.billrun.infra.Stage;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs of one period share its exceptions whatever their scope (one per record and rule), so a run for
 * one entity waits for a run of the period for all, and the other way round: they would settle each
 * other's exceptions. A run of another period is not held up.
 */
@BillrunIntegrationTest
class OneRunOfAPeriodAtATimeIntegrationTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    @Test
    void aRunOfOneEntityIsBusyWhileAnotherProcessRunsThePeriodForAll() throws Exception {
        try (AdvisoryLock runningForAll = AdvisoryLock.period(dataSource, "2026-10")) {
            assertThat(runningForAll).isNotNull();

            assertThatThrownBy(() -> runService.run(new RunRequest(YearMonth.of(2026, 10), "DE01", NORTHWIND, Stage.INGEST, null)))
                    .isInstanceOf(RunBusyException.class)
                    .hasMessageContaining("another billrun process is running period 2026-10");
            assertThat(new DatabaseState(jdbc).count("SELECT count(*) FROM billing_run")).isZero();

            RunOutcome november = runService.run(new RunRequest(YearMonth.of(2026, 11), "DE01", NORTHWIND, Stage.INGEST, null));
            assertThat(november.execution().getStatus().isUnsuccessful()).isFalse();
        }
    }
}
