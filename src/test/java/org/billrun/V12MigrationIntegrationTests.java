package org.billrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.billrun.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V12 on a database that runs of several scopes left with copies of one exception (issue 12,
 * bug 3): one row per period, record and rule is kept (a waived one first, else the one seen last), it
 * spans the runs of all its copies, every removed copy is in the audit log, and the key has no scope.
 * And on sources that were not read and named another such source (bug 4): they name the load read.
 */
class V12MigrationIntegrationTests {

    private Flyway flyway;
    private JdbcClient jdbc;

    @BeforeEach
    void databaseAtV11WithCopiesAcrossScopes() {
        String url = TestDatabase.createDatabase("v12_migration");
        flyway = Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load();
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").target("11").load().migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
        for (String[] run : List.of(new String[] {"1", "all"}, new String[] {"2", "XX01"}, new String[] {"3", "DE01"})) {
            long id = Long.parseLong(run[0]);
            jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, 'billingRun', ?)")
                    .params(id, "key" + id).update();
            jdbc.sql("""
                    INSERT INTO billing_run (run_id, period, scope, run_number, input_dir, until_stage, preparer)
                    VALUES (?, '2026-10', ?, 1, '/in', 'report', 'finance')""").params(id, run[1]).update();
        }
    }

    private long exception(String scope, String rule, long recordRowId, String status, long raisedBy, long lastSeen) {
        return jdbc.sql("""
                INSERT INTO validation_exception (period, scope, rule_code, severity, owner_role, record_kind, record_row_id, record_key,
                                                  message, status, raised_by_run_id, last_seen_run_id, status_changed_at,
                                                  status_changed_by, status_reason)
                VALUES ('2026-10', ?, ?, 'block', 'finance', 'time_entry', ?, ?, 'a finding', ?, ?, ?,
                        CASE WHEN ? <> 'open' THEN now() END, CASE WHEN ? <> 'open' THEN 'Henrike Falkenberg' END,
                        CASE WHEN ? <> 'open' THEN 'client accepted it' END)
                RETURNING exception_id""")
                .params(scope, rule, recordRowId, "T-" + recordRowId, status, raisedBy, lastSeen, status, status, status)
                .query(Long.class).single();
    }

    private String row(long exceptionId) {
        return jdbc.sql("SELECT scope || ' ' || status || ' ' || raised_by_run_id || '-' || last_seen_run_id FROM validation_exception WHERE exception_id = ?")
                .param(exceptionId).query(String.class).optional().orElse("removed");
    }

    @Test
    void copiesAcrossScopesBecomeOneExceptionAWaiverFirstAndEveryRemovedCopyIsAudited() {
        long waived = exception("all", "TIME_PROJECT_CLOSED", 253, "waived", 1, 1);
        long reraisedUnknownScope = exception("XX01", "TIME_PROJECT_CLOSED", 253, "open", 2, 2);
        long reraisedGermany = exception("DE01", "TIME_PROJECT_CLOSED", 253, "open", 3, 3);
        long firstSeen = exception("all", "TIME_UNAPPROVED", 1580, "open", 1, 1);
        long seenLater = exception("XX01", "TIME_UNAPPROVED", 1580, "open", 2, 2);
        long alone = exception("all", "RATE_MISSING", 623, "open", 1, 1);

        flyway.migrate();

        assertThat(row(waived)).as("a waiver holds, across the runs of every copy").isEqualTo("all waived 1-3");
        assertThat(row(reraisedUnknownScope)).isEqualTo("removed");
        assertThat(row(reraisedGermany)).isEqualTo("removed");
        assertThat(row(seenLater)).as("without a waiver the copy seen last stays").isEqualTo("XX01 open 1-2");
        assertThat(row(firstSeen)).isEqualTo("removed");
        assertThat(row(alone)).isEqualTo("all open 1-1");
        assertThat(jdbc.sql("SELECT subject_id || ' ' || actor || ' ' || action FROM audit_log ORDER BY audit_id").query(String.class).list())
                .containsExactly(reraisedUnknownScope + " billrun migration V12 resolved", reraisedGermany + " billrun migration V12 resolved",
                        firstSeen + " billrun migration V12 resolved");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE subject_id = ?").param(reraisedUnknownScope).query(String.class).single())
                .startsWith("merged into exception " + waived + ", the same rule on the same record of period 2026-10")
                .contains("raised under scope XX01, status open, raised by run 2, last seen by run 2");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT hash, prev_hash, lag(hash, 1, repeat('0', 64)) OVER (ORDER BY audit_id) AS before,
                                             encode(sha256(convert_to(audit_log_payload(a), 'UTF8')), 'hex') AS recomputed
                                      FROM audit_log a) chain
                WHERE hash <> recomputed OR prev_hash <> before""").query(Long.class).single()).as("the audit chain holds").isZero();
    }

    @Test
    void afterTheMigrationARecordAndRuleHaveOneExceptionWhateverTheScope() {
        exception("all", "TIME_UNAPPROVED", 1580, "open", 1, 1);

        flyway.migrate();

        assertThatThrownBy(() -> exception("DE01", "TIME_UNAPPROVED", 1580, "open", 3, 3)).isInstanceOf(DuplicateKeyException.class);
    }

    private long source(long run, Long sameAs) {
        return jdbc.sql("""
                INSERT INTO source_file (run_id, kind, file_name, path, present, sha256, same_as_source_file_id, merged_at)
                VALUES (?, 'TIME_ENTRIES', 'time_entries.csv', '/in/time_entries.csv', true, 'abc', ?, now())
                RETURNING source_file_id""").params(run, sameAs).query(Long.class).single();
    }

    @Test
    void aSourceThatNamedAnotherSourceThatWasNotReadNamesTheLoadThatWas() {
        long read = source(1, null);
        long second = source(2, read);
        long third = source(3, second);

        flyway.migrate();

        assertThat(jdbc.sql("SELECT source_file_id || ' ' || coalesce(same_as_source_file_id::text, '-') FROM source_file ORDER BY 1")
                .query(String.class).list()).containsExactly(read + " -", second + " " + read, third + " " + read);
    }
}
