package org.billrun.posting;

import java.time.LocalDate;
import org.billrun.posting.port.OutgoingInvoice;

/**
 * Builds what an approved credit memo becomes under its final number: a credit note ({@link
 * OutgoingInvoice.Kind#CREDIT_NOTE}) naming the invoice it credits, with its lines as the ERP books them and
 * its Peppol BIS Billing 3.0 UBL CreditNote. The same credit, number and date give the same documents.
 */
public interface CreditNoteAssembly {

    OutgoingInvoice assemble(long creditId, String finalNumber, LocalDate issueDate, String batchReference);
}
