package org.billrun.draft;

import java.math.BigDecimal;
import org.billrun.billing.Money;

/**
 * The tax subtotal of the lines one rule taxes: category, rate, the rule's rounding level, its
 * exemption note and the rule's explanation. {@code ruleId} is null for lines no rule could tax
 * (the draft is then routed to finance and the tax is 0).
 */
public record TaxGroup(String ruleId, String category, BigDecimal ratePct, String rounding, String note, String explanation,
        Money net, Money tax) {}
