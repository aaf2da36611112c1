package org.billrun.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Taxes the lines of one invoice (docs/drafting.md, "Tax"): lines grouped by tax rule, groups in the
 * order of their first line, each group taxed by {@link Rounding#lineTaxes} at its rule's rounding level.
 * A line without a rule stays untaxed, in a group of its own. Drafting uses it for a new draft and
 * approval for each adjusted version, so a version's tax is computed exactly as the draft's was.
 */
public final class TaxGrouping {

    private TaxGrouping() {}

    /** What taxes a line: its rule's id, rate and rounding level. */
    public record Basis(String ruleId, BigDecimal ratePct, TaxRule.RoundingLevel rounding) {

        public static Basis of(TaxRule rule) {
            return new Basis(rule.id(), rule.ratePct(), rule.rounding());
        }
    }

    /** A line to tax: its net, at the currency's minor unit, and its basis (null: no rule taxes it). */
    public record Taxable(Money net, Basis basis) {}

    /** The lines (indexes into the input) one basis taxes, with their net and tax subtotals. */
    public record Group(Basis basis, List<Integer> lines, Money net, Money tax) {

        public Group {
            lines = List.copyOf(lines);
        }
    }

    /** Each input line's tax, in input order, and the groups. */
    public record Result(List<Money> lineTaxes, List<Group> groups) {

        public Result {
            lineTaxes = List.copyOf(lineTaxes);
            groups = List.copyOf(groups);
        }

        public Money taxTotal(String currency) {
            return groups.stream().map(Group::tax).reduce(Money.zero(currency), Money::plus);
        }
    }

    public static Result tax(List<Taxable> lines, String currency) {
        Map<String, List<Integer>> indexes = new LinkedHashMap<>();
        Map<String, Basis> bases = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Basis basis = lines.get(i).basis();
            String id = basis == null ? "" : basis.ruleId();
            indexes.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            if (basis != null) {
                bases.putIfAbsent(id, basis);
            }
        }
        Money zero = Money.zero(currency);
        List<Money> taxes = new ArrayList<>(lines.stream().map(line -> zero).toList());
        List<Group> groups = new ArrayList<>();
        indexes.forEach((id, members) -> {
            Money net = members.stream().map(i -> lines.get(i).net()).reduce(zero, Money::plus);
            Basis basis = bases.get(id);
            if (basis == null) {
                groups.add(new Group(null, members, net, zero));
                return;
            }
            List<BigDecimal> lineTaxes = Rounding.lineTaxes(members.stream().map(i -> lines.get(i).net().amount()).toList(),
                    basis.ratePct(), basis.rounding(), currency);
            Money tax = zero;
            for (int k = 0; k < members.size(); k++) {
                Money lineTax = Money.of(lineTaxes.get(k), currency);
                taxes.set(members.get(k), lineTax);
                tax = tax.plus(lineTax);
            }
            groups.add(new Group(basis, members, Money.of(Rounding.toMinorUnit(net.amount(), currency), currency), tax));
        });
        return new Result(taxes, groups);
    }
}
