package org.billrun.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.billrun.billing.Money;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftInvoiceQueries.AnnexEntry;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.billrun.draft.DraftInvoiceQueries.Line;
import org.billrun.draft.DraftInvoiceQueries.Party;
import org.billrun.draft.DraftInvoiceQueries.TaxGroup;
import org.billrun.report.pdf.PageMarks;
import org.billrun.report.port.FinalInvoicePdf;
import org.billrun.report.pdf.PdfFonts;
import org.billrun.report.pdf.PdfStyle;

/**
 * One draft invoice as the client would see it: seller and bill-to with their tax ids, the invoice's
 * dates and PO, the lines, the tax summary by group, the totals, the payment terms, the reverse-charge
 * note where it applies and, when the client asks for it, the time annex. Every page is marked DRAFT.
 * Internal matters (the route, reviewers, rate ids, lineage) are not printed.
 *
 * <p>The final invoice ({@link FinalInvoicePdf}) is the same layout without the DRAFT marks, under its
 * final number, with the approved version's adjustments beside their lines and the payment instructions.
 */
public final class InvoicePdf {

    static final String DRAFT_NOTICE = "DRAFT · not a valid invoice · for review before approval";
    static final String ANNEX_TITLE = "Annex: time entries";

    private static final PdfStyle STYLE = PdfStyle.INVOICE;
    private static final float BODY = STYLE.body();
    private static final float SMALL = STYLE.small();
    private static final Color GREY = STYLE.muted();

    private final Invoice invoice;
    private final int digits;
    /** null for a draft */
    private final FinalInvoicePdf.Particulars fin;

    private InvoicePdf(Invoice invoice, FinalInvoicePdf.Particulars fin) {
        this.invoice = invoice;
        this.digits = MoneyFormat.minorDigits(invoice.currency());
        this.fin = fin;
    }

    static void write(Invoice invoice, OutputStream out) {
        new InvoicePdf(invoice, null).render(out);
    }

    /** The final invoice: for {@link FinalInvoicePdf}, report's contract with the posting stage. */
    public static void writeFinal(Invoice invoice, FinalInvoicePdf.Particulars particulars, OutputStream out) {
        new InvoicePdf(invoice, particulars).render(out);
    }

    /** The draft id, or the final number. */
    private String name() {
        return fin == null ? invoice.draftId() : fin.number();
    }

    private void render(OutputStream out) {
        Document document = new Document(PageSize.A4, 48, 48, 54, 48);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(fin == null ? new PageMarks(invoice.seller().name() + " · draft " + invoice.draftId(), DRAFT_NOTICE)
                : new PageMarks(invoice.seller().name() + " · invoice " + fin.number(), null));
        document.addTitle((fin == null ? "Draft invoice " : "Invoice ") + name());
        document.addCreator("billrun");
        document.open();
        try {
            document.add(header());
            document.add(parties());
            document.add(lines());
            document.add(totals());
            document.add(taxSummary());
            document.add(STYLE.lines(0, notes().toArray(Phrase[]::new)));
            if (invoice.timeAnnex()) {
                document.newPage();
                document.add(annex());
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out " + (fin == null ? "draft " : "invoice ") + name(), e);
        }
        document.close();
    }

    /** The seller on the left, the invoice's particulars on the right. */
    private PdfPTable header() {
        Party seller = invoice.seller();
        PdfPTable table = new PdfPTable(new float[] {50, 50});
        table.setWidthPercentage(100);
        // each line ends in its own "\n": Phrase.add("\n") would bring in a non-embedded Helvetica
        Phrase left = PdfFonts.bold(orUnknown(seller.name()) + "\n", 13);
        left.add(PdfFonts.text(orUnknown(seller.address()) + "\n", BODY));
        // "Tax ID": the entity's id is a VAT id in Europe, an EIN in the US ("EIN 98-7654321")
        left.add(PdfFonts.text("Tax ID " + orNone(seller.taxId()), BODY));
        table.addCell(STYLE.bare(left, false));

        PdfPTable facts = new PdfPTable(new float[] {34, 66});
        PdfPCell title = STYLE.bare(PdfFonts.bold(fin == null ? "DRAFT INVOICE" : "INVOICE", 13), false);
        title.setColspan(2);
        facts.addCell(title);
        fact(facts, fin == null ? "Draft" : "Invoice no.", name());
        fact(facts, "Invoice date", date(invoice.invoiceDate()));
        fact(facts, "Service period", date(invoice.serviceFrom()) + " to " + date(invoice.serviceTo()));
        fact(facts, "Contract", invoice.contractId());
        fact(facts, "PO", orNone(invoice.poNumber()));
        LocalDate due = invoice.dueDate();
        fact(facts, "Payment due", due == null ? "no payment terms on file" : date(due));
        PdfPCell right = new PdfPCell(facts);
        right.setBorder(0);
        right.setPaddingLeft(12);
        table.addCell(right);
        table.setSpacingAfter(16);
        return table;
    }

    private static void fact(PdfPTable facts, String label, String value) {
        facts.addCell(STYLE.bare(PdfFonts.text(label, BODY, false, GREY), false));
        facts.addCell(STYLE.bare(PdfFonts.text(value, BODY), false));
    }

    private PdfPTable parties() {
        Party buyer = invoice.buyer();
        PdfPTable table = new PdfPTable(1);
        table.setWidthPercentage(55);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        Phrase to = PdfFonts.text("Bill to\n", SMALL, false, GREY);
        to.add(PdfFonts.bold(orUnknown(buyer.name()) + "\n", 10));
        to.add(PdfFonts.text(orUnknown(buyer.address()) + "\n", BODY));
        to.add(PdfFonts.text((isBlank(buyer.taxId()) ? "Tax ID none on file" : "Tax ID " + buyer.taxId()) + " · client " + buyer.id(), BODY));
        table.addCell(STYLE.bare(to, false));
        table.setSpacingAfter(16);
        return table;
    }

    private PdfPTable lines() {
        PdfPTable table = STYLE.table(6, 50, 10, 13, 14, 9);
        for (String h : List.of("#", "Description", "Quantity", "Unit price", "Amount", "Tax")) {
            table.addCell(STYLE.header(h, !h.equals("Description") && !h.equals("#")));
        }
        for (Line l : invoice.lines()) {
            table.addCell(STYLE.text(Integer.toString(l.lineNo()), BODY));
            String aside = aside(l);
            Phrase description = PdfFonts.text(l.description() + (aside == null ? "" : "\n"), BODY);
            if (aside != null) {
                description.add(PdfFonts.text(aside, SMALL, false, GREY));
            }
            table.addCell(STYLE.cell(description, false));
            table.addCell(STYLE.number(l.quantity() == null ? "" : MoneyFormat.number(l.quantity(), 2), BODY));
            table.addCell(STYLE.number(l.unitPrice() == null ? "" : price(l.unitPrice()), BODY));
            table.addCell(STYLE.number(money(l.net()), BODY));
            table.addCell(STYLE.number(taxLabel(l.taxCategory(), l.taxRate()), BODY));
        }
        table.setSpacingAfter(8);
        return table;
    }

    /** Why a line's amount differs from its hours × rate: the client should not read it as a mistake. */
    private String aside(Line l) {
        if (fin != null && fin.writtenOff().contains(l.lineNo())) {
            return "Written off";
        }
        BigDecimal change = fin == null ? null : fin.adjustments().get(l.lineNo());
        if (change != null && change.signum() != 0) {
            return (change.signum() < 0 ? "Write-down " : "Write-up ") + MoneyFormat.format(change.abs(), invoice.currency())
                    + " on " + MoneyFormat.format(l.net().subtract(change), invoice.currency());
        }
        if (l.type().equals("fixed_fee_time")) {
            return "Covered by the fixed fee";
        }
        if (l.type().equals("time") && invoice.retainer() != null) {
            return "Value " + MoneyFormat.format(l.value(), invoice.currency()) + ", drawn from the retainer";
        }
        return null;
    }

    private PdfPTable totals() {
        PdfPTable table = new PdfPTable(new float[] {45, 55});
        table.setWidthPercentage(50);
        table.setHorizontalAlignment(Element.ALIGN_RIGHT);
        total(table, "Total net", invoice.net(), false);
        total(table, "Total tax", invoice.tax(), false);
        total(table, "Total gross", invoice.gross(), true);
        table.setSpacingAfter(14);
        return table;
    }

    private void total(PdfPTable table, String label, Money amount, boolean bold) {
        String value = amount.toString();
        table.addCell(STYLE.cell(bold ? PdfFonts.bold(label, 10) : PdfFonts.text(label, BODY), false));
        table.addCell(STYLE.cell(bold ? PdfFonts.bold(value, 10) : PdfFonts.text(value, BODY), true));
    }

    private PdfPTable taxSummary() {
        PdfPTable table = STYLE.table(12, 10, 16, 14, 48);
        table.setHeaderRows(2);
        PdfPCell title = STYLE.bare(PdfFonts.bold("Tax summary", BODY), false);
        title.setColspan(5);
        table.addCell(title);
        for (String h : List.of("Category", "Rate", "Net", "Tax")) {
            table.addCell(STYLE.header(h, !h.equals("Category")));
        }
        table.addCell(apart(STYLE.header("Note", false)));
        for (TaxGroup t : invoice.taxGroups()) {
            table.addCell(STYLE.text(t.category() == null ? "untaxed" : t.category(), BODY));
            table.addCell(STYLE.number(t.ratePct() == null ? "" : percent(t.ratePct()), BODY));
            table.addCell(STYLE.number(money(t.net()), BODY));
            table.addCell(STYLE.number(money(t.tax()), BODY));
            table.addCell(apart(STYLE.text(t.note(), SMALL)));
        }
        table.setSpacingAfter(14);
        return table;
    }

    /** Keeps a left-aligned column clear of the right-aligned figures before it. */
    private static PdfPCell apart(PdfPCell cell) {
        cell.setPaddingLeft(10);
        return cell;
    }

    private List<Phrase> notes() {
        List<Phrase> notes = new ArrayList<>();
        String ccy = invoice.currency();
        LocalDate due = invoice.dueDate();
        if (due != null) {
            notes.add(note("Payment terms: " + invoice.paymentTermsDays() + " days net, due " + date(due) + "."));
        }
        if (fin != null && fin.payment() != null) {
            var p = fin.payment();
            notes.add(note("Please pay " + invoice.gross() + " by bank transfer to " + p.accountHolder() + ", "
                    + (p.account().matches("[A-Z]{2}[0-9]{2}.*") ? "IBAN " : "account ") + p.account()
                    + (isBlank(p.bic()) ? "" : ", BIC " + p.bic()) + (isBlank(p.bank()) ? "" : ", " + p.bank())
                    + ", quoting " + p.reference() + "."));
        }
        for (TaxGroup t : invoice.taxGroups()) {
            if (t.reverseCharge()) {
                String text = isBlank(t.note()) ? "Reverse charge: VAT to be accounted for by the recipient" : t.note().strip();
                notes.add(note(text + (text.endsWith(".") ? "" : ".") + " Supplier VAT ID " + orNone(invoice.seller().taxId()) + ", customer VAT ID " + orNone(invoice.buyer().taxId())
                        + "."));
                break;
            }
        }
        if (invoice.retainer() != null) {
            var r = invoice.retainer();
            notes.add(note("Retainer this period: balance brought forward " + MoneyFormat.format(r.opening(), ccy) + ", fee "
                    + MoneyFormat.format(r.fee(), ccy) + ", time drawn " + MoneyFormat.format(r.drawn(), ccy) + ", overage billed "
                    + MoneyFormat.format(r.overage(), ccy) + ", balance carried forward " + MoneyFormat.format(r.closing(), ccy) + "."));
        }
        if (invoice.cap() != null) {
            var c = invoice.cap();
            notes.add(note("Not-to-exceed amount " + MoneyFormat.format(c.cap(), ccy) + ": billed before this period "
                    + MoneyFormat.format(c.consumedBefore(), ccy) + ", this period " + MoneyFormat.format(c.consumed(), ccy)
                    + ", remaining " + MoneyFormat.format(c.cap().subtract(c.consumedBefore()).subtract(c.consumed()), ccy) + "."));
        }
        return notes;
    }

    private static Phrase note(String text) {
        return PdfFonts.text(text, BODY);
    }

    private PdfPTable annex() {
        PdfPTable table = STYLE.table(13, 24, 9, 54);
        table.setHeaderRows(2);
        PdfPCell title = STYLE.bare(PdfFonts.bold(ANNEX_TITLE + " (" + name() + ")", 11), false);
        title.setColspan(4);
        title.setPaddingBottom(8);
        table.addCell(title);
        for (String h : List.of("Date", "Consultant", "Hours", "Description")) {
            table.addCell(STYLE.header(h, h.equals("Hours")));
        }
        BigDecimal hours = BigDecimal.ZERO;
        for (AnnexEntry e : invoice.annex()) {
            table.addCell(STYLE.text(date(e.date()), SMALL));
            table.addCell(STYLE.text(e.consultant(), SMALL));
            table.addCell(STYLE.number(MoneyFormat.number(e.hours(), 2), SMALL));
            table.addCell(STYLE.text(e.description(), SMALL));
            hours = hours.add(e.hours());
        }
        PdfPCell total = STYLE.cell(PdfFonts.bold(invoice.annex().size() + " entries, total hours", SMALL), false);
        total.setColspan(2);
        table.addCell(total);
        table.addCell(STYLE.cell(PdfFonts.bold(MoneyFormat.number(hours, 2), SMALL), true));
        table.addCell(STYLE.text("", SMALL));
        return table;
    }

    private String money(BigDecimal amount) {
        return MoneyFormat.number(amount, digits);
    }

    /** A rate keeps the decimals it has beyond the currency's (a rate of 123.4567 is not 123.46). */
    private String price(BigDecimal price) {
        return MoneyFormat.number(price, Math.max(digits, Math.max(0, price.stripTrailingZeros().scale())));
    }

    private static String taxLabel(String category, BigDecimal rate) {
        return category == null ? "" : category + " " + (rate == null ? "" : percent(rate));
    }

    private static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String orNone(String s) {
        return isBlank(s) ? "none on file" : s;
    }

    private static String orUnknown(String s) {
        return isBlank(s) ? "(not in master data)" : s;
    }
}
