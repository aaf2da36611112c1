package org.billrun.posting.port;

import java.math.BigDecimal;

/**
 * A document as the ERP holds it, found by billrun's reference.
 *
 * @param reference billrun's final number as the ERP stores it
 * @param documentId the ERP's own id
 * @param status the ERP's word for its state
 * @param gross the document's gross total in {@code currency} as billrun's ledger states it (a credit note's
 *     positive, whatever sign the ERP books it with), for reconciliation; null where the ERP does not say
 */
public record ErpDocument(String entityId, String reference, String documentId, String status, String currency,
        BigDecimal gross) {}
