package org.billrun.erp.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.billrun.posting.port.OutgoingInvoice;

/**
 * The JSON document POSTed to {@code invoices} (docs/erp-rest.md, schema docs/erp-rest-invoice.schema.json).
 * Amounts are strings holding exact decimals ("1875.00"), so no ERP reads them as binary floating point;
 * dates are ISO 8601; the UBL and PDF travel base64-encoded. Field order is the order written.
 */
record RestInvoiceBody(String schema, String idempotencyKey, String entityId, String reference, int version,
        String draftId, String batchReference, String kind, String creditedReference, String issueDate, String dueDate,
        String currency, Customer customer, List<Line> lines, Totals totals, Attachments attachments) {

    static final String SCHEMA = "billrun.invoice/1";

    record Customer(String clientId, String name, String country, String vatId, String address) {}

    record Line(int lineNo, String description, String quantity, String unitPrice, String net, String taxCategory,
            String taxRate, String tax) {}

    record Totals(String net, String tax, String gross) {}

    /** Base64 of the UBL 2.1 XML and of the PDF; null when the invoice has none. */
    record Attachments(String ublXml, String pdf) {}

    static RestInvoiceBody of(OutgoingInvoice invoice) {
        OutgoingInvoice.Customer c = invoice.customer();
        return new RestInvoiceBody(SCHEMA, invoice.idempotencyKey(), invoice.entityId(), invoice.reference(),
                invoice.versionNo(), invoice.draftId(), invoice.batchReference(), invoice.kind().name().toLowerCase(),
                invoice.creditedReference(), date(invoice.issueDate()), date(invoice.dueDate()), invoice.currency(),
                new Customer(c.clientId(), c.name(), c.country(), c.vatId(), c.address()),
                invoice.lines().stream().map(RestInvoiceBody::line).toList(),
                new Totals(amount(invoice.net()), amount(invoice.tax()), amount(invoice.gross())),
                new Attachments(base64(invoice.ublXml()), base64(invoice.pdf())));
    }

    private static Line line(OutgoingInvoice.OutgoingLine line) {
        return new Line(line.lineNo(), line.description(), amount(line.quantity()), amount(line.unitPrice()),
                amount(line.net()), line.taxCategory(), amount(line.taxRate()), amount(line.tax()));
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String date(LocalDate value) {
        return value == null ? null : value.toString();
    }

    private static String base64(byte[] content) {
        return content == null ? null : Base64.getEncoder().encodeToString(content);
    }
}
