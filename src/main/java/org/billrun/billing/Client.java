package org.billrun.billing;

/** A bill-to client (clients.csv): who it is for tax, and how it wants its invoices. */
public record Client(String clientId, String name, String country, String currency, boolean business, String taxId,
        String billToAddress, int paymentTermsDays, Presentation presentation, boolean timeAnnex) {

    /** A client as tax and validation see it; invoice presentation takes the documented defaults. */
    public Client(String clientId, String name, String country, String currency, boolean business, String taxId) {
        this(clientId, name, country, currency, business, taxId, null, 30, Presentation.SUMMARY_BY_ROLE, false);
    }

    public Client {
        if (presentation == null) {
            presentation = Presentation.SUMMARY_BY_ROLE;
        }
    }

    public boolean hasTaxId() {
        return taxId != null && !taxId.isBlank();
    }
}
