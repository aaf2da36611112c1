package org.billrun.erp.tryton;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A customer invoice to create in Tryton.
 *
 * @param reference           billrun's invoice number: how a retry finds the invoice again
 * @param receivableAccountId the account the total is due on (Tryton does not fill it in over RPC)
 * @param journalId           the revenue journal
 * @param paymentTermId       null for none: the total falls due on the invoice date
 * @param currencyId          null for the company's; another currency needs a rate in Tryton on the invoice date
 */
public record TrytonInvoiceRequest(String reference, long partyId, LocalDate invoiceDate, String description,
        long receivableAccountId, long journalId, Long paymentTermId, Long currencyId, List<TrytonInvoiceLineRequest> lines) {

    public TrytonInvoiceRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("invoice " + reference + " has no lines");
        }
    }
}
