package org.billrun.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import org.billrun.audit.AuditQueries.Logged;
import org.billrun.audit.AuditQueries.Subject;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.validate.ExceptionQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What `billrun audit log` reads: the entries of the sample firm's run and a waiver, whole and by subject. */
@BillrunIntegrationTest
class AuditQueriesIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ExceptionQueue queue;

    @Autowired
    AuditQueries audit;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    @Test
    void aWaiverAppearsWithItsActorActionSubjectTimeAndHashAfterTheRaiseItAnswers() throws Exception {
        OffsetDateTime before = OffsetDateTime.now();
        long run = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).runId();
        long closedProject = jdbc.sql("SELECT exception_id FROM validation_exception WHERE rule_code = 'TIME_PROJECT_CLOSED' AND record_key = 'T-000253'")
                .query(Long.class).single();

        queue.waive(closedProject, "Henrike Falkenberg", "client accepted the late PMO work");
        List<Logged> entries = audit.list(Subject.parse("exception:" + closedProject));

        assertThat(entries).extracting(Logged::actor, Logged::action, Logged::subject, Logged::runId, Logged::detail).containsExactly(
                tuple("billrun", "raised", "exception:" + closedProject, run,
                        "TIME_PROJECT_CLOSED block: project P-ACME-PMO (PMO support (phase 1, completed)) is closed"),
                tuple("Henrike Falkenberg", "waived", "exception:" + closedProject, null,
                        "client accepted the late PMO work"));
        Logged waiver = entries.get(1);
        assertThat(waiver.at()).isAfterOrEqualTo(before.minusSeconds(1)).isAfterOrEqualTo(entries.get(0).at());
        assertThat(waiver.hash()).matches("[0-9a-f]{64}")
                .isEqualTo(jdbc.sql("SELECT hash FROM audit_log ORDER BY audit_id DESC LIMIT 1").query(String.class).single());
        assertThat(waiver.id()).isGreaterThan(entries.get(0).id());
    }

    @Test
    void theWholeLogIsInChainOrderAndASubjectTypeSelectsItsEntriesOnly() throws Exception {
        long run = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null)).runId();

        List<Logged> all = audit.list(Subject.ALL);
        List<Logged> runs = audit.list(Subject.parse("run"));

        // 37 raised exceptions, 3 milestone evidence proposals from the sample firm's e-mails, 1 drafts written
        assertThat(all).hasSize(41).extracting(Logged::id).isSorted();
        assertThat(runs).extracting(Logged::action, Logged::subject).containsExactly(tuple("drafts_written", "run:" + run));
        assertThat(audit.list(Subject.parse("exception"))).hasSize(37).allMatch(e -> e.action().equals("raised"));
        assertThat(audit.list(Subject.parse("milestone_evidence"))).hasSize(3).allMatch(e -> e.action().equals("evidence_proposed"));
        assertThat(audit.list(Subject.parse("exception:999999"))).isEmpty();
    }

    @Test
    void aSubjectWithoutANumericIdIsRefused() {
        assertThatThrownBy(() -> Subject.parse("exception:T-000253")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("--subject takes TYPE or TYPE:ID");
        assertThatThrownBy(() -> Subject.parse(":17")).isInstanceOf(RefusedException.class);
        assertThat(Subject.parse(" Exception:17 ")).isEqualTo(new Subject("exception", 17L));
    }
}
