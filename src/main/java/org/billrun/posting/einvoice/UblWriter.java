package org.billrun.posting.einvoice;

import com.helger.diagnostics.error.list.ErrorList;
import com.helger.ubl21.UBL21Marshaller;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BillingReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.DocumentReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.OrderReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentTermsType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PeriodType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.NoteType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;

/**
 * Writes an {@link EInvoice} as a UBL 2.1 Invoice or CreditNote following Peppol BIS Billing 3.0, with
 * ph-ubl's JAXB model (the UBL 2.1 schema checks every document on the way out). The writer first checks
 * the invoice ({@link EInvoiceCheck}) and refuses with an {@link EInvoiceException} listing every problem;
 * the amounts it writes are derived from the lines ({@link InvoiceSums}), so they add up exactly.
 *
 * <p>Stateless: one instance serves every invoice.
 */
public final class UblWriter {

    /** Peppol BIS Billing 3.0 on EN 16931 (BT-24). */
    public static final String CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    /** Peppol's billing process (BT-23). */
    public static final String PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    /** UNCL 1001: commercial invoice, credit note. */
    static final String INVOICE_TYPE = "380";
    static final String CREDIT_NOTE_TYPE = "381";

    /**
     * The e-invoice as UTF-8 XML.
     *
     * @throws EInvoiceException when the invoice does not add up or lacks what Peppol BIS 3 needs
     */
    public byte[] write(EInvoice invoice) {
        InvoiceSums sums = InvoiceSums.of(invoice);
        List<String> problems = EInvoiceCheck.problems(invoice, sums);
        if (!problems.isEmpty()) {
            throw new EInvoiceException(invoice.number(), problems);
        }
        return marshal(invoice, sums);
    }

    /** The document without the writer's checks: lets a test show that the official rules refuse what the checks refuse. */
    byte[] writeUnchecked(EInvoice invoice) {
        return marshal(invoice, InvoiceSums.of(invoice));
    }

    private static byte[] marshal(EInvoice invoice, InvoiceSums sums) {
        ErrorList errors = new ErrorList();
        byte[] xml = invoice.kind() == EInvoice.Kind.INVOICE
                ? UBL21Marshaller.invoice().setCollectErrors(errors).setFormattedOutput(true).getAsBytes(invoiceDocument(invoice, sums))
                : UBL21Marshaller.creditNote().setCollectErrors(errors).setFormattedOutput(true)
                        .getAsBytes(creditNoteDocument(invoice, sums));
        if (xml == null || errors.containsAtLeastOneError()) {
            // the model's checks keep schema-invalid content out, so this is a defect of the writer, not bad input
            throw new IllegalStateException("e-invoice " + invoice.number() + " does not match the UBL 2.1 schema: "
                    + errors.getAllErrors());
        }
        return xml;
    }

    private static InvoiceType invoiceDocument(EInvoice invoice, InvoiceSums sums) {
        UblParts parts = new UblParts(invoice.currency());
        UblLines lines = new UblLines(parts, invoice.currency());
        InvoiceType doc = new InvoiceType();
        doc.setCustomizationID(CUSTOMIZATION_ID);
        doc.setProfileID(PROFILE_ID);
        doc.setID(invoice.number());
        doc.setIssueDate(invoice.issueDate());
        if (invoice.dueDate() != null) {
            doc.setDueDate(invoice.dueDate());
        }
        doc.setInvoiceTypeCode(INVOICE_TYPE);
        if (invoice.note() != null && !invoice.note().isBlank()) {
            doc.addNote(new NoteType(invoice.note()));
        }
        doc.setDocumentCurrencyCode(invoice.currency());
        if (invoice.taxInAccountingCurrency() != null) {
            doc.setTaxCurrencyCode(invoice.taxInAccountingCurrency().currency());
        }
        EInvoice.References refs = invoice.references();
        if (present(refs.buyerReference())) {
            doc.setBuyerReference(refs.buyerReference());
        }
        if (invoice.period() != null) {
            doc.addInvoicePeriod(period(invoice.period()));
        }
        if (present(refs.purchaseOrder()) || present(refs.salesOrder())) {
            doc.setOrderReference(orderReference(refs));
        }
        if (refs.precedingInvoice() != null) {
            doc.addBillingReference(billingReference(refs.precedingInvoice()));
        }
        if (present(refs.contract())) {
            doc.addContractDocumentReference(contract(refs.contract()));
        }
        doc.setAccountingSupplierParty(supplier(parts, invoice));
        doc.setAccountingCustomerParty(customer(parts, invoice));
        if (invoice.payment() != null && invoice.payment().means() != null) {
            doc.addPaymentMeans(UblParts.paymentMeans(invoice.payment()));
        }
        if (invoice.payment() != null && present(invoice.payment().terms())) {
            doc.addPaymentTerms(terms(invoice.payment().terms()));
        }
        invoice.allowancesCharges().forEach(dac -> doc.addAllowanceCharge(parts.allowanceCharge(dac)));
        doc.addTaxTotal(parts.taxTotal(sums, invoice.taxSubtotals()));
        if (invoice.taxInAccountingCurrency() != null) {
            doc.addTaxTotal(UblParts.taxTotalInAccountingCurrency(invoice.taxInAccountingCurrency()));
        }
        doc.setLegalMonetaryTotal(parts.monetaryTotal(sums, invoice.totals().paid()));
        invoice.lines().forEach(line -> doc.addInvoiceLine(lines.invoiceLine(line)));
        return doc;
    }

    /**
     * The same content as a CreditNote. UBL 2.1's CreditNote has no due date of its own: Peppol puts it in
     * the payment means (BT-9 on a credit note).
     */
    private static CreditNoteType creditNoteDocument(EInvoice invoice, InvoiceSums sums) {
        UblParts parts = new UblParts(invoice.currency());
        UblLines lines = new UblLines(parts, invoice.currency());
        CreditNoteType doc = new CreditNoteType();
        doc.setCustomizationID(CUSTOMIZATION_ID);
        doc.setProfileID(PROFILE_ID);
        doc.setID(invoice.number());
        doc.setIssueDate(invoice.issueDate());
        doc.setCreditNoteTypeCode(CREDIT_NOTE_TYPE);
        if (invoice.note() != null && !invoice.note().isBlank()) {
            doc.addNote(new NoteType(invoice.note()));
        }
        doc.setDocumentCurrencyCode(invoice.currency());
        if (invoice.taxInAccountingCurrency() != null) {
            doc.setTaxCurrencyCode(invoice.taxInAccountingCurrency().currency());
        }
        EInvoice.References refs = invoice.references();
        if (present(refs.buyerReference())) {
            doc.setBuyerReference(refs.buyerReference());
        }
        if (invoice.period() != null) {
            doc.addInvoicePeriod(period(invoice.period()));
        }
        if (present(refs.purchaseOrder()) || present(refs.salesOrder())) {
            doc.setOrderReference(orderReference(refs));
        }
        if (refs.precedingInvoice() != null) {
            doc.addBillingReference(billingReference(refs.precedingInvoice()));
        }
        if (present(refs.contract())) {
            doc.addContractDocumentReference(contract(refs.contract()));
        }
        doc.setAccountingSupplierParty(supplier(parts, invoice));
        doc.setAccountingCustomerParty(customer(parts, invoice));
        if (invoice.payment() != null && invoice.payment().means() != null) {
            PaymentMeansType means = UblParts.paymentMeans(invoice.payment());
            if (invoice.dueDate() != null) {
                means.setPaymentDueDate(invoice.dueDate());
            }
            doc.addPaymentMeans(means);
        }
        if (invoice.payment() != null && present(invoice.payment().terms())) {
            doc.addPaymentTerms(terms(invoice.payment().terms()));
        }
        invoice.allowancesCharges().forEach(dac -> doc.addAllowanceCharge(parts.allowanceCharge(dac)));
        doc.addTaxTotal(parts.taxTotal(sums, invoice.taxSubtotals()));
        if (invoice.taxInAccountingCurrency() != null) {
            doc.addTaxTotal(UblParts.taxTotalInAccountingCurrency(invoice.taxInAccountingCurrency()));
        }
        doc.setLegalMonetaryTotal(parts.monetaryTotal(sums, invoice.totals().paid()));
        invoice.lines().forEach(line -> doc.addCreditNoteLine(lines.creditNoteLine(line)));
        return doc;
    }

    /** VAT ids appear unless the invoice is outside the scope of VAT, which may show none (BR-O-02). */
    private static boolean showVatIds(EInvoice invoice) {
        return invoice.lines().stream().noneMatch(l -> l.taxCategory() == TaxCategory.O)
                && invoice.allowancesCharges().stream().noneMatch(a -> a.taxCategory() == TaxCategory.O);
    }

    private static SupplierPartyType supplier(UblParts parts, EInvoice invoice) {
        SupplierPartyType supplier = new SupplierPartyType();
        supplier.setParty(parts.party(invoice.seller(), showVatIds(invoice)));
        return supplier;
    }

    private static CustomerPartyType customer(UblParts parts, EInvoice invoice) {
        CustomerPartyType customer = new CustomerPartyType();
        customer.setParty(parts.party(invoice.buyer(), showVatIds(invoice)));
        return customer;
    }

    private static PeriodType period(EInvoice.Period period) {
        PeriodType ubl = new PeriodType();
        if (period.from() != null) {
            ubl.setStartDate(period.from());
        }
        if (period.to() != null) {
            ubl.setEndDate(period.to());
        }
        return ubl;
    }

    /** UBL's order reference needs an id: without a purchase order it is "NA", as Peppol BIS 3 prescribes for BT-14 alone. */
    private static OrderReferenceType orderReference(EInvoice.References refs) {
        OrderReferenceType ubl = new OrderReferenceType();
        ubl.setID(present(refs.purchaseOrder()) ? refs.purchaseOrder() : "NA");
        if (present(refs.salesOrder())) {
            ubl.setSalesOrderID(refs.salesOrder());
        }
        return ubl;
    }

    private static BillingReferenceType billingReference(EInvoice.InvoiceReference preceding) {
        DocumentReferenceType document = new DocumentReferenceType();
        document.setID(preceding.number());
        if (preceding.issueDate() != null) {
            document.setIssueDate(preceding.issueDate());
        }
        BillingReferenceType ubl = new BillingReferenceType();
        ubl.setInvoiceDocumentReference(document);
        return ubl;
    }

    private static DocumentReferenceType contract(String contract) {
        DocumentReferenceType ubl = new DocumentReferenceType();
        ubl.setID(contract);
        return ubl;
    }

    private static PaymentTermsType terms(String text) {
        PaymentTermsType ubl = new PaymentTermsType();
        ubl.addNote(new NoteType(text));
        return ubl;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
