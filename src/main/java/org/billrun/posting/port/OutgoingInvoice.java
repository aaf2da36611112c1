package org.billrun.posting.port;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One final invoice (or credit note) as the post job hands it to an {@link ErpAdapter}: its identity, its
 * figures, its lines for ERPs that book line by line, and the documents the client gets.
 *
 * @param idempotencyKey entity, final number and version ({@code DE01/NWDE-2026-000123/1}): the same key
 *     never makes a second document
 * @param reference the final number, which the ERP stores as its reference and {@link ErpAdapter#lookup}
 *     searches for
 * @param batchReference the posting batch this document belongs to, so finance can tie the ERP's journal to
 *     billrun's control totals
 * @param creditedReference for a credit note the final number of the invoice it credits; null otherwise
 * @param ublXml the Peppol BIS Billing 3.0 UBL document, UTF-8
 * @param pdf the client's PDF
 */
public record OutgoingInvoice(String idempotencyKey, String entityId, String reference, long versionId, int versionNo,
        String draftId, String batchReference, Kind kind, String creditedReference, LocalDate issueDate, LocalDate dueDate,
        String currency, Customer customer, List<OutgoingLine> lines, BigDecimal net, BigDecimal tax, BigDecimal gross,
        byte[] ublXml, byte[] pdf) {

    public enum Kind {
        INVOICE, CREDIT_NOTE
    }

    public OutgoingInvoice {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(customer, "customer");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    public static String idempotencyKey(String entityId, String reference, int versionNo) {
        return entityId + "/" + reference + "/" + versionNo;
    }

    /** The client billed, as the ERP knows its customers (by billrun's client id). */
    public record Customer(String clientId, String name, String country, String vatId, String address) {

        public Customer {
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /**
     * One invoice line: net and tax rounded to the currency's minor unit, quantity and unit price as the
     * invoice prints them (a lump sum is one unit at its amount).
     *
     * @param taxCategory the UNCL 5305 code (S, AE, O, Z, E)
     * @param taxRate percent
     */
    public record OutgoingLine(int lineNo, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal net,
            String taxCategory, BigDecimal taxRate, BigDecimal tax) {}
}
