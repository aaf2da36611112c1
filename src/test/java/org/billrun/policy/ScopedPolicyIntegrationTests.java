package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.billing.RuleCode;
import org.billrun.infra.Stage;
import org.billrun.policy.PolicyExplanation.Setting;
import org.billrun.policy.PolicyFile.Candidate;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.validate.PolicyExplainQueries;
import org.billrun.validate.PolicyExplainQueries.RaisedException;
import org.billrun.validate.PolicyExplainQueries.RecordPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scoped policy keys on the sample firm: a run whose policy adds a few scoped settings to Northwind's
 * own changes exactly the exceptions and routes of the records and drafts in those scopes, and
 * nothing else.
 */
@BillrunIntegrationTest
class ScopedPolicyIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    /**
     * Kestrel's unapproved time only warns; German entities allow 15 h a day; Van Dam's project needs a
     * receipt only above EUR 500; a fixed-fee draft in EUR goes to finance above EUR 1.
     */
    private static final String SCOPED = """
            rule.TIME_UNAPPROVED.severity[client=C-KESTREL]=warn
            time.max-hours-per-day[country=DE]=15
            expense.receipt-required-above.EUR[project=P-VANDAM-WMS]=500
            approval.auto-approve-limit.EUR[model=fixed_fee]=1
            """;

    @Autowired
    RunService runService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PolicyExplainQueries explainQueries;

    @TempDir
    Path temp;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    private RunOutcome run(Path policy) throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, policy, null));
    }

    private Path policy(String extra) throws Exception {
        Path file = temp.resolve("policy-" + Integer.toHexString(extra.hashCode()) + ".properties");
        Files.writeString(file, Files.readString(NORTHWIND.resolve("policy.properties"), StandardCharsets.UTF_8) + extra);
        return file;
    }

    @Test
    void scopedSettingsChangeExactlyTheExceptionsAndRoutesOfTheRecordsAndDraftsInTheirScopes() throws Exception {
        long before = run(null).runId();
        Map<String, String> exceptionsBefore = exceptions();
        Map<String, List<String>> routesBefore = routes(before);
        new DatabaseState(jdbc).reset();

        RunOutcome outcome = run(policy(SCOPED));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> expected = new TreeMap<>(exceptionsBefore);
        expected.put("TIME_UNAPPROVED T-001580", "warn"); // Kestrel's; T-001666 (Bluefin) and T-001685 (Hudson) still block
        expected.remove("TIME_DAILY_HOURS_EXCEEDED T-001098"); // E-007's 14.5 h on Van Dam, billed by DE01
        expected.remove("TIME_DAILY_HOURS_EXCEEDED T-001099");
        expected.remove("TIME_DAILY_HOURS_EXCEEDED T-001100");
        expected.remove("EXPENSE_MISSING_RECEIPT EX-00047"); // a EUR 456 hotel on P-VANDAM-WMS; EX-00179 (P-ALPEN-RISK) still held
        assertThat(exceptions()).isEqualTo(expected);

        Map<String, List<String>> routes = routes(outcome.runId());
        String vanDam = "2026-10-NWDE-K-VANDAM-1";
        assertThat(routes.keySet()).isEqualTo(routesBefore.keySet());
        assertThat(routes.get(vanDam)).contains("AMOUNT_ABOVE_LIMIT").doesNotContain("OPEN_EXCEPTION");
        assertThat(routesBefore.get(vanDam)).doesNotContain("AMOUNT_ABOVE_LIMIT");
        assertThat(reasons(outcome.runId(), vanDam, "AMOUNT_ABOVE_LIMIT")).singleElement().asString()
                .contains("above the auto-approve limit of EUR 1.00");
        String cascade = routes.keySet().stream().filter(id -> id.endsWith("K-CASCADE-1")).findFirst().orElseThrow();
        assertThat(routes.get(cascade)).as("a fixed-fee draft in USD keeps the USD limit").isEqualTo(routesBefore.get(cascade));
        String kestrel = routes.keySet().stream().filter(id -> id.endsWith("K-KESTREL-1")).findFirst().orElseThrow();
        // T-001580 now bills, and its warning sends Kestrel's draft to review
        assertThat(reasons(outcome.runId(), kestrel, "OPEN_EXCEPTION")).anySatisfy(r -> assertThat(r).contains("TIME_UNAPPROVED (warn)"));
        assertThat(reasons(before, kestrel, "OPEN_EXCEPTION")).noneSatisfy(r -> assertThat(r).contains("TIME_UNAPPROVED"));
        Map<String, List<String>> others = new TreeMap<>(routes);
        Map<String, List<String>> othersBefore = new TreeMap<>(routesBefore);
        for (String changed : List.of(vanDam, kestrel)) {
            others.remove(changed);
            othersBefore.remove(changed);
        }
        assertThat(others).isEqualTo(othersBefore);
    }

    @Test
    void explainShowsWhichScopedSettingDecidedARecordAndWhatItOverrode() throws Exception {
        long run = run(policy(SCOPED + "time.max-hours-per-day[project=P-VANDAM-WMS]=14\n")).runId();

        RecordPolicy entry = explainQueries.find(run, "T-001098").orElseThrow();
        PolicyExplanation explained = PolicyExplanation.of(PolicyFile.of(entry.policySource(), entry.policyContent()), entry.scope(),
                List.of(RuleCode.TIME_DAILY_HOURS_EXCEEDED), true);

        assertThat(entry.scope()).isEqualTo(new PolicyScope("P-VANDAM-WMS", "K-VANDAM-1", "C-VANDAM", "fixed_fee", "DE"));
        assertThat(entry.state()).as("14.5 h is above the project's 14, which beats Germany's 15").isEqualTo("held");
        assertThat(entry.exceptions()).extracting(RaisedException::ruleCode).containsExactly("TIME_DAILY_HOURS_EXCEEDED");
        assertThat(setting(explained, "time.max-hours-per-day")).isEqualTo(new Setting("time.max-hours-per-day", "14", "project=P-VANDAM-WMS",
                List.of(new Candidate("country=DE", "15"), new Candidate("global", "12")), List.of(), "record"));
        assertThat(setting(explained, "approval.auto-approve-limit.EUR")).isEqualTo(new Setting("approval.auto-approve-limit.EUR", "1",
                "model=fixed_fee", List.of(new Candidate("global", "100000.00")), List.of(), "draft"));
        assertThat(setting(explained, "rule.TIME_UNAPPROVED.severity")).isEqualTo(new Setting("rule.TIME_UNAPPROVED.severity", "block",
                "default", List.of(), List.of("client=C-KESTREL"), "record"));
        assertThat(setting(explained, "rule.TIME_DAILY_HOURS_EXCEEDED.severity").value()).isEqualTo("block");
        assertThat(setting(explained, "cutoff.day-of-next-month").appliesTo()).isEqualTo("run");

        RecordPolicy kestrel = explainQueries.find(run, "T-001580").orElseThrow();
        assertThat(kestrel.state()).isEqualTo("valid");
        assertThat(kestrel.exceptions()).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo("warn"));
        assertThat(explainQueries.latestRunOf("T-001580")).contains(run);
        assertThat(explainQueries.find(run, "T-999999")).isEmpty();
    }

    private static Setting setting(PolicyExplanation explained, String key) {
        return explained.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aScopeThatNamesNoClientOfTheMasterDataStopsTheRunNamingIt() throws Exception {
        RunOutcome outcome = run(policy("rule.TIME_UNAPPROVED.severity[client=C-KESTRAL]=warn\n"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .hasMessageContaining("rule.TIME_UNAPPROVED.severity[client=C-KESTRAL] names no client 'C-KESTRAL'")
                .hasMessageContaining("C-KESTREL"));
        assertThat(jdbc.sql("SELECT count(*) FROM run_policy").query(Long.class).single()).as("nothing recorded").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM validated_record").query(Long.class).single()).isZero();
    }

    @Test
    void aKeyThatAppliesToTheWholeRunCannotBeScoped() throws Exception {
        RunOutcome outcome = run(policy("cutoff.day-of-next-month[country=GB]=5\n"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .hasMessageContaining("cutoff.day-of-next-month[country=GB]").hasMessageContaining("cannot be scoped"));
    }

    /** "RULE RECORD" to severity, of every exception of the period. */
    private Map<String, String> exceptions() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT rule_code || ' ' || record_key, severity FROM validation_exception WHERE period = ?").param(OCTOBER.toString())
                .query(rs -> {
                    rows.put(rs.getString(1), rs.getString(2));
                });
        return rows;
    }

    /** Each live draft of the run to its routing reason codes, in order. */
    private Map<String, List<String>> routes(long run) {
        Map<String, List<String>> rows = new TreeMap<>();
        jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? AND status = 'live'").param(run).query(String.class).list()
                .forEach(id -> rows.put(id, new ArrayList<>()));
        jdbc.sql("SELECT draft_id, code FROM draft_route_reason WHERE run_id = ? ORDER BY draft_id, seq").param(run)
                .query(rs -> {
                    rows.get(rs.getString(1)).add(rs.getString(2));
                });
        return rows;
    }

    private List<String> reasons(long run, String draftId, String code) {
        return jdbc.sql("SELECT reason FROM draft_route_reason WHERE run_id = ? AND draft_id = ? AND code = ? ORDER BY seq")
                .params(run, draftId, code).query(String.class).list();
    }
}
