package org.billrun.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.billrun.approval.ApprovalKpiQueries;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.infra.Stage;
import org.billrun.policy.RetentionPolicy;
import org.billrun.posting.PostService;
import org.billrun.posting.PostingQueries;
import org.billrun.report.ReportsFolder;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.ApproveEverything;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * billrun purge on the embedded database: the sample firm's month run twice (the second run after a changed time entry
 * and e-mail address, so a draft and loaded rows were superseded), approved and posted, then purged with a date after it.
 */
@BillrunIntegrationTest
class PurgeIntegrationTests {

    /** Every kind of data is past its retention as soon as it is older than the purge's date. */
    static final RetentionPolicy AT_ONCE = new RetentionPolicy(0, 0, 0, 10);

    /** Staging and reports kept for ten years, personal data past its retention at once. */
    static final RetentionPolicy PERSONAL_DATA_ONLY = new RetentionPolicy(3650, 3650, 0, 10);

    static final List<String> TABLES = List.of("validated_record", "missing_time", "time_entry", "consultant", "draft_invoice", "draft_line",
            "draft_line_source", "draft_tax", "draft_route_reason", "invoice_version", "invoice_version_line", "approval_task",
            "approval_action", "posting", "posting_ledger", "audit_log", "validation_exception", "source_file", "billing_run",
            "batch_job_instance", "batch_job_execution", "batch_job_execution_params", "batch_step_execution",
            "batch_step_execution_context", "batch_job_execution_context");

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries approvalQueries;

    @Autowired
    ApprovalKpiQueries kpis;

    @Autowired
    PostService post;

    @Autowired
    PostingQueries postings;

    @Autowired
    Purge purge;

    @Autowired
    AuditLog audit;

    @Autowired
    ReportsFolder reports;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path work;

    Path input;

    @BeforeEach
    void emptyDatabaseAndACopyOfTheSampleFirm() throws IOException {
        new DatabaseState(jdbc).reset();
        input = Files.createDirectories(work.resolve("northwind"));
        try (Stream<Path> files = Files.list(Path.of("sample-data/northwind"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, input.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void aPurgeAfterAPostedMonthRemovesItsStagingAndKeepsInvoicesPostingsLineageAndAnIntactAuditLog() throws Exception {
        long first = run(Stage.REPORT);
        replaceLine("time_entries.csv", "T-000009,", "2026-10-01,7.5,", "2026-10-01,6.5,");
        replaceLine("consultants.csv", "E-002,", "matthias.koehler@northwind.example", "m.koehler@northwind.example");
        long second = run(Stage.REPORT);
        assertThat(new ApproveEverything(approvals, approvalQueries, jdbc).approve(second)).isEmpty();
        assertThat(post.post(null, PostService.DEFAULT_LIMIT).failed()).isFalse();
        assertThat(count("SELECT count(*) FROM draft_invoice WHERE status = 'superseded' AND run_id = ?", first)).isPositive();
        assertThat(count("SELECT count(*) FROM time_entry WHERE record_status = 'superseded'")).isEqualTo(1);
        assertThat(reports.of(first)).isDirectory();
        assertThat(reports.of(second)).isDirectory();
        var postingsBefore = postings.postings(null, null);
        var kpisBefore = kpis.invoices("2026-10");
        List<String> lineageBefore = lineageOfLiveDrafts();
        long auditBefore = count("SELECT count(*) FROM audit_log");
        Map<String, Long> tablesBefore = tableCounts();

        Purge.Outcome personal = purge.purge(tomorrow(), PERSONAL_DATA_ONLY, "test", Instant.now(), false);

        assertThat(personal.rowsRemoved()).isZero();
        assertThat(personal.reportFolders()).isEmpty();
        assertThat(personal.pseudonymised()).contains(new Purge.Count("consultant", 2));
        assertThat(count("SELECT count(*) FROM consultant")).as("pseudonymised, not deleted").isEqualTo(tablesBefore.get("consultant"));
        assertThat(jdbc.sql("SELECT name || '|' || coalesce(email, '-') FROM consultant WHERE consultant_id = 'E-013'").query(String.class)
                .single()).as("a consultant who left").isEqualTo("pseudonymised E-013|-");
        assertThat(jdbc.sql("SELECT name FROM consultant WHERE consultant_id = 'E-002' ORDER BY id").query(String.class).list())
                .as("the old version pseudonymised, the current one kept").containsExactly("pseudonymised E-002", "Matthias Köhler");
        assertThat(jdbc.sql("SELECT name FROM current_consultant WHERE consultant_id = 'E-001'").query(String.class).single())
                .isEqualTo("Henrike Falkenberg");
        assertThat(audit.verify().intact()).isTrue();
        tablesBefore = tableCounts();
        auditBefore = count("SELECT count(*) FROM audit_log");

        Purge.Outcome dry = purge.purge(tomorrow(), AT_ONCE, "test", Instant.now(), true);

        assertThat(tableCounts()).as("a dry run changes nothing").isEqualTo(tablesBefore);
        assertThat(reports.of(first)).isDirectory();
        assertThat(dry.stagingRuns()).containsExactly(first, second);
        assertThat(dry.rowsRemoved()).isPositive();
        assertThat(dry.reportFolders()).containsExactly(reports.of(first).toString(), reports.of(second).toString());
        assertThat(dry.auditId()).isNull();

        Purge.Outcome done = purge.purge(tomorrow(), AT_ONCE, "test", Instant.now(), false);

        assertThat(done.removed()).as("the dry run counted what the purge removed").isEqualTo(dry.removed());
        assertThat(done.pseudonymised()).isEqualTo(dry.pseudonymised());
        assertThat(done.rowsPseudonymised()).as("pseudonymised by the purge before").isZero();
        Map<String, Long> removed = new LinkedHashMap<>();
        done.removed().forEach(c -> removed.put(c.table(), c.rows()));
        assertThat(removed.get("validated_record")).isEqualTo(tablesBefore.get("validated_record"));
        assertThat(removed.get("batch_step_execution")).isEqualTo(tablesBefore.get("batch_step_execution"));
        assertThat(removed.get("time_entry")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM validated_record")).isZero();
        assertThat(count("SELECT count(*) FROM missing_time")).isZero();
        assertThat(count("SELECT count(*) FROM batch_step_execution")).isZero();
        assertThat(count("SELECT count(*) FROM batch_step_execution_context")).isZero();
        assertThat(count("SELECT count(*) FROM draft_invoice WHERE status = 'superseded'")).isZero();
        assertThat(count("SELECT count(*) FROM time_entry WHERE record_status <> 'current'")).isZero();
        assertThat(reports.of(first)).doesNotExist();
        assertThat(reports.of(second)).doesNotExist();

        assertThat(postings.postings(null, null)).as("postings unchanged").isEqualTo(postingsBefore);
        assertThat(kpis.invoices("2026-10")).as("approval KPIs' invoices unchanged").isEqualTo(kpisBefore);
        assertThat(lineageOfLiveDrafts()).as("the lineage of the invoices").isEqualTo(lineageBefore);
        for (String kept : List.of("invoice_version", "invoice_version_line", "approval_action", "posting", "posting_ledger", "billing_run",
                "batch_job_instance", "batch_job_execution", "source_file", "validation_exception")) {
            assertThat(count("SELECT count(*) FROM " + kept)).as(kept).isEqualTo(tablesBefore.get(kept));
        }
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditBefore + 1);
        assertThat(jdbc.sql("SELECT action || ' ' || subject_type || ' ' || detail FROM audit_log WHERE audit_id = ?").param(done.auditId())
                .query(String.class).single()).startsWith("purged purge before " + tomorrow()).contains("validated_record");
        assertThat(audit.verify().intact()).as("the purge's entry chains on").isTrue();

        assertThat(removed).as("master data versions stay: credits and later runs read them as of a run").doesNotContainKey("consultant");
        assertThat(count("SELECT count(*) FROM consultant")).isEqualTo(tablesBefore.get("consultant"));
        assertThat(jdbc.sql("SELECT name FROM consultant WHERE consultant_id = 'E-002' ORDER BY id").query(String.class).list())
                .containsExactly("pseudonymised E-002", "Matthias Köhler");

        Purge.Outcome again = purge.purge(tomorrow(), AT_ONCE, "test", Instant.now(), false);
        assertThat(again.rowsRemoved() + again.rowsPseudonymised()).as("a second purge finds nothing left").isZero();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aRunWithDraftsNotFinalIsKeptWholeAndListed() throws Exception {
        long runId = run(Stage.DRAFT);
        long records = count("SELECT count(*) FROM validated_record");
        long steps = count("SELECT count(*) FROM batch_step_execution");

        Purge.Outcome outcome = purge.purge(tomorrow(), AT_ONCE, "test", Instant.now(), false);

        assertThat(outcome.stagingRuns()).isEmpty();
        assertThat(outcome.kept()).singleElement().satisfies(k -> {
            assertThat(k.runId()).isEqualTo(runId);
            assertThat(k.draftsNotFinal()).isEqualTo(count("SELECT count(*) FROM draft_invoice WHERE status = 'live'"));
            assertThat(k.why()).contains("not final");
        });
        assertThat(count("SELECT count(*) FROM validated_record")).isEqualTo(records);
        assertThat(count("SELECT count(*) FROM batch_step_execution")).isEqualTo(steps);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void pastRetentionDecidedMilestoneEvidenceLosesItsSenderAndQuoteButKeepsTheDecisionAndTheFileHash() throws Exception {
        long runId = run(Stage.VALIDATE);
        long confirmed = evidence(runId, "accepts", "We accept milestone M-1. Regards, Jane Roe", "jane.roe@client.example", "confirmed");
        long noted = evidence(runId, "question", "Is M-1 done yet? Jane", "jane.roe@client.example", "noted");
        long undecided = evidence(runId, "accepts", "M-2 is accepted, thanks. Jane", "jane.roe@client.example", "proposed");
        String decisionBefore = decision(confirmed);

        Purge.Outcome dry = purge.purge(tomorrow(), PERSONAL_DATA_ONLY, "test", Instant.now(), true);
        assertThat(dry.pseudonymised()).contains(new Purge.Count("milestone_evidence", 2));
        assertThat(senderAndQuote(confirmed)).as("a dry run changes nothing")
                .isEqualTo("jane.roe@client.example|We accept milestone M-1. Regards, Jane Roe");

        Purge.Outcome done = purge.purge(tomorrow(), PERSONAL_DATA_ONLY, "test", Instant.now(), false);

        assertThat(done.pseudonymised()).contains(new Purge.Count("milestone_evidence", 2));
        assertThat(senderAndQuote(confirmed)).isEqualTo("pseudonymised|pseudonymised sha256:"
                + sha256Hex("We accept milestone M-1. Regards, Jane Roe"));
        assertThat(senderAndQuote(noted)).isEqualTo("pseudonymised|pseudonymised sha256:" + sha256Hex("Is M-1 done yet? Jane"));
        assertThat(decision(confirmed)).as("the decision, who made it, the file and its hash stay").isEqualTo(decisionBefore);
        assertThat(senderAndQuote(undecided)).as("a proposal nobody decided keeps what the person deciding it reads")
                .isEqualTo("jane.roe@client.example|M-2 is accepted, thanks. Jane");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE audit_id = ?").param(done.auditId()).query(String.class).single())
                .contains("milestone_evidence 2");
        assertThat(purge.purge(tomorrow(), PERSONAL_DATA_ONLY, "test", Instant.now(), false).pseudonymised())
                .as("a second purge finds nothing left").contains(new Purge.Count("milestone_evidence", 0));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void milestoneEvidenceARunStillReadsKeepsItsSenderWhateverItsAge() throws Exception {
        long runId = run(Stage.VALIDATE);
        long confirmed = evidence(runId, "accepts", "We accept milestone M-1.", "jane.roe@client.example", "confirmed");

        Purge.Outcome done = purge.purge(LocalDate.now(ZoneOffset.UTC).minusDays(1), PERSONAL_DATA_ONLY, "test", Instant.now(), false);

        assertThat(done.pseudonymised()).contains(new Purge.Count("milestone_evidence", 0));
        assertThat(senderAndQuote(confirmed)).isEqualTo("jane.roe@client.example|We accept milestone M-1.");
    }

    private long evidence(long runId, String kind, String quote, String sender, String state) {
        boolean decided = state.equals("confirmed") || state.equals("rejected");
        return jdbc.sql("""
                INSERT INTO milestone_evidence (milestone_id, contract_id, kind, file, file_sha256, quote, sender, confidence, why, state,
                    found_by_run_id, last_seen_run_id, decided_by, decided_at, decision_comment)
                VALUES ('M-1', 'C-1', ?, 'evidence/acceptance.eml', 'ab12', ?, ?, 0.9, 'the words that decided it', ?, ?, ?, ?, ?, ?)
                RETURNING evidence_id""")
                .params(kind, quote, sender, state, runId, runId, decided ? "E-003" : null,
                        decided ? java.sql.Timestamp.from(Instant.now()) : null, decided ? "signed off by the client" : null)
                .query(Long.class).single();
    }

    private String senderAndQuote(long evidenceId) {
        return jdbc.sql("SELECT coalesce(sender, '-') || '|' || quote FROM milestone_evidence WHERE evidence_id = ?").param(evidenceId)
                .query(String.class).single();
    }

    private String decision(long evidenceId) {
        return jdbc.sql("""
                SELECT concat_ws('|', milestone_id, kind, file, file_sha256, state, decided_by, decided_at, decision_comment, found_by_run_id)
                FROM milestone_evidence WHERE evidence_id = ?""").param(evidenceId).query(String.class).single();
    }

    private static String sha256Hex(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theDefaultRetentionKeepsARunOfToday() throws Exception {
        run(Stage.REPORT);
        Map<String, Long> before = tableCounts();

        Purge.Outcome outcome = purge.purge(tomorrow(), RetentionPolicy.defaults(), "(defaults)", Instant.now(), false);

        assertThat(outcome.stagingRuns()).isEmpty();
        assertThat(outcome.rowsRemoved() + outcome.rowsPseudonymised()).isZero();
        assertThat(outcome.cutoffs().staging()).isBefore(Instant.now().minusSeconds(89L * 86_400));
        Map<String, Long> after = tableCounts();
        after.computeIfPresent("audit_log", (t, n) -> n - 1);
        assertThat(after).as("only the purge's own audit entry").isEqualTo(before);
    }

    private long run(Stage until) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", input, until, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    private void replaceLine(String file, String startsWith, String from, String to) throws IOException {
        Path path = input.resolve(file);
        List<String> lines = Files.readAllLines(path);
        int changed = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(startsWith) && lines.get(i).contains(from)) {
                lines.set(i, lines.get(i).replace(from, to));
                changed++;
            }
        }
        assertThat(changed).as(file + " " + startsWith).isEqualTo(1);
        Files.write(path, lines);
    }

    private static LocalDate tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1);
    }

    private List<String> lineageOfLiveDrafts() {
        return jdbc.sql("""
                SELECT concat_ws('|', s.draft_id, s.line_no, s.record_kind, s.record_key, s.value) FROM draft_line_source s
                JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id WHERE d.status = 'live' ORDER BY 1""")
                .query(String.class).list();
    }

    private Map<String, Long> tableCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, count("SELECT count(*) FROM " + t)));
        counts.put("consultant names", count("SELECT count(*) FROM consultant WHERE name LIKE 'pseudonymised %'"));
        return counts;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
