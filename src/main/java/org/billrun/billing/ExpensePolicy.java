package org.billrun.billing;

import java.math.BigDecimal;

/**
 * The firm's policy for one expense category (expense_policies.csv): a per-line limit and a receipt
 * threshold, both in the policy's currency, and whether the category is ever rebilled.
 */
public record ExpensePolicy(String category, String currency, BigDecimal limitAmount, BigDecimal receiptRequiredAbove,
        boolean reimbursable) {}
