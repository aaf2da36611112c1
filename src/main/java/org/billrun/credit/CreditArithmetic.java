package org.billrun.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.Money;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.Rounding;
import org.billrun.billing.TaxGrouping;

/**
 * The arithmetic of a credit memo (docs/credits.md, "Arithmetic"): which net and tax each credited line
 * gives back, from the original invoice's lines and what earlier credit memos already gave back. Plain
 * Java; the credit service loads and stores.
 *
 * <p>A credit mirrors its invoice: the same lines, tax rules, rates, rounding levels and currency. The
 * lines credited are taxed as a document of their own by {@link TaxGrouping} (the code that taxed the
 * invoice), so a full credit of every line gives back exactly the invoice's net and tax, in JPY as in
 * EUR and for reverse charge (rate 0) alike. A line credited up to what is left of it gives back exactly
 * what is left, net and tax: however many partial credits a line gets, they add up to the line, never
 * to a cent more. A line credited in part gives back:
 *
 * <ul>
 * <li>{@code --quantity Q}: the line's net × Q / its quantity, rounded half up to the minor unit;</li>
 * <li>{@code --amount A}: A, a net amount in the invoice's currency, at most at its minor unit;</li>
 * </ul>
 * and its tax by its rule's rate and rounding level, never more than the line's tax still uncredited.
 * A line with nothing left to credit is refused: a double credit is an error, not a zero line.
 */
public final class CreditArithmetic {

    private CreditArithmetic() {}

    /** One line of the original invoice version: quantity (null: a lump sum), net, tax and tax basis (null: untaxed). */
    public record OriginalLine(int lineNo, BigDecimal quantity, Money net, Money tax, TaxGrouping.Basis basis) {}

    /** What the credit memos issued before gave back of one line (not the rejected ones). */
    public record Credited(int lineNo, BigDecimal quantity, Money net, Money tax) {}

    /** How much of a line to credit. */
    public enum Mode {
        /** what is left of the line */
        WHOLE,
        /** a quantity of the line's units */
        QUANTITY,
        /** a net amount */
        AMOUNT
    }

    /** One line asked for: {@code value} is the quantity or the amount (null for {@link Mode#WHOLE}). */
    public record Ask(int lineNo, Mode mode, BigDecimal value) {

        public static Ask whole(int lineNo) {
            return new Ask(lineNo, Mode.WHOLE, null);
        }
    }

    /**
     * One line of the credit memo: the original line it credits, the quantity credited (null when the line
     * has none, or for an amount), net and tax given back (positive for a positive line), and whether it
     * credits what was left of the line.
     */
    public record CreditLine(int lineNo, BigDecimal quantity, Money net, Money tax, TaxGrouping.Basis basis, boolean closesLine) {}

    /** The credit memo's lines and totals; gross = net + tax exactly. */
    public record Result(String currency, List<CreditLine> lines, Money net, Money tax, Money gross) {

        public Result {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Credits {@code asks} of {@code original}, given what {@code already} gave back; no asks credits what
     * is left of every line.
     *
     * @throws CreditException for a request that cannot be right; the message says why
     */
    public static Result credit(String currency, List<OriginalLine> original, List<Credited> already, List<Ask> asks) {
        Map<Integer, OriginalLine> lines = new LinkedHashMap<>();
        original.forEach(l -> lines.put(l.lineNo(), l));
        Map<Integer, Credited> before = new LinkedHashMap<>();
        for (Credited c : already) {
            before.merge(c.lineNo(), c, (a, b) -> new Credited(a.lineNo(), add(a.quantity(), b.quantity()), a.net().plus(b.net()),
                    a.tax().plus(b.tax())));
        }
        List<Ask> wanted = asks.isEmpty() ? wholeOfWhatIsLeft(currency, original, before) : asks;
        if (wanted.isEmpty()) {
            throw new CreditException("the invoice is credited in full already: nothing is left to credit");
        }
        Set<Integer> seen = new HashSet<>();
        List<CreditLine> nets = new ArrayList<>();
        for (Ask ask : wanted) {
            OriginalLine line = lines.get(ask.lineNo());
            if (line == null) {
                throw new CreditException("the invoice has no line " + ask.lineNo() + " (its lines are " + lines.keySet() + ")");
            }
            if (!seen.add(ask.lineNo())) {
                throw new CreditException("line " + ask.lineNo() + " is asked for twice; name each line once");
            }
            nets.add(netOf(currency, line, before.get(line.lineNo()), ask));
        }
        TaxGrouping.Result taxes = TaxGrouping.tax(nets.stream().map(l -> new TaxGrouping.Taxable(l.net(), l.basis())).toList(), currency);
        List<CreditLine> result = new ArrayList<>();
        Money net = Money.zero(currency);
        Money tax = Money.zero(currency);
        for (int i = 0; i < nets.size(); i++) {
            CreditLine l = nets.get(i);
            OriginalLine o = lines.get(l.lineNo());
            Money taxLeft = o.tax().minus(creditedTax(currency, before.get(l.lineNo())));
            Money lineTax = l.closesLine() ? taxLeft : smallerMagnitude(taxes.lineTaxes().get(i), taxLeft);
            result.add(new CreditLine(l.lineNo(), l.quantity(), l.net(), lineTax, l.basis(), l.closesLine()));
            net = net.plus(l.net());
            tax = tax.plus(lineTax);
        }
        return new Result(currency, result, net.rounded(), tax.rounded(), net.plus(tax).rounded());
    }

    private static List<Ask> wholeOfWhatIsLeft(String currency, List<OriginalLine> original, Map<Integer, Credited> before) {
        List<Ask> asks = new ArrayList<>();
        for (OriginalLine l : original) {
            Credited c = before.get(l.lineNo());
            boolean left = c == null ? l.net().signum() != 0 || l.tax().signum() != 0
                    : l.net().compareTo(c.net()) != 0 || l.tax().compareTo(c.tax()) != 0;
            if (left) {
                asks.add(Ask.whole(l.lineNo()));
            }
        }
        return asks;
    }

    private static CreditLine netOf(String currency, OriginalLine line, Credited before, Ask ask) {
        Money netLeft = line.net().minus(before == null ? Money.zero(currency) : before.net());
        Money taxLeft = line.tax().minus(creditedTax(currency, before));
        BigDecimal quantityLeft = line.quantity() == null ? null
                : line.quantity().subtract(before == null || before.quantity() == null ? BigDecimal.ZERO : before.quantity());
        if (netLeft.signum() == 0 && taxLeft.signum() == 0) {
            throw new CreditException("line " + line.lineNo() + " is credited in full already (" + line.net() + " net, " + line.tax()
                    + " tax): a line is never credited twice");
        }
        if (ask.mode() == Mode.WHOLE) {
            return new CreditLine(line.lineNo(), quantityLeft, netLeft, null, line.basis(), true);
        }
        if (line.net().signum() <= 0) {
            throw new CreditException("line " + line.lineNo() + " bills " + line.net() + ": it is credited whole or not at all");
        }
        BigDecimal value = ask.value();
        if (value == null || value.signum() <= 0) {
            throw new CreditException("a credit of line " + line.lineNo() + " by " + ask.mode().name().toLowerCase(java.util.Locale.ROOT) + " needs a value above 0");
        }
        if (ask.mode() == Mode.QUANTITY) {
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                throw new CreditException("line " + line.lineNo() + " has no quantity; credit it by --amount or whole");
            }
            if (value.stripTrailingZeros().scale() > 2) {
                throw new CreditException("a quantity has at most 2 decimals, not " + value.toPlainString());
            }
            if (value.compareTo(quantityLeft) > 0) {
                throw new CreditException("line " + line.lineNo() + " has " + quantityLeft.stripTrailingZeros().toPlainString()
                        + " of its " + line.quantity().stripTrailingZeros().toPlainString() + " left to credit, not "
                        + value.stripTrailingZeros().toPlainString());
            }
            if (value.compareTo(quantityLeft) == 0) {
                return new CreditLine(line.lineNo(), value, netLeft, null, line.basis(), true);
            }
            int digits = MoneyFormat.minorDigits(currency);
            BigDecimal share = line.net().amount().multiply(value).divide(line.quantity(), digits, Rounding.MODE);
            Money net = smallerMagnitude(Money.of(share, currency), netLeft);
            return new CreditLine(line.lineNo(), value, net, null, line.basis(), net.compareTo(netLeft) == 0);
        }
        int digits = MoneyFormat.minorDigits(currency);
        if (value.stripTrailingZeros().scale() > digits) {
            throw new CreditException(value.toPlainString() + " has more decimals than " + currency + " has (" + digits
                    + "); amounts are in the currency's minor unit");
        }
        Money amount = Money.of(value.setScale(digits, RoundingMode.UNNECESSARY), currency);
        if (amount.compareTo(netLeft) > 0) {
            throw new CreditException("line " + line.lineNo() + " has " + netLeft + " net left to credit, less than " + amount);
        }
        return new CreditLine(line.lineNo(), null, amount, null, line.basis(), amount.compareTo(netLeft) == 0);
    }

    private static Money creditedTax(String currency, Credited c) {
        return c == null ? Money.zero(currency) : c.tax();
    }

    private static Money smallerMagnitude(Money a, Money limit) {
        return a.amount().abs().compareTo(limit.amount().abs()) <= 0 ? a : limit;
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** A credit that cannot be issued: the message says why, in finance's terms. */
    public static final class CreditException extends IllegalArgumentException {
        public CreditException(String message) {
            super(message);
        }
    }
}
