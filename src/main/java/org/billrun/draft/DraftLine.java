package org.billrun.draft;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.Money;

/**
 * One line of a draft invoice. {@code value} is what the line's records are worth, rounded to the
 * minor unit; {@code net} is what the line invoices: the value, or 0 where a fixed fee or a retainer
 * covers the time. {@code key} identifies the line across runs (for {@code billrun diff}).
 * {@code unitPrice} is a rate in the line's currency (an hourly rate may have more decimals than the
 * currency). Tax fields are filled by {@link Taxation}.
 */
public record DraftLine(int lineNo, LineType type, String key, String description, BigDecimal quantity, BigDecimal unitPrice,
        Money value, Money net, String explanation, List<LineSource> sources, String taxRuleId, String taxCategory,
        BigDecimal taxRate, Money tax) {

    public DraftLine {
        sources = List.copyOf(sources);
    }

    static DraftLine of(LineType type, String key, String description, BigDecimal quantity, BigDecimal unitPrice, Money value,
            Money net, String explanation, List<LineSource> sources) {
        return new DraftLine(0, type, key, description, quantity, unitPrice, value, net, explanation, sources, null, null, null, null);
    }

    DraftLine numbered(int number) {
        return new DraftLine(number, type, key, description, quantity, unitPrice, value, net, explanation, sources, taxRuleId,
                taxCategory, taxRate, tax);
    }

    DraftLine taxed(String ruleId, String category, BigDecimal rate, Money lineTax) {
        return new DraftLine(lineNo, type, key, description, quantity, unitPrice, value, net, explanation, sources, ruleId, category,
                rate, lineTax);
    }
}
