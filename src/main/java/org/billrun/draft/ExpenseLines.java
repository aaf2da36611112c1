package org.billrun.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.FxTable.Quote;
import org.billrun.billing.MasterData;
import org.billrun.billing.Money;
import org.billrun.billing.Presentation;
import org.billrun.billing.Valuation;

/**
 * Rebillable expenses (docs/drafting.md, "Expenses"): each converted to the contract's currency by the
 * FX rule and marked up by the contract's percentage; one line per category, or per consultant and
 * category for clients who want the detail; the line rounds the sum once.
 */
final class ExpenseLines {

    private final MasterData master;

    ExpenseLines(MasterData master) {
        this.master = master;
    }

    List<DraftLine> lines(Contract contract, List<Expense> expenses, Presentation presentation) {
        Map<String, List<Expense>> groups = new TreeMap<>();
        for (Expense expense : expenses) {
            String key = presentation == Presentation.DETAIL_BY_CONSULTANT
                    ? expense.consultantId() + "|" + expense.category() : expense.category();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(expense);
        }
        BigDecimal markupPct = contract.expenseMarkupPct() == null ? BigDecimal.ZERO : contract.expenseMarkupPct();
        List<DraftLine> lines = new ArrayList<>();
        groups.forEach((key, list) -> {
            list.sort(Comparator.comparing(Expense::expenseDate).thenComparing(Expense::expenseId));
            BigDecimal exact = BigDecimal.ZERO;
            List<LineSource> sources = new ArrayList<>();
            Set<String> conversions = new LinkedHashSet<>();
            for (Expense expense : list) {
                Quote quote = master.fx().rate(expense.currency(), contract.currency(), expense.expenseDate())
                        .orElseThrow(() -> new IllegalStateException("expense " + expense.expenseId() + " (" + expense.ref().where()
                                + ") is valid but has no " + expense.currency() + "/" + contract.currency() + " rate for "
                                + expense.expenseDate() + " (FX_RATE_MISSING must hold it)"));
                BigDecimal value = Valuation.expense(expense.amount(), quote.rate());
                BigDecimal markup = Valuation.markup(value, markupPct);
                exact = exact.add(value).add(markup);
                String basis = expense.currency().equals(contract.currency()) ? "at cost in " + contract.currency() : fx(expense, quote);
                if (!expense.currency().equals(contract.currency())) {
                    conversions.add(expense.currency() + " at " + quote.rate().stripTrailingZeros().toPlainString() + " of " + quote.date());
                }
                sources.add(new LineSource(expense.ref(), expense.expenseDate(), null, value, markup, basis));
            }
            Money value = Money.rounded(exact, contract.currency());
            Expense first = list.get(0);
            String category = first.category().replace('_', ' ');
            String description = presentation == Presentation.DETAIL_BY_CONSULTANT
                    ? "Expenses: " + consultantName(first.consultantId()) + ", " + category : "Expenses: " + category;
            String explanation = list.size() + (list.size() == 1 ? " expense" : " expenses")
                    + (markupPct.signum() == 0 ? " at cost" : " at cost + " + markupPct.stripTrailingZeros().toPlainString() + " % markup")
                    + (conversions.isEmpty() ? "" : "; converted to " + contract.currency() + ": " + String.join(", ", conversions));
            lines.add(DraftLine.of(LineType.EXPENSE, key, description, null, null, value, value, explanation,
                    sources));
        });
        return lines;
    }

    private static String fx(Expense expense, Quote quote) {
        return expense.amount().toPlainString() + " " + expense.currency() + " x " + quote.rate().stripTrailingZeros().toPlainString()
                + " (" + quote.from() + "/" + quote.to() + " of " + quote.date() + (quote.inverted() ? ", inverted" : "") + ")";
    }

    private String consultantName(String id) {
        Consultant consultant = master.consultant(id);
        return consultant == null ? id : consultant.name();
    }
}
