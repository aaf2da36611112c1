package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.oct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.billrun.billing.Expense;
import org.billrun.billing.RuleCode;
import org.junit.jupiter.api.Test;

/**
 * Expense validation streams the period by consultant and holds one consultant's lines: it must find
 * exactly what the period-wide comparison found, also when it starts in the middle of a consultant
 * (a restart after the last committed chunk).
 */
class ExpenseWindowTests {

    /** In load order: two consultants interleaved, with an exact duplicate, a near duplicate and a colleague's identical line. */
    private static final List<Expense> LOADED = List.of(
            expense().id("EX-00010", 10).build(),                                                                          // E-006 Hilton Paris
            expense().id("EX-00011", 11).by("E-109").on("P-KESTREL-POS").date(oct(5)).spent("travel", "142.30", "GBP", "LNER").build(),
            expense().id("EX-00012", 12).date(oct(14)).spent("hotel", "629.10", "EUR", "HILTON PARIS OPERA").build(),   // near EX-00010
            expense().id("EX-00013", 13).by("E-109").on("P-KESTREL-POS").date(oct(5)).spent("travel", "142.30", "GBP", "LNER").build(),
            expense().id("EX-00014", 14).by("E-104").on("P-KESTREL-POS").date(oct(5)).spent("travel", "142.30", "GBP", "LNER").build(),
            expense().id("EX-00015", 15).build());                                                                         // EX-00010 again

    @Test
    void streamingByConsultantFindsWhatThePeriodWideComparisonFinds() {
        Map<String, List<String>> periodWide = periodWide();

        Map<String, List<String>> streamed = stream(byConsultant(), 0, (consultant, before) -> List.of()).findings();

        assertThat(streamed).isEqualTo(periodWide);
        assertThat(periodWide.get("EX-00013")).containsExactly("EXPENSE_DUPLICATE");
        assertThat(periodWide.get("EX-00012")).containsExactly("EXPENSE_NEAR_DUPLICATE");
        // EX-00010 again, and close to EX-00012
        assertThat(periodWide.get("EX-00015")).containsExactly("EXPENSE_DUPLICATE", "EXPENSE_NEAR_DUPLICATE");
        assertThat(periodWide.get("EX-00014")).isEmpty();
    }

    @Test
    void aStreamStartingInTheMiddleOfAConsultantReadsThatConsultantsEarlierLinesOnceAndFindsTheSame() {
        List<Expense> ordered = byConsultant();
        AtomicInteger reads = new AtomicInteger();
        // restart after the first committed line: E-006's EX-00010 is behind the cursor
        Streamed resumed = stream(ordered, 1, (consultant, before) -> {
            reads.incrementAndGet();
            return LOADED.stream().filter(x -> x.consultantId().equals(consultant) && x.ref().rowId() < before).toList();
        });

        Map<String, List<String>> expected = periodWide();
        expected.remove(ordered.get(0).expenseId());
        assertThat(resumed.findings()).isEqualTo(expected);
        assertThat(reads).hasValue(1);
    }

    @Test
    void theWindowHoldsOnlyTheCurrentConsultantsLines() {
        Streamed all = stream(byConsultant(), 0, (consultant, before) -> List.of());

        // the last consultant in the stream is E-109 with two lines; E-006's three are gone
        assertThat(all.window().size()).isEqualTo(2);
        assertThat(all.window().expensesOf("E-006")).isEmpty();
        assertThat(all.window().expensesOf("E-109")).extracting(Expense::expenseId).containsExactly("EX-00011", "EX-00013");
    }

    private record Streamed(Map<String, List<String>> findings, ExpenseWindow window) {}

    private static Streamed stream(List<Expense> ordered, int from, java.util.function.BiFunction<String, Long, List<Expense>> earlier) {
        ExpenseWindow window = new ExpenseWindow(earlier);
        ExpenseContext plain = Fixtures.expenseContext();
        ExpenseValidator validator = new ExpenseValidator(
                new ExpenseContext(plain.period(), plain.cutoff(), plain.policy(), plain.master(), window, plain.policies()));
        Map<String, List<String>> findings = new LinkedHashMap<>();
        for (Expense x : ordered.subList(from, ordered.size())) {
            window.before(x);
            findings.put(x.expenseId(), duplicates(validator.validate(x)));
            window.after(x);
        }
        return new Streamed(sorted(findings), window);
    }

    private static Map<String, List<String>> periodWide() {
        ExpenseValidator validator = new ExpenseValidator(Fixtures.expenseContext(LOADED.toArray(Expense[]::new)));
        Map<String, List<String>> findings = new LinkedHashMap<>();
        LOADED.forEach(x -> findings.put(x.expenseId(), duplicates(validator.validate(x))));
        return sorted(findings);
    }

    private static List<String> duplicates(ValidatedRecord record) {
        List<String> rules = new ArrayList<>();
        record.findings().stream().filter(f -> f.rule() == RuleCode.EXPENSE_DUPLICATE || f.rule() == RuleCode.EXPENSE_NEAR_DUPLICATE)
                .forEach(f -> rules.add(f.rule().name()));
        return rules;
    }

    private static List<Expense> byConsultant() {
        return LOADED.stream().sorted(Comparator.comparing(Expense::consultantId).thenComparingLong(x -> x.ref().rowId())).toList();
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> findings) {
        Map<String, List<String>> sorted = new java.util.TreeMap<>(findings);
        return new LinkedHashMap<>(sorted);
    }
}
