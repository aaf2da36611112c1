package org.billrun.billing;

/** A legal entity of the firm that issues invoices (entities.csv). */
public record LegalEntity(String entityId, String name, String country, String currency, String vatId, String address,
        String invoicePrefix) {

    public boolean hasVatId() {
        return vatId != null && !vatId.isBlank();
    }

    /** What draft ids and invoice numbers start with: the invoice prefix, else the entity id. */
    public String prefix() {
        return invoicePrefix == null || invoicePrefix.isBlank() ? entityId : invoicePrefix;
    }
}
