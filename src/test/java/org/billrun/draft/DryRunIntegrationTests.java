package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.validate.ExceptionQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * `billrun run --dry-run` and the run that follows it draft the same invoices (issue 12, bug 2): after
 * a waiver (of one or both of a record's exceptions), after a resolve and after a changed time entry,
 * on the sample firm; a dry run refuses while a change is loaded but not validated. Drafts are
 * compared whole: totals, route and reasons, lines, and the records each line bills.
 */
@BillrunIntegrationTest
class DryRunIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final String CASCADE = "2026-10-NWUS-K-CASCADE-1";

    @Autowired
    RunService runService;

    @Autowired
    DraftPreview preview;

    @Autowired
    ExceptionQueue exceptions;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    private long run(Path input, Stage until) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, until, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    private long cascade08Exception() {
        return jdbc.sql("""
                SELECT exception_id FROM validation_exception
                WHERE record_key = 'M-CASCADE-08' AND rule_code = 'MILESTONE_NO_EVIDENCE' AND status = 'open'""")
                .query(Long.class).single();
    }

    @Test
    void afterAWaiverTheDryRunBillsTheWaivedMilestoneAsTheRunThatFollowsDoes() throws Exception {
        run(NORTHWIND, Stage.DRAFT);
        exceptions.waive(cascade08Exception(), "finance", "acceptance confirmed by phone with Cascade's VP Quality");

        List<String> dryRun = canonical(preview.preview(OCTOBER, "all").orElseThrow().drafts());
        long run = run(NORTHWIND, Stage.DRAFT);

        assertThat(dryRun).as("the dry run's drafts are the run's").containsExactlyElementsOf(stored(run));
        assertThat(dryRun).as("M-CASCADE-08 (USD 20,000.00) is billed: 51,853.95 + 20,000.00")
                .anySatisfy(row -> assertThat(row).startsWith("draft|" + CASCADE + "|71853.95|0|71853.95|"));
    }

    @Test
    void afterAResolveWithoutACorrectionTheDryRunHoldsAndRoutesAsTheRunThatReopensIt() throws Exception {
        run(NORTHWIND, Stage.DRAFT);
        exceptions.resolve(cascade08Exception(), "finance", "asked the client for the signed acceptance");

        List<String> dryRun = canonical(preview.preview(OCTOBER, "all").orElseThrow().drafts());
        long run = run(NORTHWIND, Stage.DRAFT);

        assertThat(dryRun).as("the dry run's drafts are the run's").containsExactlyElementsOf(stored(run));
        assertThat(dryRun).as("still held, and still routed to review for it")
                .anySatisfy(row -> assertThat(row).startsWith("draft|" + CASCADE + "|51853.95|0|51853.95|review"));
    }

    @Test
    void afterAChangedTimeEntryIsValidatedTheDryRunBillsItsNewHoursAsTheRunThatFollowsDoes() throws Exception {
        long first = run(NORTHWIND, Stage.DRAFT);
        Path changed = copyOfNorthwind();
        Path entries = changed.resolve("time_entries.csv");
        String before = "T-000020,E-009,P-ACME-ERP,TK-ACME-ERP-1,2026-10-01,7.0,";
        String text = Files.readString(entries, StandardCharsets.UTF_8);
        assertThat(text).contains(before);
        Files.writeString(entries, text.replace(before, "T-000020,E-009,P-ACME-ERP,TK-ACME-ERP-1,2026-10-01,6.0,"), StandardCharsets.UTF_8);

        run(changed, Stage.INGEST);
        assertThatThrownBy(() -> preview.preview(OCTOBER, "all")).as("loaded but not validated: the validated run would bill 7.0 hours")
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("changed since run " + first + " validated them (2 record versions")
                .hasMessageContaining("--until validate");

        run(changed, Stage.VALIDATE);

        List<String> dryRun = canonical(preview.preview(OCTOBER, "all").orElseThrow().drafts());
        long run = run(changed, Stage.DRAFT);

        assertThat(dryRun).as("the dry run's drafts are the run's").containsExactlyElementsOf(stored(run));
        assertThat(dryRun).as("one hour less on Acme's invoice than the first run's").isNotEqualTo(stored(first))
                .anySatisfy(row -> assertThat(row).startsWith("source|2026-10-NWDE-K-ACME-1|").contains("|time_entry|T-000020|"));
    }

    @Test
    void aRecordHeldByTwoBlockingExceptionsBillsOnlyOnceBothAreWaived() throws Exception {
        Path changed = copyOfNorthwind();
        Path entries = changed.resolve("time_entries.csv");
        String submitted = "T-001580,E-104,P-KESTREL-POS,TK-KESTREL-POS-2,2026-10-29,7.5,true,submitted,";
        String text = Files.readString(entries, StandardCharsets.UTF_8);
        assertThat(text).contains(submitted);
        Files.writeString(entries, text.replace(submitted, "T-001580,E-104,P-KESTREL-POS,TK-KESTREL-POS-2,2026-11-02,7.5,true,submitted,"),
                StandardCharsets.UTF_8);
        run(changed, Stage.DRAFT);
        List<Long> held = jdbc.sql("""
                SELECT exception_id FROM validation_exception WHERE record_key = 'T-001580' AND severity = 'block' AND status = 'open'
                ORDER BY rule_code""").query(Long.class).list();
        assertThat(held).as("TIME_OUTSIDE_PERIOD and TIME_UNAPPROVED").hasSize(2);

        exceptions.waive(held.get(0), "finance", "the PM confirms the date");
        List<String> oneWaived = canonical(preview.preview(OCTOBER, "all").orElseThrow().drafts());
        long second = run(changed, Stage.DRAFT);

        assertThat(oneWaived).as("the dry run's drafts are the run's").containsExactlyElementsOf(stored(second));
        assertThat(oneWaived).as("still held by the other exception").noneSatisfy(row -> assertThat(row).contains("|T-001580|"));

        exceptions.waive(held.get(1), "finance", "approved by the PM by e-mail");
        List<String> bothWaived = canonical(preview.preview(OCTOBER, "all").orElseThrow().drafts());
        long third = run(changed, Stage.DRAFT);

        // Known limit: Kestrel's CAP_EXCEEDED message was written when T-001580 was held ("time this period GBP 76,610.00");
        // the next run's contract checks write it again with the record (77,622.50). Amounts, lines, records, routes and the
        // exceptions a draft is routed for agree; only the words of a contract check's message lag until a run validates.
        assertThat(withoutExceptionMessages(bothWaived)).as("the dry run's drafts are the run's")
                .containsExactlyElementsOf(withoutExceptionMessages(stored(third)));
        assertThat(bothWaived).as("billed on Kestrel's invoice")
                .anySatisfy(row -> assertThat(row).startsWith("source|2026-10-NWGB-K-KESTREL-1|").contains("|time_entry|T-001580|"));
    }

    /** The rows with each open-exception reason cut to the exception it names ("open exception CAP_EXCEEDED (block) on contract K-KESTREL-1 ..."). */
    private static List<String> withoutExceptionMessages(List<String> rows) {
        return rows.stream().map(row -> row.startsWith("reason|") && row.contains("|OPEN_EXCEPTION|") && row.contains(": ")
                ? row.substring(0, row.indexOf(": ")) : row).toList();
    }

    private Path copyOfNorthwind() throws IOException {
        Path target = temp.resolve("northwind");
        try (Stream<Path> files = Files.walk(NORTHWIND)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(NORTHWIND.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Drafts computed in memory, one row per draft, reason, line and source, sorted. */
    private static List<String> canonical(List<InvoiceDraft> drafts) {
        List<String> rows = new ArrayList<>();
        for (InvoiceDraft d : drafts) {
            rows.add(String.join("|", "draft", d.draftId(), plain(d.net().amount()), plain(d.tax().amount()), plain(d.gross().amount()),
                    d.route().label()));
            for (RouteReason r : d.reasons()) {
                rows.add(String.join("|", "reason", d.draftId(), r.code().name(), String.valueOf(r.reviewerId()), r.text()));
            }
            for (DraftLine l : d.lines()) {
                rows.add(String.join("|", "line", d.draftId(), String.valueOf(l.lineNo()), l.type().label(), l.key(),
                        plain(l.net().amount()), plain(l.tax().amount())));
                for (LineSource s : l.sources()) {
                    rows.add(String.join("|", "source", d.draftId(), String.valueOf(l.lineNo()), s.record().kind().label(),
                            s.record().key(), plain(s.value())));
                }
            }
        }
        rows.sort(Comparator.naturalOrder());
        return rows;
    }

    /** The same rows for the live drafts run {@code runId} stored. */
    private List<String> stored(long runId) {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("SELECT draft_id, net, tax, gross, route FROM draft_invoice WHERE run_id = ? AND status = 'live'")
                .param(runId).query((rs, i) -> String.join("|", "draft", rs.getString(1), plain(rs.getBigDecimal(2)),
                        plain(rs.getBigDecimal(3)), plain(rs.getBigDecimal(4)), rs.getString(5)))
                .list());
        rows.addAll(jdbc.sql("SELECT draft_id, code, reviewer_id, reason FROM draft_route_reason WHERE run_id = ?")
                .param(runId).query((rs, i) -> String.join("|", "reason", rs.getString(1), rs.getString(2),
                        String.valueOf(rs.getString(3)), rs.getString(4)))
                .list());
        rows.addAll(jdbc.sql("SELECT draft_id, line_no, line_type, line_key, net, tax FROM draft_line WHERE run_id = ?")
                .param(runId).query((rs, i) -> String.join("|", "line", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), plain(rs.getBigDecimal(5)), plain(rs.getBigDecimal(6))))
                .list());
        rows.addAll(jdbc.sql("SELECT draft_id, line_no, record_kind, record_key, value FROM draft_line_source WHERE run_id = ?")
                .param(runId).query((rs, i) -> String.join("|", "source", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), plain(rs.getBigDecimal(5))))
                .list());
        rows.sort(Comparator.naturalOrder());
        return rows;
    }

    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
