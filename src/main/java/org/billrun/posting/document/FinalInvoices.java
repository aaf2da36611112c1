package org.billrun.posting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.billing.Money;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.masterdata.InvoicingParties.Buyer;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.FinalInvoiceAssembly;
import org.billrun.posting.einvoice.EInvoice;
import org.billrun.posting.einvoice.UblWriter;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.report.port.FinalInvoicePdf;
import org.springframework.stereotype.Component;

/**
 * The final documents of an approved invoice version: its Peppol BIS Billing 3.0 UBL and its client
 * PDF, and the figures the ERP books. Reads the version (approval), its draft (draft) and the parties as
 * the run saw them (master data); nothing is recomputed but the version's tax breakdown per category
 * and rate, which must add up to the version's stored totals.
 *
 * <p>A client or entity without a Peppol participant id gets no e-invoice ({@code ublXml} null): Peppol
 * has no document without one. The PDF is then its invoice.
 */
@Component
public class FinalInvoices implements FinalInvoiceAssembly {

    private final ApprovalQueries approvals;
    private final DraftQueries drafts;
    private final DraftInvoiceQueries documents;
    private final InvoicingParties parties;
    private final UblWriter ubl = new UblWriter();

    public FinalInvoices(ApprovalQueries approvals, DraftQueries drafts, DraftInvoiceQueries documents, InvoicingParties parties) {
        this.approvals = approvals;
        this.drafts = drafts;
        this.documents = documents;
        this.parties = parties;
    }

    /** The version's figures, parties and both documents. */
    record Documents(ApprovedVersion version, EInvoiceMapping.Particulars particulars, EInvoice eInvoice, byte[] ublXml, byte[] pdf) {}

    @Override
    public OutgoingInvoice assemble(long versionId, String finalNumber, LocalDate issueDate, String batchReference) {
        Version v = approved(versionId);
        Documents d = documents(v, finalNumber, issueDate);
        ApprovedVersion figures = d.version();
        Buyer buyer = d.particulars().buyer();
        List<OutgoingInvoice.OutgoingLine> lines = figures.lines().stream().map(l -> new OutgoingInvoice.OutgoingLine(l.lineNo(),
                l.description(), l.quantity() == null || l.unitPrice() == null ? BigDecimal.ONE : l.quantity(),
                l.quantity() == null || l.unitPrice() == null ? l.net() : l.unitPrice(), l.net(), l.taxCategory(), l.taxRate(), l.tax()))
                .toList();
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey(v.entityId(), finalNumber, v.versionNo()), v.entityId(), finalNumber,
                versionId, v.versionNo(), v.draftId(), batchReference, OutgoingInvoice.Kind.INVOICE, null, issueDate,
                d.particulars().dueDate(), figures.currency(), new OutgoingInvoice.Customer(buyer.clientId(), buyer.name(), buyer.country(),
                        buyer.taxId(), buyer.address()), lines, figures.net(), figures.tax(), figures.gross(), d.ublXml(), d.pdf());
    }

    /** Both documents of an approved version under {@code finalNumber}, issued on {@code issueDate}. */
    Documents documents(long versionId, String finalNumber, LocalDate issueDate) {
        return documents(approved(versionId), finalNumber, issueDate);
    }

    private Version approved(long versionId) {
        return approvals.approved(versionId).orElseThrow(() -> new IllegalStateException(
                "invoice version " + versionId + " does not exist or is not approved: only an approved version gets a final invoice"));
    }

    private Documents documents(Version v, String finalNumber, LocalDate issueDate) {
        Detail draft = drafts.find(v.runId(), v.draftId(), false).orElseThrow(() -> new IllegalStateException(
                "version " + v.versionNo() + " of " + v.draftId() + " has no draft in run " + v.runId()));
        ApprovedVersion figures = VersionFigures.of(draft, v.versionNo(), v.versionNo() > 1 ? approvals.lines(v.versionId()) : List.of(),
                v.net(), v.tax(), v.gross());
        Seller seller = parties.seller(v.runId(), v.entityId()).orElseThrow(() -> new IllegalStateException(
                v.draftId() + ": legal entity " + v.entityId() + " is not in the master data of run " + v.runId()));
        Buyer buyer = parties.buyer(v.runId(), draft.client().id()).orElseThrow(() -> new IllegalStateException(
                v.draftId() + ": client " + draft.client().id() + " is not in the master data of run " + v.runId()));
        EInvoiceMapping.Particulars particulars = new EInvoiceMapping.Particulars(finalNumber, issueDate, seller, buyer);
        EInvoice eInvoice = EInvoiceMapping.map(figures, particulars);
        byte[] xml = blank(seller.peppolId()) || blank(buyer.peppolId()) ? null : ubl.write(eInvoice);
        Invoice printed = documents.of(v.runId(), v.draftId()).orElseThrow();
        return new Documents(figures, particulars, eInvoice, xml, FinalInvoicePdf.render(asApproved(printed, figures, issueDate),
                pdfParticulars(figures, particulars)));
    }

    /** The draft's document with the version's lines, tax breakdown and totals, dated the issue date. */
    static Invoice asApproved(Invoice draft, ApprovedVersion v, LocalDate issueDate) {
        Map<Integer, ApprovedVersion.Line> byNumber = new HashMap<>();
        v.lines().forEach(l -> byNumber.put(l.lineNo(), l));
        List<DraftInvoiceQueries.Line> lines = draft.lines().stream().map(l -> new DraftInvoiceQueries.Line(l.lineNo(), l.type(),
                l.description(), l.quantity(), l.unitPrice(), l.value(), byNumber.get(l.lineNo()).net(), l.taxCategory(), l.taxRate()))
                .toList();
        List<DraftInvoiceQueries.TaxGroup> taxes = v.taxes().stream()
                .map(t -> new DraftInvoiceQueries.TaxGroup(t.category(), t.rate(), t.exemptionNote(), t.net(), t.tax())).toList();
        String ccy = v.currency();
        return new Invoice(draft.draftId(), draft.period(), draft.status(), draft.contractId(), draft.poNumber(), draft.timeAnnex(),
                issueDate, draft.serviceFrom(), draft.serviceTo(), Money.of(v.net(), ccy), Money.of(v.tax(), ccy), Money.of(v.gross(), ccy),
                draft.seller(), draft.buyer(), draft.paymentTermsDays(), draft.retainer(), draft.cap(), lines, taxes, draft.annex());
    }

    private static FinalInvoicePdf.Particulars pdfParticulars(ApprovedVersion v, EInvoiceMapping.Particulars p) {
        Map<Integer, BigDecimal> adjustments = new HashMap<>();
        Set<Integer> writtenOff = new HashSet<>();
        for (ApprovedVersion.Line l : v.lines()) {
            if (l.adjustment().signum() != 0) {
                adjustments.put(l.lineNo(), l.adjustment());
            }
            if (l.writtenOff()) {
                writtenOff.add(l.lineNo());
            }
        }
        Seller s = p.seller();
        FinalInvoicePdf.PaymentInstructions payment = blank(s.bankAccount()) ? null
                : new FinalInvoicePdf.PaymentInstructions(s.name(), s.bankAccount().replace(" ", ""), s.bic(), s.bankName(), p.number());
        return new FinalInvoicePdf.Particulars(p.number(), p.issueDate(), EInvoiceMapping.payment(p, v.currency()).terms(), payment,
                adjustments, writtenOff);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
