package org.billrun.erp.tryton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.erp.tryton.TrytonSaved.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Customer invoices in Tryton ({@code account.invoice} of type {@code out}): found by reference, created
 * with their lines and taxes, posted, read back.
 *
 * <p>Tryton fills an invoice's tax lines in its client (on_change) or when a draft is written, not when it
 * is created over RPC, and refuses to post an invoice whose tax lines are not what its lines give. So
 * creating and posting both write the draft once, unchanged, which makes Tryton compute them.
 */
public final class TrytonInvoices {

    private static final Logger log = LoggerFactory.getLogger(TrytonInvoices.class);
    private static final List<String> INVOICE_FIELDS = List.of("number", "state", "reference", "party", "invoice_date",
            "currency", "untaxed_amount", "tax_amount", "total_amount", "lines", "taxes");
    private static final List<String> LINE_FIELDS = List.of("description", "quantity", "unit_price", "amount", "account",
            "taxes");
    private static final List<String> TAX_FIELDS = List.of("tax", "description", "base", "amount", "legal_notice");

    private final TrytonJsonRpc rpc;
    private final TrytonParties parties;

    public TrytonInvoices(TrytonJsonRpc rpc, TrytonParties parties) {
        this.rpc = rpc;
        this.parties = parties;
    }

    /** Customer invoices with this reference in any state, by id. Tryton does not keep references unique. */
    public List<Long> findByReference(String reference) {
        return rpc.search("account.invoice", List.of(List.of("type", "=", "out"), List.of("reference", "=", reference)), null);
    }

    /** Creates a draft invoice with its lines and taxes; returns its id. */
    public long create(TrytonInvoiceRequest request) {
        long id = rpc.call("model.account.invoice.create", List.of(values(request))).get(0).asLong();
        computeTaxes(id);
        return id;
    }

    /**
     * The invoice with the request's reference, created when there is none. Two or more with that
     * reference are a conflict for a person to resolve: a permanent error naming them.
     */
    public TrytonSaved createIfAbsent(TrytonInvoiceRequest request) {
        List<Long> found = findByReference(request.reference());
        if (found.size() > 1) {
            throw new TrytonPermanentException("model.account.invoice.search", found.size()
                    + " customer invoices have the reference " + request.reference() + " (ids " + found + "); keep one");
        }
        return found.isEmpty() ? new TrytonSaved(create(request), Change.CREATED)
                : new TrytonSaved(found.get(0), Change.UNCHANGED);
    }

    /**
     * Posts the invoice: Tryton gives it the next number of the fiscal year's invoice sequence and books
     * it. Posting a posted or paid invoice does nothing, so a retry after an unknown outcome is safe.
     * Tryton refuses (user error) an invoice dated before the last posted one of its sequence.
     */
    public void post(long invoiceId, PastDueDates pastDueDates) {
        String state = rpc.read("account.invoice", List.of(invoiceId), List.of("state")).get(0).path("state").asString();
        if (state.equals("posted") || state.equals("paid")) {
            return;
        }
        if (state.equals("cancelled")) {
            throw new TrytonPermanentException("model.account.invoice.post", "invoice " + invoiceId + " is cancelled in Tryton");
        }
        computeTaxes(invoiceId);
        try {
            rpc.call("model.account.invoice.post", List.of(invoiceId));
        } catch (TrytonWarningException warning) {
            if (pastDueDates != PastDueDates.ACCEPT || !warning.warningName().equals("invoice_payment_term_" + invoiceId)) {
                throw warning;
            }
            log.info("Tryton invoice {}: accepting the warning '{}'", invoiceId, warning.trytonMessage());
            // what Tryton's client does when the user says yes: the warning is skipped once, then deleted
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("user", rpc.userId());
            accepted.put("name", warning.warningName());
            accepted.put("always", false);
            rpc.call("model.res.user.warning.create", List.of(accepted));
            rpc.call("model.account.invoice.post", List.of(invoiceId));
        }
    }

    /** Deletes a draft invoice (Tryton refuses, with a user error, to delete a posted one). */
    public void delete(long invoiceId) {
        rpc.call("model.account.invoice.delete", List.of(invoiceId));
    }

    public TrytonInvoice read(long invoiceId) {
        JsonNode invoice = rpc.read("account.invoice", List.of(invoiceId), INVOICE_FIELDS).get(0);
        List<Long> lineIds = TrytonJson.readIds(invoice.path("lines"));
        List<Long> taxIds = TrytonJson.readIds(invoice.path("taxes"));
        List<TrytonInvoice.Line> lines = lineIds.isEmpty() ? List.of()
                : rpc.read("account.invoice.line", lineIds, LINE_FIELDS).stream().map(TrytonInvoices::line).toList();
        List<TrytonInvoice.Tax> taxes = taxIds.isEmpty() ? List.of()
                : rpc.read("account.invoice.tax", taxIds, TAX_FIELDS).stream().map(TrytonInvoices::tax).toList();
        return new TrytonInvoice(invoiceId, TrytonJson.readText(invoice.path("number")), invoice.path("state").asString(),
                TrytonJson.readText(invoice.path("reference")), invoice.path("party").asLong(),
                TrytonJson.readDate(invoice.path("invoice_date")), invoice.path("currency").asLong(),
                TrytonJson.readDecimal(invoice.path("untaxed_amount")), TrytonJson.readDecimal(invoice.path("tax_amount")),
                TrytonJson.readDecimal(invoice.path("total_amount")), lines, taxes);
    }

    private void computeTaxes(long invoiceId) {
        rpc.call("model.account.invoice.write", List.of(invoiceId), Map.of());
    }

    private Map<String, Object> values(TrytonInvoiceRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", "out");
        values.put("reference", request.reference());
        values.put("party", request.partyId());
        values.put("invoice_address", parties.invoiceAddress(request.partyId()));
        values.put("invoice_date", TrytonJson.date(request.invoiceDate()));
        values.put("description", request.description());
        values.put("account", request.receivableAccountId());
        values.put("journal", request.journalId());
        values.put("payment_term", request.paymentTermId());
        if (request.currencyId() != null) {
            values.put("currency", request.currencyId());
        }
        values.put("lines", List.of(List.of("create",
                request.lines().stream().map(line -> lineValues(line, request.currencyId())).toList())));
        return values;
    }

    /** A line's currency defaults to the company's whatever its invoice's, and must equal the invoice's. */
    private static Map<String, Object> lineValues(TrytonInvoiceLineRequest line, Long currencyId) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", "line");
        if (currencyId != null) {
            values.put("currency", currencyId);
        }
        values.put("description", line.description());
        values.put("quantity", TrytonJson.number(line.quantity()));
        values.put("unit_price", TrytonJson.decimal(line.unitPrice()));
        values.put("account", line.accountId());
        values.put("taxes", List.of(List.of("add", line.taxIds())));
        return values;
    }

    private static TrytonInvoice.Line line(JsonNode line) {
        return new TrytonInvoice.Line(line.path("id").asLong(), TrytonJson.readText(line.path("description")),
                TrytonJson.readDecimal(line.path("quantity")), TrytonJson.readDecimal(line.path("unit_price")),
                TrytonJson.readDecimal(line.path("amount")), line.path("account").asLong(),
                TrytonJson.readIds(line.path("taxes")));
    }

    private static TrytonInvoice.Tax tax(JsonNode tax) {
        return new TrytonInvoice.Tax(tax.path("tax").asLong(), TrytonJson.readText(tax.path("description")),
                TrytonJson.readDecimal(tax.path("base")), TrytonJson.readDecimal(tax.path("amount")),
                TrytonJson.readText(tax.path("legal_notice")));
    }
}
