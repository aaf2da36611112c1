package org.billrun.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reviewer's change to one line of an invoice version (docs/approval.md, "Adjustments"): a write-down
 * or write-up of the line's net by an amount, or a write-off of the whole line. The result is the next
 * version, whose line taxes, tax subtotals and totals are recomputed by {@link TaxGrouping}, the code
 * that taxed the draft; every other line keeps its net, and its tax changes only where document
 * rounding spreads its group's tax anew. Plain arithmetic: the approval service loads and stores.
 */
public final class InvoiceAdjustment {

    private InvoiceAdjustment() {}

    public enum Kind {
        WRITE_DOWN, WRITE_UP, WRITE_OFF;

        /** The value stored and shown: write_down, write_up, write_off. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of a version as the arithmetic sees it: its number, net, tax basis (null: untaxed) and tax. */
    public record Line(int lineNo, Money net, TaxGrouping.Basis basis, Money tax) {}

    /** A version's lines with their taxes, the tax subtotals and the totals; gross = net + tax exactly. */
    public record Version(String currency, List<Line> lines, List<TaxGrouping.Group> taxGroups, Money net, Money tax, Money gross) {

        public Version {
            lines = List.copyOf(lines);
            taxGroups = List.copyOf(taxGroups);
        }

        /**
         * The version of these lines, taxed and totalled as drafting does: each line's tax (whatever
         * {@code lines} carry) is recomputed from the lines' nets and bases.
         */
        public static Version price(String currency, List<Line> lines) {
            TaxGrouping.Result taxes = TaxGrouping.tax(lines.stream().map(l -> new TaxGrouping.Taxable(l.net(), l.basis())).toList(), currency);
            List<Line> taxed = new ArrayList<>();
            Money net = Money.zero(currency);
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                taxed.add(new Line(line.lineNo(), line.net(), line.basis(), taxes.lineTaxes().get(i)));
                net = net.plus(line.net());
            }
            Money tax = taxes.taxTotal(currency);
            return new Version(currency, taxed, taxes.groups(), net.rounded(), tax, net.plus(tax).rounded());
        }

        public Line line(int lineNo) {
            return lines.stream().filter(l -> l.lineNo() == lineNo).findFirst().orElseThrow(() -> new AdjustmentException(
                    "the invoice has no line " + lineNo + " (its lines are " + lines.stream().map(l -> String.valueOf(l.lineNo())).toList() + ")"));
        }
    }

    /** What the reviewer asks for; {@code amount} is null for a write-off. */
    public record Request(int lineNo, Kind kind, Money amount) {}

    /**
     * The adjustment done: the versions before and after, and the signed change of the line's net
     * (a write-down of 100.00 is -100.00; a write-off is minus the line's whole net).
     */
    public record Result(Request request, Version before, Version after, Money lineNetBefore, Money lineNetAfter) {

        public Money change() {
            return lineNetAfter.minus(lineNetBefore);
        }

        /** The amount written off: the line's net before, for a write-off; zero otherwise. */
        public Money writtenOff() {
            return request.kind() == Kind.WRITE_OFF ? lineNetBefore : Money.zero(before.currency());
        }
    }

    /** Applies {@code request} to {@code before}; a request that cannot be right is an {@link AdjustmentException}. */
    public static Result apply(Version before, Request request) {
        Line line = before.line(request.lineNo());
        String currency = before.currency();
        Money net = line.net();
        Money after = switch (request.kind()) {
            case WRITE_OFF -> {
                if (request.amount() != null) {
                    throw new AdjustmentException("a write-off takes the whole line; it has no amount");
                }
                if (net.signum() <= 0) {
                    throw new AdjustmentException("line " + line.lineNo() + " bills " + net + ": nothing to write off");
                }
                yield Money.zero(currency);
            }
            case WRITE_DOWN -> {
                Money amount = amount(request, currency);
                if (net.signum() <= 0) {
                    throw new AdjustmentException("line " + line.lineNo() + " bills " + net + ": nothing to write down");
                }
                if (amount.compareTo(net) >= 0) {
                    throw new AdjustmentException("a write-down of " + amount + " is not less than line " + line.lineNo() + "'s net of " + net
                            + (amount.equals(net) ? "; to bill nothing for the line, write it off" : ""));
                }
                yield net.minus(amount);
            }
            case WRITE_UP -> net.plus(amount(request, currency));
        };
        List<Line> lines = new ArrayList<>();
        for (Line l : before.lines()) {
            lines.add(l.lineNo() == line.lineNo() ? new Line(l.lineNo(), after, l.basis(), l.tax()) : l);
        }
        return new Result(request, before, Version.price(currency, lines), net, after);
    }

    private static Money amount(Request request, String currency) {
        Money amount = request.amount();
        if (amount == null || amount.signum() <= 0) {
            throw new AdjustmentException("a " + request.kind().label().replace('_', '-') + " needs an amount above 0");
        }
        if (!amount.currency().equals(currency)) {
            throw new AdjustmentException("the amount is in " + amount.currency() + " but the invoice is in " + currency);
        }
        int digits = MoneyFormat.minorDigits(currency);
        if (amount.amount().stripTrailingZeros().scale() > digits) {
            throw new AdjustmentException(amount.amount().toPlainString() + " has more decimals than " + currency + " has ("
                    + digits + "); amounts are in the currency's minor unit");
        }
        return Money.rounded(amount.amount(), currency);
    }

    /** An adjustment that cannot be applied: the message says why, in the reviewer's terms. */
    public static final class AdjustmentException extends IllegalArgumentException {
        public AdjustmentException(String message) {
            super(message);
        }
    }
}
