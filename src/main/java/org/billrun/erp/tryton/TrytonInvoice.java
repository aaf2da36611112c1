package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer invoice as Tryton has it. {@code number} is Tryton's own, given at posting (null before);
 * {@code state} is draft, validated, posted, paid or cancelled. Amounts are in the invoice's currency.
 */
public record TrytonInvoice(long id, String number, String state, String reference, long partyId, LocalDate invoiceDate,
        long currencyId, BigDecimal untaxedAmount, BigDecimal taxAmount, BigDecimal totalAmount, List<Line> lines,
        List<Tax> taxes) {

    public TrytonInvoice {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    public record Line(long id, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
            long accountId, List<Long> taxIds) {

        public Line {
            taxIds = List.copyOf(taxIds);
        }
    }

    /** One tax of the invoice: the sum over the lines it taxes (per line rounding as configured in Tryton). */
    public record Tax(long taxId, String description, BigDecimal base, BigDecimal amount, String legalNotice) {}
}
