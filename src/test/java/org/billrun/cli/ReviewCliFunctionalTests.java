package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The draft commands (review list, review show, run --dry-run, diff) driven through the packaged jar
 * against the Northwind sample firm, whose 13 drafts are worked out by hand in
 * sample-data/northwind/expected.
 */
class ReviewCliFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final String KESTREL = "2026-10-NWGB-K-KESTREL-1";

    /**
     * One Northwind run of 2026-10, shared: every test but diff's only reads it. The commands use a
     * database of the test JVM's PostgreSQL, so they do not each start a server.
     */
    private static String shared;

    /** `review list --format json` of the shared run, as the drafts were stored. */
    private static JsonNode persisted;

    @TempDir
    Path work;

    @BeforeAll
    static void runNorthwind(@TempDir Path dir) throws Exception {
        shared = TestDatabase.createDatabase("review_cli");
        BillrunProcess.Result run = billrun(dir, shared, "run", "--period", "2026-10", "--input", NORTHWIND.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        persisted = JSON.readTree(billrun(dir, shared, "review", "list", "--format", "json").stdout());
    }

    @Test
    void theHelpOfTheDraftCommandsSaysWhatTheyDoAndWhatADryRunLeavesAlone() throws Exception {
        assertThat(help(work, "review", "list", "--help").stdout()).contains("Usage: billrun review list", "--reviewer=ID|ROLE");
        assertThat(help(work, "review", "show", "--help").stdout()).contains("Usage: billrun review show", "DRAFT_ID", "--annex");
        assertThat(help(work, "diff", "--help").stdout()).contains("Usage: billrun diff", "RUN_A", "RUN_B",
                "Exit 0 whether or not the runs differ");
        assertThat(help(work, "run", "--help").stdout()).contains("--dry-run computes the drafts of the period's latest validated run",
                "no run, no draft, no audit entry");
    }

    @Test
    void reviewListShowsTheThirteenNorthwindDraftsWithTheRoutesAndAmountsWorkedOutByHand() throws Exception {
        BillrunProcess.Result table = billrun(work, shared, "review", "list");
        assertThat(table.exitCode()).as(table.stderr()).isZero();
        assertThat(table.stdout()).contains("13 drafts: 6 straight through, 7 for review");
        assertThat(line(table.stdout(), KESTREL)).contains("GBP", "67,842.11", "13,568.42", "81,410.53", "review", "E-103",
                "OPEN_EXCEPTION: open exception CAP_EXCEEDED", "(+2 more)");
        assertThat(line(table.stdout(), "2026-10-NWDE-K-ALPEN-1")).contains("CHF", "79,850.58", "straight_through");

        Map<String, String> actual = new TreeMap<>();
        for (JsonNode d : persisted) {
            List<String> codes = new ArrayList<>();
            d.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
            actual.put(d.get("draftId").asString(), String.join(",", plain(d.get("net")), plain(d.get("tax")), plain(d.get("gross")),
                    d.get("route").asString(), String.join(";", codes.stream().distinct().toList())));
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<String> lines = Files.lines(NORTHWIND.resolve("expected/invoices.csv"))) {
            lines.skip(1).map(l -> l.split(",", -1))
                    .forEach(c -> expected.put(c[0], String.join(",", plain(c[7]), plain(c[8]), plain(c[9]), c[10], c[12])));
        }
        assertThat(actual).hasSize(13).isEqualTo(expected);
        assertThat(actual.get(KESTREL)).endsWith("review,OPEN_EXCEPTION;WRITE_DOWN");
        assertThat(actual.get("2026-10-NWDE-K-ALPEN-1")).endsWith("straight_through,");
    }

    @Test
    void reviewListFiltersByReviewerIdOrRoleRouteAndClient() throws Exception {
        assertThat(draftIds(billrun(work, shared, "review", "list", "--reviewer", "finance", "--format", "json"))).containsExactly(
                "2026-10-NWGB-K-HARBOUR-1", "2026-10-NWUS-K-CASCADE-1", "2026-10-NWUS-K-HUDSON-1");
        assertThat(draftIds(billrun(work, shared, "review", "list", "--route", "straight_through", "--client", "C-BAUER", "--format", "json")))
                .containsExactly("2026-10-NWDE-K-BAUER-2");

        BillrunProcess.Result csv = billrun(work, shared, "review", "list", "--reviewer", "E-103", "--format", "csv");
        assertThat(csv.stdout().lines()).hasSize(2).first().isEqualTo("draft_id,run,status,contract_id,client_id,entity_id,currency,"
                + "billing_model,net,tax,gross,route,reviewers,reason_codes,reasons,dispute_risk,risk_factors");
        assertThat(line(csv.stdout(), KESTREL)).contains(",67842.11,13568.42,81410.53,review,E-103,OPEN_EXCEPTION;OPEN_EXCEPTION;WRITE_DOWN,",
                "GBP 11,610.00 above the cap is held for a write-down decision");
    }

    @Test
    void reviewShowOfKestrelExplainsItsLinesAndShowsTheWriteDownTheCapAndWhoReviewsItWhy() throws Exception {
        BillrunProcess.Result show = billrun(work, shared, "review", "show", KESTREL, "--annex");

        assertThat(show.exitCode()).as(show.stderr()).isZero();
        String text = show.stdout();
        assertThat(text).contains("Draft 2026-10-NWGB-K-KESTREL-1, run 1 (live)", "Bill to         C-KESTREL Kestrel Retail plc, GB, tax id ",
                "PO              KR-PO-55120", "Contract        K-KESTREL-1, not_to_exceed", "Service period  2026-10-01 to 2026-10-31");
        assertThat(line(text, "Point-of-sale replacement programme: analyst")).contains("76.50", "95.00", "7,267.50", "S 20 %", "1,453.50");
        assertThat(text).contains("rate R-0045 (card RC-KESTREL, contract level, analyst, from 2026-10-01); 24 records worth 7,267.50");
        assertThat(line(text, "Write-down to not-to-exceed cap")).contains("cap_write_down", "-11,610.00", "-2,322.00");
        assertThat(line(text, "TX-GB-DOM-2011")).contains("S", "20 %", "document", "67,842.11", "13,568.42");
        assertThat(text).contains("Gross           GBP 81,410.53",
                "Cap             GBP 65,000.00: consumed before 0.00, time this period 76,610.00, written down 11,610.00, consumed now 65,000.00, remaining 0.00",
                "Route           review",
                "  OPEN_EXCEPTION -> project_manager E-103: open exception CAP_EXCEEDED (block) on contract K-KESTREL-1",
                "  OPEN_EXCEPTION -> project_manager E-103: open exception HOURS_ABOVE_NORM",
                "  WRITE_DOWN -> project_manager E-103: write-down of GBP 11,610.00");
        assertThat(line(text, "T-000053")).contains("time_entry", "time_entries.csv:54", "2026-10-01", "3.00", "285.00", "R-0045");
    }

    @Test
    void reviewShowJsonParsesAndItsTotalsEqualTheDatabase() throws Exception {
        JsonNode draft = JSON.readTree(billrun(work, shared, "review", "show", KESTREL, "--format", "json").stdout());

        JdbcClient db = jdbc(shared);
        Map<String, Object> row = db.sql("SELECT net, tax, gross, write_down, cap_amount FROM draft_invoice WHERE draft_id = ? AND status = 'live'")
                .param(KESTREL).query().singleRow();
        assertThat(draft.get("net").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("net"));
        assertThat(draft.get("tax").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("tax"));
        assertThat(draft.get("gross").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("gross"));
        assertThat(draft.at("/cap/writeDown").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("write_down"));
        assertThat(draft.at("/cap/cap").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("cap_amount"));
        BigDecimal lineNets = BigDecimal.ZERO;
        long sources = 0;
        for (JsonNode line : draft.get("lines")) {
            lineNets = lineNets.add(line.get("net").decimalValue());
            sources += line.get("sourceCount").asLong();
            assertThat(line.get("sources").size()).as("the records themselves only with --annex").isZero();
        }
        assertThat(lineNets).isEqualByComparingTo(draft.get("net").decimalValue());
        assertThat(sources).isEqualTo(db.sql("SELECT count(*) FROM draft_line_source WHERE draft_id = ? AND run_id = 1").param(KESTREL)
                .query(Long.class).single()).isEqualTo(24 + 85 + 7 + 21 + 4 + 7 + 2 + 6 + 5);

        Map<String, String> listed = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        persisted.forEach(d -> sums.merge(d.get("currency").asString(), d.get("gross").decimalValue(), BigDecimal::add));
        sums.forEach((ccy, gross) -> listed.put(ccy, plain(gross)));
        Map<String, String> stored = new TreeMap<>();
        db.sql("SELECT currency, sum(gross) FROM draft_invoice WHERE status = 'live' GROUP BY currency")
                .query(rs -> {
                    stored.put(rs.getString(1), plain(rs.getBigDecimal(2)));
                });
        assertThat(listed).hasSize(4).isEqualTo(stored);
    }

    @Test
    void reviewShowOfAnUnknownDraftIsOneClearLineAndTheUsageExitCode() throws Exception {
        BillrunProcess.Result result = billrun(work, shared, "review", "show", "2026-10-NWGB-K-NOPE-1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("billrun: there is no draft 2026-10-NWGB-K-NOPE-1");
        assertThat(result.stderr()).doesNotContain("\tat ", "Exception:", "Caused by");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aDryRunStoresNothingAndPrintsTheSameDraftsAndTotalsAsThePersistedOnes() throws Exception {
        Map<String, Long> before = rowCounts();

        BillrunProcess.Result dryRun = billrun(work, shared, "run", "--period", "2026-10", "--dry-run", "--format", "json");
        BillrunProcess.Result table = billrun(work, shared, "run", "--period", "2026-10", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(table.exitCode()).as(table.stderr()).isZero();
        assertThat(rowCounts()).isEqualTo(before);
        JsonNode preview = JSON.readTree(dryRun.stdout());
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("runId").asLong()).isEqualTo(1);
        assertThat(summaries(preview.get("drafts"))).hasSize(13).isEqualTo(summaries(persisted));
        Map<String, String> totals = new TreeMap<>();
        preview.get("totals").forEach(t -> totals.put(t.get("currency").asString(),
                t.get("drafts").asString() + " " + plain(t.get("net")) + " " + plain(t.get("tax")) + " " + plain(t.get("gross"))));
        assertThat(totals).isEqualTo(persistedTotals());
        assertThat(totals).containsExactly(Map.entry("CHF", "1 79850.58 0 79850.58"), Map.entry("EUR", "6 208459.26 9955.33 218414.59"),
                Map.entry("GBP", "3 195634.4 39126.88 234761.28"), Map.entry("USD", "3 237089.65 0 237089.65"));
        assertThat(table.stdout()).contains("Nothing was stored", "13 drafts: 6 straight through, 7 for review");
        assertThat(table.stdout().lines().filter(l -> l.startsWith("GBP ")).toList())
                .containsExactly("GBP       3  195,634.40  39,126.88  234,761.28");
    }

    @Test
    void aDryRunOfAPeriodWithoutAValidatedRunIsOneClearLineAndTheUsageExitCode() throws Exception {
        BillrunProcess.Result result = billrun(work, shared, "run", "--period", "2026-09", "--dry-run");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("billrun: period 2026-09 (scope all) has no validated run to draft");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void diffAfterOneTimeEntrysHoursChangedReportsExactlyThatDraftAndLine() throws Exception {
        // run 1: the shared Northwind run, copied (the other tests only read it)
        String db = TestDatabase.copyDatabase("review_cli", "review_cli_diff");
        Path changed = copyOfNorthwind(work.resolve("northwind-changed"));
        Path timeEntries = changed.resolve("time_entries.csv");
        String original = "T-000003,E-001,P-VANDAM-WMS,TK-VANDAM-WMS-2,2026-10-01,3.5,";
        String content = Files.readString(timeEntries);
        assertThat(content).contains(original);
        Files.writeString(timeEntries, content.replace(original, "T-000003,E-001,P-VANDAM-WMS,TK-VANDAM-WMS-2,2026-10-01,2.5,"));
        assertThat(billrun(work, db, "run", "--period", "2026-10", "--input", changed.toString()).exitCode()).isZero();

        BillrunProcess.Result result = billrun(work, db, "diff", "1", "2", "--format", "json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode diff = JSON.readTree(result.stdout());
        assertThat(diff.get("added").size()).isZero();
        assertThat(diff.get("removed").size()).isZero();
        assertThat(diff.get("unchanged").asInt()).isEqualTo(12);
        assertThat(diff.get("changed").size()).isEqualTo(1);
        JsonNode vandam = diff.at("/changed/0");
        assertThat(vandam.get("draftId").asString()).isEqualTo("2026-10-NWDE-K-VANDAM-1");
        assertThat(vandam.at("/before/net").decimalValue()).as("fixed fee: the time is covered, the invoice total stays")
                .isEqualByComparingTo(vandam.at("/after/net").decimalValue());
        assertThat(vandam.get("lines").size()).isEqualTo(1);
        JsonNode line = vandam.at("/lines/0");
        assertThat(line.get("type").asString() + " " + line.get("key").asString() + " " + line.get("change").asString())
                .isEqualTo("fixed_fee_time P-VANDAM-WMS changed");
        assertThat(line.at("/before/quantity").decimalValue()).isEqualByComparingTo("369.25");
        assertThat(line.at("/after/quantity").decimalValue()).isEqualByComparingTo("368.25");

        BillrunProcess.Result table = billrun(work, db, "diff", "1", "2");
        assertThat(table.stdout()).contains("Drafts of run 1 and run 2, period 2026-10: 1 changed, 0 added, 0 removed, 12 unchanged");
        assertThat(line(table.stdout(), "fixed_fee_time P-VANDAM-WMS")).contains("369.25 -> 368.25", "68,635.00 -> 68,315.00");

        assertThat(billrun(work, db, "run", "--period", "2026-09", "--input", NORTHWIND.toString(), "--until", "ingest").exitCode()).isZero();
        BillrunProcess.Result otherPeriod = billrun(work, db, "diff", "1", "3");
        assertThat(otherPeriod.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(otherPeriod.stderr()).contains("billrun: run 1 is of period 2026-10 and run 3 of 2026-09: diff compares two runs of the same period");
    }

    /** Per currency: number of live drafts, net, tax and gross as the database sums them. */
    private static Map<String, String> persistedTotals() {
        Map<String, String> totals = new TreeMap<>();
        jdbc(shared).sql("SELECT currency, count(*), sum(net), sum(tax), sum(gross) FROM draft_invoice WHERE status = 'live' GROUP BY currency")
                .query(rs -> {
                    totals.put(rs.getString(1), rs.getLong(2) + " " + plain(rs.getBigDecimal(3)) + " " + plain(rs.getBigDecimal(4)) + " "
                            + plain(rs.getBigDecimal(5)));
                });
        return totals;
    }

    /** An amount without its scale, so 0.00 from JSON, 0 from CSV and 0.0000 from the database compare equal. */
    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String plain(String amount) {
        return plain(new BigDecimal(amount));
    }

    private static String plain(JsonNode amount) {
        return plain(amount.decimalValue());
    }

    /** A command's --help: needs no database. */
    private static BillrunProcess.Result help(Path dir, String... args) throws Exception {
        BillrunProcess.Result result = BillrunProcess.run(dir, args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private static BillrunProcess.Result billrun(Path dir, String dbUrl, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--db-url", dbUrl, "--db-user", "postgres"));
        command.addAll(List.of(args));
        return BillrunProcess.run(dir, command.toArray(String[]::new));
    }

    /** The one stdout line that mentions {@code text}. */
    private static String line(String stdout, String text) {
        List<String> lines = stdout.lines().filter(l -> l.contains(text)).toList();
        assertThat(lines).as("lines containing " + text).hasSize(1);
        return lines.get(0);
    }

    private static List<String> draftIds(BillrunProcess.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> ids = new ArrayList<>();
        JSON.readTree(result.stdout()).forEach(d -> ids.add(d.get("draftId").asString()));
        return ids;
    }

    /** Draft id to amounts, route and reasons: what a dry run and the stored drafts must agree on. */
    private static Map<String, String> summaries(JsonNode drafts) {
        Map<String, String> map = new LinkedHashMap<>();
        drafts.forEach(d -> map.put(d.get("draftId").asString(), plain(d.get("net")) + " " + plain(d.get("tax")) + " "
                + plain(d.get("gross")) + " " + d.get("route").asString() + " " + d.get("reasons").toString()));
        return map;
    }

    private static Map<String, Long> rowCounts() {
        JdbcClient db = jdbc(shared);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("billing_run", "batch_job_execution", "draft_invoice", "draft_line", "draft_line_source", "draft_tax",
                "draft_route_reason", "audit_log", "validated_record", "validation_exception")) {
            counts.put(table, db.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        counts.put("superseded", db.sql("SELECT count(*) FROM draft_invoice WHERE status = 'superseded'").query(Long.class).single());
        assertThat(counts.get("draft_invoice")).isEqualTo(13);
        return counts;
    }

    private static JdbcClient jdbc(String url) {
        return JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
    }

    private static Path copyOfNorthwind(Path target) throws Exception {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(NORTHWIND)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}
