package org.billrun.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.billrun.assist.risk.RiskEvaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * billrun generate --dispute-history (docs/assistance.md, "Dispute risk: the generated history"): months of each
 * client contract's invoices with disputes, credits and payments, driven by client traits; the risk score trained on
 * the earlier months and judged on the last six. The figures it prints are the ones the document quotes.
 */
class DisputeHistoryTests {

    static final YearMonth PERIOD = YearMonth.of(2026, 10);
    static final int CONSULTANTS = 1500;
    static final int MONTHS = 24;
    static final long SEED = 19;

    /**
     * Guessing scores 0.5; the model reaches 0.754 on the held-out months (docs/assistance.md). With 299 held-out
     * disputes the AUC's standard error is about 0.015, so 0.70 is some 3.5 of them below. The history is the same for
     * the same seed: the test fails only when the generator or the model changes, and then says whether the history
     * still carries the signal (a trait no longer driving disputes would take the AUC towards 0.5).
     */
    static final double MIN_AUC = 0.70;

    @TempDir
    static Path dir;

    private static GenerationSummary withHistory;

    @BeforeAll
    static void generateAFirmWithTwoYearsOfDisputeHistory() throws IOException {
        withHistory = new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, SEED, dir.resolve("with"), MONTHS));
        RiskEvaluation e = withHistory.disputeRisk();
        e.describe().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "intercept %.3f%n", e.model().intercept());
        e.model().weights().forEach((f, w) -> System.out.printf(Locale.ROOT, "  %-24s %+.3f%n", f, w));
    }

    @Test
    void aModelTrainedOnTheEarlierMonthsRanksTheHeldOutMonthsDisputesAboveTheOthers() {
        RiskEvaluation e = withHistory.disputeRisk();

        assertThat(e.firstHeldOut()).isEqualTo(PERIOD.minusMonths(FirmGenerator.HELD_OUT_MONTHS));
        assertThat(e.lastHeldOut()).isEqualTo(PERIOD.minusMonths(1));
        assertThat(e.heldOutDisputed()).as("enough disputes to judge by").isGreaterThan(200);
        assertThat(e.auc()).isGreaterThan(MIN_AUC);
    }

    @Test
    void flaggingAtThePolicysThresholdFindsDisputesFarMoreOftenThanTheBaseRate() {
        RiskEvaluation e = withHistory.disputeRisk();

        assertThat(e.atThreshold().threshold()).as("the generated policy sets none: the default").isEqualTo(0.5);
        assertThat(e.atThreshold().flagged()).isPositive();
        assertThat(e.atThreshold().precision()).isGreaterThan(2 * e.baseRate());
    }

    @Test
    void theHistoryFollowsTheFirmsContractsAndEachInvoicesOutcomeIsConsistent() throws IOException {
        Map<String, Map<String, String>> contracts = new HashMap<>();
        read(dir.resolve("with").resolve("contracts.csv")).forEach(r -> contracts.put(r.get("contract_id"), r));
        List<Map<String, String>> rows = read(dir.resolve("with").resolve(DisputeHistory.FILE));

        assertThat(rows).hasSize(withHistory.rowsPerFile().get(DisputeHistory.FILE).intValue()).isNotEmpty();
        assertThat(rows).allSatisfy(r -> {
            Map<String, String> contract = contracts.get(r.get("contract_id"));
            assertThat(contract).as(r.get("contract_id")).isNotNull();
            assertThat(r.get("client_id")).isEqualTo(contract.get("client_id"));
            assertThat(r.get("currency")).isEqualTo(contract.get("currency"));
            YearMonth month = YearMonth.parse(r.get("period"));
            assertThat(month).isBetween(PERIOD.minusMonths(MONTHS), PERIOD.minusMonths(1));
            assertThat(month.atEndOfMonth()).as("billed only while the contract ran").isAfterOrEqualTo(java.time.LocalDate.parse(contract.get("start_date")));
            assertThat(Integer.parseInt(r.get("lines_without_evidence"))).isBetween(0, Integer.parseInt(r.get("lines")));
            BigDecimal credited = new BigDecimal(r.get("credited"));
            if (credited.signum() > 0) {
                assertThat(r.get("disputed")).as("only a disputed invoice is credited").isEqualTo("true");
                assertThat(credited).isLessThan(new BigDecimal(r.get("net")));
            }
            assertThat(r.get("days_to_pay").isEmpty()).as("the last month is not paid yet").isEqualTo(month.equals(PERIOD.minusMonths(1)));
        });
        assertThat(rows).extracting(r -> r.get("disputed")).contains("true", "false");
    }

    @Test
    void theSameRequestWritesTheSameHistoryAndAskingForItChangesNoOtherFile() throws IOException {
        Path again = dir.resolve("again");
        Path without = dir.resolve("without");
        new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, SEED, again, MONTHS));
        GenerationSummary plain = new FirmGenerator().generate(new GenerationRequest(CONSULTANTS, PERIOD, SEED, without));

        assertThat(Files.readAllBytes(again.resolve(DisputeHistory.FILE))).isEqualTo(Files.readAllBytes(dir.resolve("with").resolve(DisputeHistory.FILE)));
        assertThat(plain.disputeRisk()).isNull();
        assertThat(without.resolve(DisputeHistory.FILE)).doesNotExist();
        assertThat(plain.rowsPerFile().keySet()).as("the default output: the input files only").doesNotContain(DisputeHistory.FILE);
        for (String file : FirmGenerator.FILES) {
            assertThat(Files.readAllBytes(without.resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve("with").resolve(file)));
        }
    }

    @Test
    void aHistoryOfLessThanAYearOrMoreThanTenIsRefused() {
        assertThatThrownBy(() -> new GenerationRequest(10, PERIOD, 1, dir, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dispute history must be between 12 and 120 months, got 11");
        assertThatThrownBy(() -> new GenerationRequest(10, PERIOD, 1, dir, 121)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The rows of a generated file, each by its header's column names. */
    private static List<Map<String, String>> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); CSVReader csv = new CSVReader(in)) {
            List<String[]> all = csv.readAll();
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] cells : all.subList(1, all.size())) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(all.get(0)[i], cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }
}
