package org.billrun.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.infra.AdvisoryLock;
import org.billrun.ingest.SourceKind;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.RetentionPolicy;
import org.billrun.report.ReportsFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * billrun purge (README, "Operations", "Retention"): removes the staging data of finished runs past the
 * retention policy and their reports folders, and pseudonymises consultants' names and e-mails and the senders and quotes
 * of decided milestone evidence past theirs,
 * in one transaction with an audit entry; invoices, postings, the lineage of every draft kept and the audit log
 * are never removed. A dry run does the same work in a transaction it rolls back, so its counts are the real ones,
 * and touches no folder.
 *
 * <p>A run's staging is purged only when its last attempt COMPLETED or was ABANDONED before the cut-off, no live
 * draft of it is still on its way (no review opened yet, in review, or approved and not posted), and no billrun
 * process runs its period now (the run command's advisory lock). Like the run orchestrator, it reads every stage's
 * tables: it is an operation on the whole database, not a stage.
 */
@Component
public class Purge {

    private static final Logger log = LoggerFactory.getLogger(Purge.class);

    /** Period records that lineage and exceptions refer to by row id. */
    private static final Set<String> PERIOD_RECORD_TABLES = Set.of("time_entry", "expense", "milestone");

    /** Rows removed from (or pseudonymised in) one table. */
    public record Count(String table, long rows) {}

    /** A finished run past the cut-off whose data is kept because drafts of it are still on their way. */
    public record KeptRun(long runId, String period, String scope, long draftsNotFinal, String why) {}

    /** What a purge removed, or a dry run would remove. */
    public record Outcome(LocalDate before, String policySource, RetentionPolicy policy, RetentionPolicy.Cutoffs cutoffs, boolean dryRun,
            List<Long> stagingRuns, List<Count> removed, List<String> reportFolders, List<Count> pseudonymised, List<KeptRun> kept,
            List<Count> pastLegalPeriod, Long auditId) {

        public long rowsRemoved() {
            return removed.stream().mapToLong(Count::rows).sum();
        }

        public long rowsPseudonymised() {
            return pseudonymised.stream().mapToLong(Count::rows).sum();
        }
    }

    private record Candidate(long runId, String period, String scope) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ReportsFolder reports;

    Purge(JdbcClient jdbc, PlatformTransactionManager transactions, AuditLog audit, ReportsFolder reports) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.reports = reports;
    }

    /** The policy the latest run applied (kept with it in run_policy), else the defaults. */
    public PolicyFile latestRunPolicy() {
        return jdbc.sql("SELECT run_id, source, content FROM run_policy ORDER BY run_id DESC LIMIT 1")
                .query((rs, i) -> PolicyFile.of(rs.getString(2) + " (as run " + rs.getLong(1) + " applied it)", rs.getString(3)))
                .optional().orElseGet(PolicyFile::defaults);
    }

    public Outcome purge(LocalDate before, RetentionPolicy policy, String policySource, Instant now, boolean dryRun) {
        RetentionPolicy.Cutoffs cutoffs = policy.cutoffs(before, now);
        Outcome outcome = tx.execute(status -> {
            Outcome o = inTransaction(before, policy, policySource, cutoffs, dryRun);
            if (dryRun) {
                status.setRollbackOnly();
            }
            return o;
        });
        if (!dryRun) {
            outcome.reportFolders().forEach(folder -> deleteFolder(Path.of(folder)));
        }
        return outcome;
    }

    private Outcome inTransaction(LocalDate before, RetentionPolicy policy, String policySource, RetentionPolicy.Cutoffs cutoffs,
            boolean dryRun) {
        jdbc.sql("CREATE TEMP TABLE purge_busy ON COMMIT DROP AS " + DRAFTS_NOT_FINAL).update();
        List<KeptRun> kept = new ArrayList<>();
        List<Long> staging = eligible(finishedBefore(cutoffs.staging()), kept);
        List<Long> reportRuns = eligible(finishedBefore(cutoffs.reports()), kept);
        List<KeptRun> keptOnce = kept.stream().filter(distinctBy(new TreeSet<>())).sorted(Comparator.comparingLong(KeptRun::runId)).toList();

        jdbc.sql("CREATE TEMP TABLE purge_run (run_id bigint PRIMARY KEY) ON COMMIT DROP").update();
        staging.forEach(id -> jdbc.sql("INSERT INTO purge_run VALUES (?)").param(id).update());
        List<Count> removed = new ArrayList<>();
        removeSupersededDrafts(removed);
        remove(removed, "validated_record", "DELETE FROM validated_record x USING purge_run r WHERE x.run_id = r.run_id");
        remove(removed, "missing_time", "DELETE FROM missing_time x USING purge_run r WHERE x.run_id = r.run_id");
        for (SourceKind kind : SourceKind.values()) {
            // master data versions stay: later runs, credits and reports read the master data as of a run (AsOfRun)
            if (kind.scope() == SourceKind.Scope.PERIOD) {
                removeLoadedRowsNoLongerCurrent(removed, kind.table());
            }
        }
        removeJobRepositoryRows(removed, cutoffs.staging());

        List<Count> pseudonymised = pseudonymise(cutoffs.personalData());
        List<Count> pastLegal = List.of(
                new Count("invoice_version", count("SELECT count(*) FROM invoice_version WHERE created_at < ?", cutoffs.legal())),
                new Count("posting", count("SELECT count(*) FROM posting WHERE approved_at < ?", cutoffs.legal())),
                new Count("audit_log", count("SELECT count(*) FROM audit_log WHERE at < ?", cutoffs.legal())));
        List<String> folders = reportRuns.stream().map(reports::of).filter(Files::isDirectory).map(Path::toString).toList();

        Long auditId = null;
        if (!dryRun) {
            audit.append(List.of(audit.entry(AuditAction.PURGED, "purge", Long.parseLong(before.format(DateTimeFormatter.BASIC_ISO_DATE)),
                    null, detail(before, policySource, staging, removed, folders, pseudonymised, keptOnce))));
            auditId = jdbc.sql("SELECT max(audit_id) FROM audit_log WHERE action = 'purged'").query(Long.class).single();
        }
        return new Outcome(before, policySource, policy, cutoffs, dryRun, staging, removed, folders, pseudonymised, keptOnce, pastLegal,
                auditId);
    }

    /**
     * Per run, what is still on its way: live drafts with no review opened, in review, or approved and not yet posted; and
     * credit memos of its invoices in review, or approved and not yet posted.
     */
    private static final String DRAFTS_NOT_FINAL = """
            SELECT run_id, sum(n) AS drafts FROM (
            SELECT d.run_id, count(*) AS n FROM draft_invoice d
            LEFT JOIN LATERAL (SELECT v.version_id, v.state FROM invoice_version v WHERE v.run_id = d.run_id AND v.draft_id = d.draft_id
                               ORDER BY v.version_no DESC LIMIT 1) v ON true
            LEFT JOIN posting p ON p.version_id = v.version_id
            WHERE d.status = 'live'
              AND (v.version_id IS NULL OR v.state = 'in_review' OR (v.state = 'approved' AND (p.state IS NULL OR p.state <> 'posted')))
            GROUP BY d.run_id
            UNION ALL
            SELECT c.run_id, count(*) FROM credit_memo c LEFT JOIN posting p ON p.credit_id = c.credit_id
            WHERE c.state = 'in_review' OR (c.state = 'approved' AND (p.state IS NULL OR p.state <> 'posted'))
            GROUP BY c.run_id) x
            GROUP BY run_id""";

    private List<Candidate> finishedBefore(Instant cutoff) {
        return jdbc.sql("""
                SELECT r.run_id, r.period, r.scope FROM billing_run r
                JOIN LATERAL (SELECT status, end_time FROM batch_job_execution WHERE job_instance_id = r.run_id
                              ORDER BY job_execution_id DESC LIMIT 1) e ON true
                WHERE e.status IN ('COMPLETED', 'ABANDONED') AND e.end_time < ? AND r.created_at < ?
                ORDER BY r.run_id""")
                .params(Timestamp.from(cutoff), Timestamp.from(cutoff))
                .query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** The candidates whose drafts are all final and whose period no process is running now; the others go to {@code kept}. */
    private List<Long> eligible(List<Candidate> candidates, List<KeptRun> kept) {
        List<Long> runs = new ArrayList<>();
        for (Candidate c : candidates) {
            long notFinal = jdbc.sql("SELECT coalesce(max(drafts), 0) FROM purge_busy WHERE run_id = ?").param(c.runId()).query(Long.class)
                    .single();
            if (notFinal > 0) {
                kept.add(new KeptRun(c.runId(), c.period(), c.scope(), notFinal,
                        notFinal + " draft" + (notFinal == 1 ? " or credit is" : "s or credits are") + " not final (not reviewed, in review, or approved and not posted)"));
            } else if (!periodFree(c.period())) {
                kept.add(new KeptRun(c.runId(), c.period(), c.scope(), 0, "a billrun process is running period " + c.period() + " now"));
            } else {
                runs.add(c.runId());
            }
        }
        return runs;
    }

    /** Takes the run command's lock on the period for this transaction, unless a running process holds it. */
    private boolean periodFree(String period) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext(?))").param(AdvisoryLock.periodKey(period))
                .query(Boolean.class).single());
    }

    /** Superseded drafts of the runs that no invoice version refers to, with their lines, lineage, tax and reasons. */
    private void removeSupersededDrafts(List<Count> removed) {
        jdbc.sql("""
                CREATE TEMP TABLE purge_draft ON COMMIT DROP AS
                SELECT d.run_id, d.draft_id FROM draft_invoice d JOIN purge_run r ON r.run_id = d.run_id
                WHERE d.status = 'superseded'
                  AND NOT EXISTS (SELECT 1 FROM invoice_version v WHERE v.run_id = d.run_id AND v.draft_id = d.draft_id)""").update();
        for (String table : List.of("draft_line_source", "draft_route_reason", "draft_tax", "draft_line", "draft_invoice")) {
            remove(removed, table, "DELETE FROM " + table + " x USING purge_draft p WHERE x.run_id = p.run_id AND x.draft_id = p.draft_id");
        }
    }

    /**
     * Versions of loaded records that a run of the purge superseded or withdrew; a period record's version stays while a
     * draft line, an exception or a validated record still names its row.
     */
    private void removeLoadedRowsNoLongerCurrent(List<Count> removed, String table) {
        String stillNamed = PERIOD_RECORD_TABLES.contains(table) ? """
                 AND NOT EXISTS (SELECT 1 FROM draft_line_source s WHERE s.record_kind = '%1$s' AND s.record_row_id = x.id)
                 AND NOT EXISTS (SELECT 1 FROM validation_exception e WHERE e.record_kind = '%1$s' AND e.record_row_id = x.id)
                 AND NOT EXISTS (SELECT 1 FROM validated_record v WHERE v.record_kind = '%1$s' AND v.record_row_id = x.id)"""
                .formatted(table) : "";
        remove(removed, table, "DELETE FROM " + table + " x USING purge_run r WHERE x.ended_by_run_id = r.run_id AND x.record_status <> 'current'"
                + stillNamed);
    }

    /**
     * The step records and execution contexts of the runs' job executions, and of other jobs (post) that completed
     * before the cut-off. Job instances and executions stay (a few rows a run): status lists the run, and the next run
     * of a period is numbered after it.
     */
    private void removeJobRepositoryRows(List<Count> removed, Instant cutoff) {
        jdbc.sql("""
                CREATE TEMP TABLE purge_execution ON COMMIT DROP AS
                SELECT e.job_execution_id FROM batch_job_execution e JOIN purge_run r ON r.run_id = e.job_instance_id
                UNION
                SELECT e.job_execution_id FROM batch_job_execution e
                JOIN LATERAL (SELECT l.status, l.end_time FROM batch_job_execution l WHERE l.job_instance_id = e.job_instance_id
                              ORDER BY l.job_execution_id DESC LIMIT 1) last ON true
                WHERE NOT EXISTS (SELECT 1 FROM billing_run b WHERE b.run_id = e.job_instance_id)
                  AND last.status IN ('COMPLETED', 'ABANDONED') AND last.end_time < ?""").param(Timestamp.from(cutoff)).update();
        remove(removed, "batch_step_execution_context", """
                DELETE FROM batch_step_execution_context c USING batch_step_execution s, purge_execution p
                WHERE c.step_execution_id = s.step_execution_id AND s.job_execution_id = p.job_execution_id""");
        remove(removed, "batch_step_execution",
                "DELETE FROM batch_step_execution s USING purge_execution p WHERE s.job_execution_id = p.job_execution_id");
        remove(removed, "batch_job_execution_context",
                "DELETE FROM batch_job_execution_context c USING purge_execution p WHERE c.job_execution_id = p.job_execution_id");
    }

    /**
     * Consultants' names and e-mails in rows loaded before the cut-off: every version no longer current, and the current
     * one of a consultant who left; and the names in missing-time lists of runs created before it. The ids stay, so the
     * lineage and the exceptions still name the same people. A consultant on a draft still on its way keeps the name.
     */
    private List<Count> pseudonymise(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        long consultants = jdbc.sql("""
                UPDATE consultant c SET name = 'pseudonymised ' || coalesce(c.consultant_id, c.record_key), email = NULL
                WHERE c.run_id IN (SELECT run_id FROM billing_run WHERE created_at < ?)
                  AND (c.record_status <> 'current' OR c.status = 'left')
                  AND (c.name IS DISTINCT FROM 'pseudonymised ' || coalesce(c.consultant_id, c.record_key) OR c.email IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM validated_record v JOIN purge_busy b ON b.run_id = v.run_id
                                  WHERE v.consultant_id = c.consultant_id)""")
                .param(before).update();
        long missingTime = jdbc.sql("""
                UPDATE missing_time m SET consultant_name = 'pseudonymised ' || m.consultant_id,
                       manager_name = CASE WHEN m.manager_id IS NULL THEN m.manager_name ELSE 'pseudonymised ' || m.manager_id END
                WHERE m.run_id IN (SELECT run_id FROM billing_run WHERE created_at < ?)
                  AND m.consultant_name <> 'pseudonymised ' || m.consultant_id""")
                .param(before).update();
        long evidence = jdbc.sql(PSEUDONYMISE_EVIDENCE).param(before).update();
        return List.of(new Count("consultant", consultants), new Count("missing_time", missingTime),
                new Count("milestone_evidence", evidence));
    }

    /**
     * Milestone evidence (V42) quotes client e-mails: the sender's address and the sentence found. Past the cut-off, once
     * a person decided it (or it was only noted) and no run since has read its file again, the sender goes and the
     * quote becomes the SHA-256 of its text: the milestone, the kind, the file and its hash, the date, the decision, who
     * made it and when stay for the audit, and whoever holds the file can still show which sentence was meant. A
     * proposal nobody decided yet keeps both, for the person who will. Evidence a later run still reads keeps them
     * too (its e-mail is in the inputs; it would be proposed again).
     */
    private static final String PSEUDONYMISE_EVIDENCE = """
            UPDATE milestone_evidence x
            SET sender = CASE WHEN x.sender IS NULL THEN NULL ELSE 'pseudonymised' END,
                quote = 'pseudonymised sha256:' || encode(sha256(convert_to(x.quote, 'UTF8')), 'hex')
            WHERE x.state <> 'proposed'
              AND x.last_seen_run_id IN (SELECT run_id FROM billing_run WHERE created_at < ?)
              AND x.quote NOT LIKE 'pseudonymised sha256:%'""";

    private void remove(List<Count> removed, String table, String sql) {
        int rows = jdbc.sql(sql).update();
        removed.stream().filter(c -> c.table().equals(table)).findFirst().ifPresentOrElse(c -> removed.set(removed.indexOf(c),
                new Count(table, c.rows() + rows)), () -> removed.add(new Count(table, rows)));
    }

    private long count(String sql, Instant at) {
        return jdbc.sql(sql).param(Timestamp.from(at)).query(Long.class).single();
    }

    private static java.util.function.Predicate<KeptRun> distinctBy(Set<Long> seen) {
        return k -> seen.add(k.runId());
    }

    private static String detail(LocalDate before, String policySource, List<Long> staging, List<Count> removed, List<String> folders,
            List<Count> pseudonymised, List<KeptRun> kept) {
        String counts = removed.stream().filter(c -> c.rows() > 0).map(c -> c.table() + " " + c.rows()).collect(Collectors.joining(", "));
        return "before " + before + " (policy " + policySource + "); staging of runs " + (staging.isEmpty() ? "none" : staging.stream()
                .map(String::valueOf).collect(Collectors.joining(", "))) + "; removed rows: " + (counts.isEmpty() ? "none" : counts)
                + "; report folders: " + folders.size() + "; pseudonymised rows: " + pseudonymised.stream()
                        .map(c -> c.table() + " " + c.rows()).collect(Collectors.joining(", "))
                + "; kept runs with drafts on their way: " + (kept.isEmpty() ? "none" : kept.stream().map(k -> String.valueOf(k.runId()))
                        .collect(Collectors.joining(", ")));
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not remove the reports folder {} entirely: {}", folder, e.getMessage());
        }
    }
}
