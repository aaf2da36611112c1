package org.billrun.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One expense line of the period (expenses.csv). */
public record Expense(RecordRef ref, String expenseId, String consultantId, String projectId, LocalDate expenseDate,
        String category, BigDecimal amount, String currency, String merchant, boolean hasReceipt, String receiptRef,
        boolean reimbursable, ApprovalStatus approvalStatus, Instant submittedAt) implements WorkRecord {

    @Override
    public LocalDate date() {
        return expenseDate;
    }
}
