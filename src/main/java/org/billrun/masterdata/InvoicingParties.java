package org.billrun.masterdata;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seller (a legal entity) and the buyer (a client) of a final invoice, with everything its documents
 * print: names, tax ids, addresses, Peppol participant ids, the entity's contact and bank account, the
 * client's payment terms. As the run that drafted the invoice saw them ({@link AsOfRun}), so that every
 * attempt to post it builds the same documents.
 */
@Component
public class InvoicingParties {

    /** A legal entity of the firm as an invoice's seller (entities.csv). */
    public record Seller(String entityId, String name, String country, String vatId, String address, String peppolId,
            String companyId, String postCode, String city, String contactName, String contactPhone, String contactEmail,
            String bankAccount, String bic, String bankName) {}

    /** A client as an invoice's buyer (clients.csv). */
    public record Buyer(String clientId, String name, String country, boolean business, String taxId, String address,
            int paymentTermsDays, boolean timeAnnex, String peppolId, String postCode, String city) {}

    private final JdbcClient jdbc;

    public InvoicingParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Seller> seller(long runId, String entityId) {
        return jdbc.sql("""
                SELECT entity_id, name, country, vat_id, address, peppol_id, company_id, post_code, city, contact_name, contact_phone,
                       contact_email, bank_account, bic, bank_name FROM %s e WHERE entity_id = :id""".formatted(AsOfRun.versions("entity", "entity_id")))
                .param("run", runId).param("id", entityId)
                .query((rs, i) -> new Seller(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)))
                .optional();
    }

    public Optional<Buyer> buyer(long runId, String clientId) {
        return jdbc.sql("""
                SELECT client_id, name, country, customer_type, tax_id, bill_to_address, payment_terms_days, time_annex, peppol_id,
                       post_code, city FROM %s c WHERE client_id = :id""".formatted(AsOfRun.versions("client", "client_id")))
                .param("run", runId).param("id", clientId)
                .query((rs, i) -> new Buyer(rs.getString(1), rs.getString(2), rs.getString(3), "business".equals(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                        rs.getString(11)))
                .optional();
    }

    /** Every client as the latest loaded clients.csv has it (current master data, not a run's), by client id. */
    public List<Buyer> currentBuyers() {
        return jdbc.sql("""
                SELECT client_id, name, country, customer_type, tax_id, bill_to_address, payment_terms_days, time_annex, peppol_id,
                       post_code, city FROM current_client ORDER BY client_id""")
                .query((rs, i) -> new Buyer(rs.getString(1), rs.getString(2), rs.getString(3), "business".equals(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                        rs.getString(11)))
                .list();
    }

    /**
     * How a client wants its invoices delivered (clients.csv {@code email}, {@code delivery_channel}, {@code peppol_id}), as the run
     * saw it; each is null when empty.
     */
    public record DeliveryContact(String email, String deliveryChannel, String peppolId) {}

    public Optional<DeliveryContact> deliveryContact(long runId, String clientId) {
        return jdbc.sql("SELECT nullif(email, ''), nullif(delivery_channel, ''), nullif(peppol_id, '') FROM %s c WHERE client_id = :id"
                        .formatted(AsOfRun.versions("client", "client_id")))
                .param("run", runId).param("id", clientId)
                .query((rs, i) -> new DeliveryContact(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }
}
