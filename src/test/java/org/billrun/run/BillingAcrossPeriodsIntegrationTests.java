package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.draft.DraftService;
import org.billrun.infra.Stage;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A milestone, like a time entry, bills once across all periods (issue 12, bug 1): the sample firm's
 * October run bills M-VANDAM-07 (accepted 2026-10-22), and the November and December runs that follow,
 * on the same milestones.csv, must see it as billed and draft it again nowhere.
 */
@BillrunIntegrationTest
class BillingAcrossPeriodsIntegrationTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DraftService drafting;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    private long run(String period) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.parse(period), "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    /** Each milestone on a live draft, with the periods of the live drafts that bill it. */
    private List<String> liveMilestones() {
        return jdbc.sql("""
                SELECT s.record_key || ' ' || string_agg(d.period, ',' ORDER BY d.period)
                FROM draft_line_source s JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                WHERE s.record_kind = 'milestone' AND d.status = 'live'
                GROUP BY s.record_key ORDER BY s.record_key""")
                .query(String.class).list();
    }

    @Test
    void aMilestoneBilledInOctoberIsDraftedAgainInNoLaterPeriod() throws Exception {
        run("2026-10");
        List<String> afterOctober = liveMilestones();
        assertThat(afterOctober).as("October bills the milestones accepted in October with their evidence")
                .contains("M-VANDAM-07 2026-10", "M-CASCADE-07 2026-10");

        run("2026-11");
        long december = run("2026-12");

        assertThat(liveMilestones()).as("every milestone on the live drafts of exactly one period, October's")
                .containsExactlyElementsOf(afterOctober);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'milestone' AND record_key = 'M-VANDAM-07'""")
                .param(december).query(Long.class).single())
                .as("December does not count October's milestone among its own records").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM draft_invoice d WHERE d.period IN ('2026-11', '2026-12') AND d.status = 'live'
                  AND EXISTS (SELECT 1 FROM draft_line l WHERE l.run_id = d.run_id AND l.draft_id = d.draft_id AND l.line_type = 'milestone')""")
                .query(Long.class).single())
                .as("no November or December draft has a milestone line").isZero();
    }

    @Test
    void aRunOfAnOctoberMilestoneAgainAfterALaterPeriodDraftedNothingTwice() throws Exception {
        run("2026-10");
        run("2026-12");
        run("2026-10");

        assertThat(liveMilestones()).as("October's second run supersedes its first; December still bills none of them")
                .contains("M-VANDAM-07 2026-10", "M-CASCADE-07 2026-10")
                .allSatisfy(row -> assertThat(row).endsWith(" 2026-10"));
    }

    @Test
    void aMilestoneAnotherPeriodDraftedBetweenARunsValidationAndItsDraftIsNotDraftedTwice() throws Exception {
        RunOutcome october = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", NORTHWIND, Stage.VALIDATE, null, null, null));
        run("2026-12"); // October has no drafts yet, so December bills the milestones accepted in October

        transactions.executeWithoutResult(status -> {
            try {
                drafting.draft(october.runId(), "all");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(liveMilestones()).as("October's drafting asks again which milestones other periods bill")
                .contains("M-VANDAM-07 2026-12", "M-CASCADE-07 2026-12")
                .allSatisfy(row -> assertThat(row).endsWith(" 2026-12"));
    }
}
