package org.billrun.draft;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billrun.billing.Client;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.TaxGrouping;
import org.billrun.billing.TaxRule;
import org.billrun.billing.TaxRule.ServiceClass;
import org.billrun.billing.TaxRuleTable;
import org.billrun.billing.TaxRuleTable.AmbiguousRulesException;

/**
 * Taxes a draft's lines (docs/drafting.md, "Tax"): each line's rule from the table by its service
 * class, lines grouped by rule, each group rounded at its rule's level. A line no rule can tax stays
 * untaxed in a group of its own and the reason goes to finance: billrun never guesses a rate.
 */
final class Taxation {

    private final TaxRuleTable table;
    private final List<DraftContext.RefusedTaxRule> refused;

    Taxation(TaxRuleTable table, List<DraftContext.RefusedTaxRule> refused) {
        this.table = table;
        this.refused = refused;
    }

    record Result(List<DraftLine> lines, List<TaxGroup> groups, List<String> problems) {}

    Result tax(List<DraftLine> lines, LegalEntity entity, Client client, String currency, LocalDate date) {
        List<String> problems = new ArrayList<>();
        Map<ServiceClass, Optional<TaxRule>> ruleByClass = new LinkedHashMap<>();
        for (DraftLine line : lines) {
            ruleByClass.computeIfAbsent(line.type().serviceClass(), c -> find(entity, client, c, date, problems));
        }
        List<TaxGrouping.Taxable> taxables = lines.stream()
                .map(line -> new TaxGrouping.Taxable(line.net(), ruleByClass.get(line.type().serviceClass()).map(TaxGrouping.Basis::of).orElse(null)))
                .toList();
        TaxGrouping.Result result = TaxGrouping.tax(taxables, currency);
        List<DraftLine> taxed = new ArrayList<>(lines);
        List<TaxGroup> taxGroups = new ArrayList<>();
        for (TaxGrouping.Group group : result.groups()) {
            TaxRule rule = group.basis() == null ? null : ruleByClass.get(lines.get(group.lines().get(0)).type().serviceClass()).orElseThrow();
            for (int i : group.lines()) {
                taxed.set(i, rule == null ? lines.get(i).taxed(null, null, null, result.lineTaxes().get(i))
                        : lines.get(i).taxed(rule.id(), rule.category().name(), rule.ratePct(), result.lineTaxes().get(i)));
            }
            if (rule == null) {
                taxGroups.add(new TaxGroup(null, null, null, null, null, "no tax rule: untaxed, for finance to settle", group.net(), group.tax()));
                continue;
            }
            taxGroups.add(new TaxGroup(rule.id(), rule.category().name(), rule.ratePct(), rule.rounding().label(), rule.exemptionNote(),
                    rule.explain(), group.net(), group.tax()));
            if (rule.category() == TaxRule.Category.AE && (!entity.hasVatId() || !client.hasTaxId())) {
                problems.add("reverse charge (" + rule.id() + ") needs both VAT ids on the invoice, but "
                        + (!entity.hasVatId() ? "legal entity " + entity.entityId() : "client " + client.clientId()) + " has none");
            }
        }
        refused.stream().filter(r -> r.sellerCountry() == null || r.sellerCountry().strip().equalsIgnoreCase(entity.country()))
                .forEach(r -> problems.add("the tax rule table for " + entity.country() + " may be incomplete: " + r.reason()));
        return new Result(taxed, taxGroups, problems);
    }

    private Optional<TaxRule> find(LegalEntity entity, Client client, ServiceClass serviceClass, LocalDate date, List<String> problems) {
        try {
            Optional<TaxRule> rule = table.find(entity.country(), client, serviceClass, date);
            if (rule.isEmpty()) {
                problems.add("no tax rule in tax_rules.csv for " + serviceClass.label() + " sold by " + entity.entityId() + " ("
                        + entity.country() + ") to " + client.clientId() + " (" + client.country() + ", "
                        + (client.business() ? "business" : "consumer") + (client.hasTaxId() ? " with" : " without") + " tax id) on " + date);
            }
            return rule;
        } catch (AmbiguousRulesException | IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }
}
