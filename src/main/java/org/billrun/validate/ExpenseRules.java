package org.billrun.validate;

import static org.billrun.billing.RuleCode.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.billrun.billing.ApprovalStatus;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.ExpensePolicy;
import org.billrun.billing.FxTable;
import org.billrun.billing.MoneyFormat;
import org.billrun.policy.ValidationPolicy;

/** The rules for expense lines, one object each (see {@link RuleCode} for what each one means). */
public final class ExpenseRules {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private ExpenseRules() {}

    public static List<RecordRule<Expense, ExpenseContext>> all() {
        return List.of(unknownProject(), projectClosed(), unknownConsultant(), outsidePeriod(), unknownCategory(),
                afterCutoff(), unapproved(), rejected(), overLimit(), missingReceipt(), duplicate(), nearDuplicate(),
                fxRateMissing(), contractNotInForce(), projectClientMismatch());
    }

    public static RecordRule<Expense, ExpenseContext> unknownProject() {
        return WorkRecordRules.unknownProject(EXPENSE_UNKNOWN_PROJECT);
    }

    public static RecordRule<Expense, ExpenseContext> projectClosed() {
        return WorkRecordRules.projectClosed(EXPENSE_PROJECT_CLOSED);
    }

    public static RecordRule<Expense, ExpenseContext> unknownConsultant() {
        return WorkRecordRules.unknownConsultant(EXPENSE_UNKNOWN_CONSULTANT);
    }

    public static RecordRule<Expense, ExpenseContext> outsidePeriod() {
        return WorkRecordRules.outsidePeriod(EXPENSE_OUTSIDE_PERIOD, "dated");
    }

    public static RecordRule<Expense, ExpenseContext> unknownCategory() {
        return RecordRule.of(EXPENSE_UNKNOWN_CATEGORY, (x, c) -> c.master().expensePolicies().containsKey(x.category()) ? Optional.empty()
                : Optional.of("category " + x.category() + " is not in expense_policies.csv"));
    }

    public static RecordRule<Expense, ExpenseContext> afterCutoff() {
        return WorkRecordRules.afterCutoff(EXPENSE_AFTER_CUTOFF);
    }

    public static RecordRule<Expense, ExpenseContext> unapproved() {
        return WorkRecordRules.unapproved(EXPENSE_UNAPPROVED);
    }

    public static RecordRule<Expense, ExpenseContext> rejected() {
        return RecordRule.of(EXPENSE_REJECTED, (x, c) -> x.approvalStatus() != ApprovalStatus.REJECTED ? Optional.empty()
                : Optional.of("rejected by its approver"));
    }

    public static RecordRule<Expense, ExpenseContext> overLimit() {
        return RecordRule.of(EXPENSE_OVER_LIMIT, (x, c) -> {
            ExpensePolicy policy = c.master().expensePolicies().get(x.category());
            if (policy == null || policy.limitAmount() == null) {
                return Optional.empty();
            }
            return inPolicyCurrency(x, policy, c).filter(amount -> amount.compareTo(policy.limitAmount()) > 0)
                    .map(amount -> x.category() + " " + described(x, policy, amount) + " is above the " + x.category() + " limit of "
                            + MoneyFormat.format(policy.limitAmount(), policy.currency()) + " per line");
        });
    }

    public static RecordRule<Expense, ExpenseContext> missingReceipt() {
        return RecordRule.of(EXPENSE_MISSING_RECEIPT, (x, c) -> {
            ExpensePolicy policy = c.master().expensePolicies().get(x.category());
            if (x.hasReceipt() || policy == null) {
                return Optional.empty();
            }
            // the firm's policy may set the threshold for this expense's scope (expense.receipt-required-above.CCY[project=...])
            BigDecimal scoped = c.policyFor(x.projectId()).receiptRequiredAbove(policy.currency());
            BigDecimal above = scoped != null ? scoped : policy.receiptRequiredAbove();
            if (above == null) {
                return Optional.empty();
            }
            return inPolicyCurrency(x, policy, c).filter(amount -> amount.compareTo(above) > 0)
                    .map(amount -> x.category() + " " + described(x, policy, amount) + " has no receipt; " + x.category()
                            + " needs one above " + MoneyFormat.format(above, policy.currency())
                            + (scoped != null ? " (policy key expense.receipt-required-above." + policy.currency() + ")" : ""));
        });
    }

    public static RecordRule<Expense, ExpenseContext> duplicate() {
        return RecordRule.of(EXPENSE_DUPLICATE, (x, c) -> c.expensesOf(x.consultantId()).stream()
                .filter(other -> other.ref().rowId() < x.ref().rowId() && exactDuplicates(x, other))
                .findFirst()
                .map(other -> "same consultant, date, category, amount and merchant as " + other.expenseId() + " (" + other.ref().where() + "): "
                        + MoneyFormat.format(x.amount(), x.currency()) + " on " + x.expenseDate() + " at '" + x.merchant() + "'"));
    }

    /**
     * Another expense of the same consultant, category and currency, not an exact duplicate, whose
     * amount is within the tolerance, whose date is within the window, and whose merchant shares
     * enough words (shared words / all words of both names). The later line of the pair carries
     * the warning.
     */
    public static RecordRule<Expense, ExpenseContext> nearDuplicate() {
        return RecordRule.of(EXPENSE_NEAR_DUPLICATE, (x, c) -> {
            ValidationPolicy policy = c.policy();
            for (Expense other : c.expensesOf(x.consultantId())) {
                if (other.ref().rowId() >= x.ref().rowId() || exactDuplicates(x, other) || !other.category().equals(x.category())
                        || !other.currency().equals(x.currency())) {
                    continue;
                }
                long days = Math.abs(ChronoUnit.DAYS.between(other.expenseDate(), x.expenseDate()));
                BigDecimal larger = x.amount().max(other.amount());
                BigDecimal apartPct = x.amount().subtract(other.amount()).abs().multiply(HUNDRED).divide(larger, 2, RoundingMode.HALF_UP);
                if (days > policy.nearDuplicateWindowDays() || apartPct.compareTo(policy.nearDuplicateAmountTolerancePct()) > 0) {
                    continue;
                }
                BigDecimal similarity = merchantSimilarity(x.merchant(), other.merchant());
                if (similarity.compareTo(policy.nearDuplicateMerchantSimilarity()) >= 0) {
                    return Optional.of(MoneyFormat.format(x.amount(), x.currency()) + " on " + x.expenseDate() + " at '" + x.merchant()
                            + "' is close to " + other.expenseId() + " (" + other.ref().where() + "): "
                            + MoneyFormat.format(other.amount(), other.currency()) + " on " + other.expenseDate() + " at '" + other.merchant()
                            + "'; " + apartPct.toPlainString() + " % apart, " + days + (days == 1 ? " day" : " days") + " apart, merchant similarity "
                            + similarity.setScale(2, RoundingMode.HALF_UP).toPlainString());
                }
            }
            return Optional.empty();
        });
    }

    public static RecordRule<Expense, ExpenseContext> fxRateMissing() {
        return RecordRule.of(FX_RATE_MISSING, (x, c) -> {
            Contract contract = c.master().contractOf(c.master().project(x.projectId()));
            FxTable fx = c.master().fx();
            if (contract != null && fx.rate(x.currency(), contract.currency(), x.expenseDate()).isEmpty()) {
                return Optional.of("no " + x.currency() + " to " + contract.currency() + " rate for " + x.expenseDate() + " or the "
                        + c.policy().fxLookbackDays() + " days before it (contract " + contract.contractId() + " bills in " + contract.currency() + ")");
            }
            ExpensePolicy policy = c.master().expensePolicies().get(x.category());
            if (policy != null && fx.rate(x.currency(), policy.currency(), x.expenseDate()).isEmpty()) {
                return Optional.of("no " + x.currency() + " to " + policy.currency() + " rate for " + x.expenseDate() + " or the "
                        + c.policy().fxLookbackDays() + " days before it (the " + x.category() + " policy is in " + policy.currency() + ")");
            }
            return Optional.empty();
        });
    }

    public static RecordRule<Expense, ExpenseContext> contractNotInForce() {
        return WorkRecordRules.contractNotInForce("spent on");
    }

    public static RecordRule<Expense, ExpenseContext> projectClientMismatch() {
        return WorkRecordRules.projectClientMismatch();
    }

    static boolean exactDuplicates(Expense a, Expense b) {
        return a.expenseDate().equals(b.expenseDate()) && a.category().equals(b.category()) && a.currency().equals(b.currency())
                && a.amount().compareTo(b.amount()) == 0 && normalised(a.merchant()).equals(normalised(b.merchant()));
    }

    /**
     * Shared words over all words of both names (Jaccard): "Hilton Paris" vs "HILTON PARIS OPERA" is
     * 0.67, while "Novotel Paris Gare de Lyon" vs "Hilton Paris" (one shared city) is 0.17.
     */
    static BigDecimal merchantSimilarity(String a, String b) {
        Set<String> left = words(a);
        Set<String> right = words(b);
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() && right.isEmpty() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        Set<String> shared = new TreeSet<>(left);
        shared.retainAll(right);
        Set<String> all = new TreeSet<>(left);
        all.addAll(right);
        return BigDecimal.valueOf(shared.size()).divide(BigDecimal.valueOf(all.size()), MathContext.DECIMAL64);
    }

    private static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        for (String word : normalised(text).split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String normalised(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static Optional<BigDecimal> inPolicyCurrency(Expense x, ExpensePolicy policy, ExpenseContext c) {
        return c.master().fx().rate(x.currency(), policy.currency(), x.expenseDate()).map(q -> x.amount().multiply(q.rate()));
    }

    /** "EUR 456.00", or "GBP 212.40 (EUR 246.11)" when the policy is in another currency. */
    private static String described(Expense x, ExpensePolicy policy, BigDecimal inPolicyCurrency) {
        String own = MoneyFormat.format(x.amount(), x.currency());
        return x.currency().equals(policy.currency()) ? own : own + " (" + MoneyFormat.format(inPolicyCurrency, policy.currency()) + ")";
    }
}
