package org.billrun.posting;

import java.time.LocalDate;
import org.billrun.posting.port.OutgoingInvoice;

/**
 * Builds what an approved invoice version becomes under its final number: its figures and lines as the ERP
 * books them, its Peppol BIS Billing 3.0 UBL document and its final client PDF. The post job asks for it
 * once per posting attempt; the same version, number and date give the same documents (invariant 4).
 */
public interface FinalInvoiceAssembly {

    /**
     * @param versionId the approved invoice version (invoice_version.version_id)
     * @param finalNumber its final number, as numbering assigned it at approval
     * @param issueDate the invoice date, the day of its final approval
     * @param batchReference the posting batch it travels in
     */
    OutgoingInvoice assemble(long versionId, String finalNumber, LocalDate issueDate, String batchReference);
}
