package org.billrun.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmGeneratorTests {

    private static final int CONSULTANTS = 50;
    private static final YearMonth PERIOD = YearMonth.of(2026, 10);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    @TempDir
    static Path temp;

    private static Path firm;
    private static GenerationSummary summary;

    @BeforeAll
    static void generateOnce() throws IOException {
        firm = temp.resolve("seed-42");
        summary = new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, 42, firm));
    }

    @Test
    void sameRequestGivesByteIdenticalFiles() throws IOException {
        Path again = temp.resolve("seed-42-again");
        new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, 42, again));

        assertThat(sha256OfEachFile(again)).isEqualTo(sha256OfEachFile(firm));
    }

    @Test
    void theFirmCarriesAPolicyWithAnAutoApproveLimitForEveryCurrencyItsContractsBillIn() throws IOException {
        assertThat(summary.policyFile()).isEqualTo(firm.resolve("policy.properties"));
        DraftPolicy policy = DraftPolicy.from(PolicyFile.read(summary.policyFile()));
        Set<String> billedIn = read("contracts.csv").stream().map(k -> k.get("currency")).collect(Collectors.toSet());

        assertThat(policy.autoApproveLimits()).containsKeys(billedIn.toArray(String[]::new));
        assertThat(policy.autoApproveLimits()).containsOnlyKeys("EUR", "GBP", "USD", "CHF");
        assertThat(policy.autoApproveLimits().get("EUR")).isEqualByComparingTo("250000.00");
        assertThat(policy.autoApproveLimits().get("GBP")).isEqualByComparingTo("215000.00");
        assertThat(policy.autoApproveLimits().get("USD")).isEqualByComparingTo("275000.00");
        assertThat(policy.autoApproveLimits().get("CHF")).isEqualByComparingTo("245000.00");
        assertThat(policy.writeDownThresholdPct()).isZero();
        // only the approval matrix: validation runs with its documented defaults
        assertThat(Files.readAllLines(summary.policyFile())).filteredOn(line -> !line.startsWith("#"))
                .allMatch(line -> line.startsWith("approval."));
    }

    @Test
    void theSameRequestGivesTheSamePolicyFile() throws IOException {
        Path again = temp.resolve("seed-42-policy");
        new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, 42, again));

        assertThat(again.resolve("policy.properties")).hasSameBinaryContentAs(firm.resolve("policy.properties"));
    }

    @Test
    void differentSeedGivesDifferentData() throws IOException {
        Path other = temp.resolve("seed-43");
        new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, 43, other));

        Map<String, String> a = sha256OfEachFile(firm);
        Map<String, String> b = sha256OfEachFile(other);
        for (String file : List.of("clients.csv", "consultants.csv", "contracts.csv", "billing_history.csv",
                "time_entries.csv", "expenses.csv", "fx_rates.csv")) {
            assertThat(b.get(file)).as(file).isNotEqualTo(a.get(file));
        }
    }

    @Test
    void writesEveryFileOfTheFormatsDocWithItsColumnsAsHeader() throws IOException {
        Map<String, List<String>> documented = documentedColumns();

        assertThat(documented).hasSize(16);
        assertThat(FirmGenerator.FILES).containsExactlyElementsOf(documented.keySet());
        assertThat(summary.rowsPerFile().keySet()).containsExactlyElementsOf(documented.keySet());
        for (Map.Entry<String, List<String>> file : documented.entrySet()) {
            String header = Files.readAllLines(firm.resolve(file.getKey()), StandardCharsets.UTF_8).get(0);
            assertThat(header).as(file.getKey()).isEqualTo(String.join(",", file.getValue()));
        }
    }

    @Test
    void summaryCountsTheRecordsInEachFile() throws IOException {
        for (String file : FirmGenerator.FILES) {
            assertThat((long) read(file).size()).as(file).isEqualTo(summary.rowsPerFile().get(file));
            assertThat(summary.rowsPerFile().get(file)).as(file).isPositive();
        }
        assertThat(summary.outDir()).isEqualTo(firm);
    }

    @Test
    void timeEntriesAreAboutThreePerConsultantAndWorkingDay() throws IOException {
        long workingDays = PERIOD.atDay(1).datesUntil(PERIOD.atEndOfMonth().plusDays(1))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        double expected = 3.0 * CONSULTANTS * workingDays;

        assertThat((double) summary.rowsPerFile().get("time_entries.csv")).isBetween(expected * 0.8, expected * 1.2);
        assertThat(summary.rowsPerFile().get("consultants.csv")).isEqualTo(CONSULTANTS);
        assertThat(summary.rowsPerFile().get("expenses.csv")).isBetween(5L * CONSULTANTS * 9 / 10, 21L * CONSULTANTS);
        assertThat(summary.rowsPerFile().get("clients.csv")).isGreaterThanOrEqualTo(10);
    }

    @Test
    void rowCountsGrowWithTheNumberOfConsultants() throws IOException {
        Path small = temp.resolve("twenty");
        GenerationSummary twenty = new FirmGenerator().generate(new GenerationRequest(20, PERIOD, 42, small));

        double ratio = (double) summary.rowsPerFile().get("time_entries.csv") / twenty.rowsPerFile().get("time_entries.csv");
        assertThat(ratio).isBetween(2.5 * 0.85, 2.5 * 1.15);
        assertThat(summary.rowsPerFile().get("expenses.csv")).isGreaterThan(twenty.rowsPerFile().get("expenses.csv"));
    }

    @Test
    void timeEntriesReferenceExistingConsultantsProjectsAndTasksExceptTheUnknownProjectDefects() throws IOException {
        Set<String> consultants = column(read("consultants.csv"), "consultant_id");
        Map<String, String> projectOfTask = read("tasks.csv").stream()
                .collect(Collectors.toMap(r -> r.get("task_id"), r -> r.get("project_id")));
        Set<String> projects = column(read("projects.csv"), "project_id");
        List<Map<String, String>> entries = read("time_entries.csv");

        long unknownProject = 0;
        for (Map<String, String> e : entries) {
            assertThat(consultants).contains(e.get("consultant_id"));
            if (!projects.contains(e.get("project_id"))) {
                unknownProject++;
                continue;
            }
            if (!e.get("task_id").isEmpty()) {
                assertThat(projectOfTask.get(e.get("task_id"))).isEqualTo(e.get("project_id"));
            }
        }
        assertThat(unknownProject).isPositive().isLessThanOrEqualTo(entries.size() / 100);
    }

    @Test
    void masterDataReferencesResolve() throws IOException {
        Set<String> entities = column(read("entities.csv"), "entity_id");
        Set<String> clients = column(read("clients.csv"), "client_id");
        Set<String> contracts = column(read("contracts.csv"), "contract_id");
        Set<String> consultants = column(read("consultants.csv"), "consultant_id");
        Set<String> projects = column(read("projects.csv"), "project_id");
        Set<String> rateCards = column(read("rate_cards.csv"), "rate_card_id");

        for (Map<String, String> k : read("contracts.csv")) {
            assertThat(clients).contains(k.get("client_id"));
            assertThat(entities).contains(k.get("entity_id"));
            if (!k.get("rate_card_id").isEmpty()) {
                assertThat(rateCards).contains(k.get("rate_card_id"));
            }
        }
        for (Map<String, String> p : read("projects.csv")) {
            assertThat(contracts).contains(p.get("contract_id"));
            assertThat(clients).contains(p.get("client_id"));
        }
        for (Map<String, String> c : read("consultants.csv")) {
            assertThat(entities).contains(c.get("home_entity_id"));
            assertThat(c.get("manager_id")).isIn(union(consultants, ""));
        }
        for (Map<String, String> x : read("expenses.csv")) {
            assertThat(consultants).contains(x.get("consultant_id"));
            assertThat(projects).contains(x.get("project_id"));
        }
        for (Map<String, String> h : read("billing_history.csv")) {
            assertThat(contracts).contains(h.get("contract_id"));
            assertThat(h.get("consultant_id")).isIn(union(consultants, ""));
        }
    }

    @Test
    void firmHasAllBillingModelsEntitiesAndClientKinds() throws IOException {
        assertThat(column(read("contracts.csv"), "billing_model"))
                .containsExactlyInAnyOrder("time_and_materials", "fixed_fee", "retainer", "not_to_exceed");
        assertThat(column(read("entities.csv"), "entity_id")).containsExactlyInAnyOrder("DE01", "GB01", "US01");
        assertThat(column(read("clients.csv"), "country")).contains("DE", "GB", "US", "CH");
        assertThat(read("clients.csv")).anyMatch(c -> c.get("customer_type").equals("business")
                && !Set.of("DE", "GB", "US", "CH").contains(c.get("country")) && !c.get("tax_id").isEmpty());
        assertThat(read("rate_cards.csv").stream().map(r -> r.get("level")))
                .contains("firm", "client", "contract", "consultant");
        assertThat(read("milestones.csv")).isNotEmpty();
        for (Map<String, String> k : read("contracts.csv")) {
            if (k.get("billing_model").equals("not_to_exceed")) {
                assertThat(k.get("cap_amount")).isNotEmpty();
            }
            if (k.get("billing_model").equals("retainer")) {
                assertThat(k.get("retainer_amount")).isNotEmpty();
            }
        }
    }

    @Test
    void periodRowsAreSyntacticallyValid() throws IOException {
        for (Map<String, String> e : read("time_entries.csv")) {
            assertThat(e.get("entry_id")).matches(ID);
            LocalDate.parse(e.get("work_date"));
            BigDecimal hours = new BigDecimal(e.get("hours"));
            assertThat(hours).isPositive().isLessThanOrEqualTo(new BigDecimal("24"));
            assertThat(hours.scale()).isLessThanOrEqualTo(2);
            assertThat(e.get("billable")).isIn("true", "false");
            assertThat(e.get("approval_status")).isIn("draft", "submitted", "approved", "rejected");
            if (!e.get("submitted_at").isEmpty()) {
                OffsetDateTime.parse(e.get("submitted_at"));
            }
        }
        for (Map<String, String> x : read("expenses.csv")) {
            assertThat(x.get("expense_id")).matches(ID);
            LocalDate.parse(x.get("expense_date"));
            BigDecimal amount = new BigDecimal(x.get("amount"));
            assertThat(amount).isPositive();
            assertThat(amount.scale()).isEqualTo(2);
            assertThat(x.get("currency")).matches("[A-Z]{3}");
            assertThat(x.get("has_receipt")).isIn("true", "false");
        }
        for (Map<String, String> h : read("billing_history.csv")) {
            YearMonth month = YearMonth.parse(h.get("period"));
            assertThat(month).isBetween(PERIOD.minusMonths(6), PERIOD.minusMonths(1));
            assertThat(new BigDecimal(h.get("amount")).scale()).isEqualTo(2);
        }
    }

    @Test
    void periodDataIsMostlyCleanWithAFewDeliberateDefects() throws IOException {
        List<Map<String, String>> entries = read("time_entries.csv");
        long outside = entries.stream().filter(e -> !YearMonth.from(LocalDate.parse(e.get("work_date"))).equals(PERIOD)).count();
        long unapproved = entries.stream().filter(e -> !e.get("approval_status").equals("approved")).count();
        double nonBillableHours = entries.stream().filter(e -> e.get("billable").equals("false"))
                .mapToDouble(e -> Double.parseDouble(e.get("hours"))).sum();
        double hours = entries.stream().mapToDouble(e -> Double.parseDouble(e.get("hours"))).sum();

        assertThat(outside).isPositive().isLessThan(entries.size() / 100);
        assertThat(unapproved).isPositive().isLessThan(entries.size() / 50);
        assertThat(nonBillableHours / hours).isBetween(0.05, 0.2);

        List<Map<String, String>> expenses = read("expenses.csv");
        Set<String> known = column(read("fx_rates.csv"), "from_currency");
        assertThat(expenses).anyMatch(x -> !known.contains(x.get("currency")));
        Map<List<String>, Long> sameExceptId = expenses.stream().collect(Collectors.groupingBy(
                x -> x.entrySet().stream().filter(f -> !f.getKey().equals("expense_id")).map(Map.Entry::getValue).toList(),
                Collectors.counting()));
        assertThat(sameExceptId.values()).anyMatch(n -> n > 1);
        assertThat(column(expenses, "expense_id")).hasSize(expenses.size());
    }

    @Test
    void requestRejectsConsultantCountsOutOfRange() {
        assertThatThrownBy(() -> new GenerationRequest(0, PERIOD, 1, temp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consultants");
        assertThatThrownBy(() -> new GenerationRequest(1_000_001, PERIOD, 1, temp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consultants");
        assertThatThrownBy(() -> new GenerationRequest(10, null, 1, temp)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GenerationRequest(10, PERIOD, 1, null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- helpers

    /** File name to its documented column names, in the order of docs/input-formats.md. */
    private static Map<String, List<String>> documentedColumns() throws IOException {
        Pattern heading = Pattern.compile("^#### `([a-z_]+\\.csv)`.*");
        Map<String, List<String>> files = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Path.of("docs/input-formats.md"), StandardCharsets.UTF_8)) {
            Matcher m = heading.matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                files.put(m.group(1), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null && line.startsWith("|")) {
                String cell = line.split("\\|")[1].strip();
                if (!cell.equals("column") && !cell.startsWith("---")) {
                    current.add(cell);
                }
            }
        }
        return files;
    }

    private static List<Map<String, String>> read(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(firm.resolve(file), StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> lines = csv.readAll();
            String[] header = lines.get(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                assertThat(line).as(file + " row width").hasSize(header.length);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], line[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }

    private static Set<String> column(List<Map<String, String>> rows, String name) {
        return rows.stream().map(r -> r.get(name)).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> values, String extra) {
        Set<String> all = new HashSet<>(values);
        all.add(extra);
        return all;
    }

    private static Map<String, String> sha256OfEachFile(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (var files = Files.list(dir)) {
            // the input files; policy.properties has a test of its own
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                    hashes.put(file.getFileName().toString(), HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(hashes).hasSize(16);
        return hashes;
    }
}
