package org.billrun.posting.document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.approval.ApprovalQueries.VersionLine;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftQueries.Detail;

/**
 * Puts an approved version's figures together from its draft and its own lines, the way approval's
 * adjustment arithmetic keeps them: the draft's line numbers, descriptions and tax bases, each line's net
 * and tax from the version (version 1: the draft's). The tax breakdown sums the lines' taxes per tax rule
 * (a rule's tax is the sum of its lines' taxes at either rounding level), then per category and rate, the
 * unit of an e-invoice's breakdown. Plain Java.
 */
final class VersionFigures {

    private VersionFigures() {}

    /**
     * @param own the version's lines (empty for version 1)
     * @throws IllegalStateException when the lines do not add up to the version's stored totals
     */
    static ApprovedVersion of(Detail draft, int versionNo, List<VersionLine> own, BigDecimal net, BigDecimal tax, BigDecimal gross) {
        String ccy = draft.currency();
        int digits = MoneyFormat.minorDigits(ccy);
        Map<Integer, VersionLine> mine = new HashMap<>();
        own.forEach(l -> mine.put(l.lineNo(), l));
        Map<String, org.billrun.draft.DraftQueries.Tax> rules = new HashMap<>();
        draft.taxes().forEach(t -> rules.putIfAbsent(t.ruleId() == null ? "" : t.ruleId(), t));
        List<ApprovedVersion.Line> lines = new ArrayList<>();
        Map<String, ApprovedVersion.Tax> byCategoryAndRate = new LinkedHashMap<>();
        for (var l : draft.lines()) {
            VersionLine v = mine.get(l.lineNo());
            BigDecimal lineNet = scale(v == null ? l.net() : v.net(), digits);
            BigDecimal lineTax = scale(v == null ? l.tax() : v.tax(), digits);
            lines.add(new ApprovedVersion.Line(l.lineNo(), l.type(), l.description(), l.quantity(), l.unitPrice(), scale(l.net(), digits),
                    lineNet, lineTax, l.taxCategory(), l.taxRate(), v != null && v.writtenOff()));
            var rule = rules.get(l.taxRuleId() == null ? "" : l.taxRuleId());
            String category = l.taxCategory();
            BigDecimal rate = l.taxRate() == null ? null : l.taxRate().stripTrailingZeros();
            String key = category + "/" + (rate == null ? "" : rate.toPlainString());
            ApprovedVersion.Tax sum = byCategoryAndRate.get(key);
            String note = sum != null && sum.exemptionNote() != null ? sum.exemptionNote() : rule == null ? null : rule.exemptionNote();
            byCategoryAndRate.put(key, new ApprovedVersion.Tax(category, rate, note,
                    (sum == null ? BigDecimal.ZERO : sum.net()).add(lineNet), (sum == null ? BigDecimal.ZERO : sum.tax()).add(lineTax)));
        }
        List<ApprovedVersion.Tax> taxes = byCategoryAndRate.values().stream()
                .map(t -> new ApprovedVersion.Tax(t.category(), t.rate(), t.exemptionNote(), scale(t.net(), digits), scale(t.tax(), digits)))
                .toList();
        BigDecimal lineNets = lines.stream().map(ApprovedVersion.Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal lineTaxes = lines.stream().map(ApprovedVersion.Line::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (lineNets.compareTo(net) != 0 || lineTaxes.compareTo(tax) != 0 || net.add(tax).compareTo(gross) != 0) {
            throw new IllegalStateException("version " + versionNo + " of " + draft.draftId() + " states net " + net.toPlainString() + ", tax "
                    + tax.toPlainString() + ", gross " + gross.toPlainString() + " but its lines add up to net " + lineNets.toPlainString()
                    + ", tax " + lineTaxes.toPlainString());
        }
        return new ApprovedVersion(draft.draftId(), versionNo, ccy, draft.contractId(), draft.poNumber(), draft.serviceFrom(),
                draft.serviceTo(), lines, taxes, scale(net, digits), scale(tax, digits), scale(gross, digits));
    }

    private static BigDecimal scale(BigDecimal amount, int digits) {
        return amount.setScale(digits, RoundingMode.UNNECESSARY);
    }
}
