package org.billrun.posting.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.posting.einvoice.Northwind.expense;
import static org.billrun.posting.einvoice.Northwind.time;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the writer refuses before it writes, and the message finance gets: the invoice's own sums, the
 * decimals EN 16931 allows, billrun's rounding against BR-CO-17, and the ids Peppol needs that billrun's
 * master data may lack. No rule sets run here (see UblWriterValidationTests for that).
 */
class UblWriterCheckTests {

    private final UblWriter writer = new UblWriter();

    private static InvoiceBuilder german(String number) {
        return new InvoiceBuilder(number, "EUR")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 14))
                .references("4500166540", "4500166540", "K-BAUER-2")
                .parties(Northwind.de01(), Northwind.bauer())
                .payment(Northwind.sepa(number, "14 days net"));
    }

    private List<String> problems(EInvoice invoice) {
        try {
            writer.write(invoice);
        } catch (EInvoiceException e) {
            assertThat(e.number()).isEqualTo(invoice.number());
            assertThat(e.getMessage()).startsWith("e-invoice " + invoice.number() + " cannot be written: ");
            return e.problems();
        }
        return List.of();
    }

    @Test
    void aValidInvoiceHasNoProblems() {
        assertThat(problems(UblWriterValidationTests.domesticGerman())).isEmpty();
    }

    @Test
    void totalsThatDifferFromTheLinesAreRefusedNamingEachTotal() {
        EInvoice built = german("NWDE-2026-000201").line(time("1", "Consulting", "10", "150.00", "1500.00", TaxCategory.S, "19")).build();
        EInvoice wrong = withTotals(built, new EInvoice.Totals(new BigDecimal("1500.01"), new BigDecimal("285.00"),
                new BigDecimal("1785.01"), BigDecimal.ZERO, new BigDecimal("1785.01")));

        assertThat(problems(wrong)).containsExactly(
                "net: the invoice says 1500.01, the lines less allowances plus charges make 1500.00",
                "gross: the invoice says 1785.01, net + tax make 1785.00",
                "due: the invoice says 1785.01, gross - paid make 1785.00");
    }

    @Test
    void aTaxSubtotalWhoseTaxableAmountIsNotItsLinesIsRefused() {
        EInvoice built = german("NWDE-2026-000202").line(time("1", "Consulting", "10", "150.00", "1500.00", TaxCategory.S, "19")).build();
        TaxSubtotal wrong = new TaxSubtotal(TaxCategory.S, new BigDecimal("19"), new BigDecimal("1400.00"), new BigDecimal("285.00"),
                null, null);

        assertThat(problems(withSubtotals(built, List.of(wrong))))
                .containsExactly("tax subtotal S 19 %: taxable amount 1400.00, but its lines less allowances plus charges make 1500.00"
                        + " (BR-S-08)");
    }

    @Test
    void aLineWhoseNetIsNotQuantityTimesPriceIsRefused() {
        EInvoice invoice = german("NWDE-2026-000203").line(time("1", "Consulting", "10", "150.00", "1501.00", TaxCategory.S, "19")).build();

        assertThat(problems(invoice)).contains(
                "line 1: net 1501.00 is not quantity x price + charges - allowances (1500.00) rounded to EUR's minor unit");
    }

    @Test
    void aConsumerWithoutAPeppolIdGetsNoEInvoice() {
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000204", "EUR")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 14))
                .references("K-PRIV-1", null, "K-PRIV-1")
                .parties(Northwind.de01(), Northwind.oesterreicher())
                .line(time("1", "Tax advisory: partner", "3", "320.00", "960.00", TaxCategory.S, "19"))
                .build();

        assertThat(problems(invoice)).containsExactly("buyer Dr. Katharina Österreicher has no electronic address (Peppol participant id):"
                + " Peppol BIS 3 has no document without one (PEPPOL-EN16931-R010)");
    }

    @Test
    void outsideScopeNeedsTheSellersCompanyIdSinceItsVatIdMayNotAppear() {
        Party noCompanyId = new Party("Northwind Consulting GmbH", Northwind.de01().address(), "DE811111111", null, null,
                Northwind.de01().electronicAddress(), null);
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000205", "CHF")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "AB-2026-0042", null)
                .parties(noCompanyId, Northwind.alpen())
                .exemption(TaxCategory.O, Northwind.EXEMPT_NON_EU_B2B)
                .line(time("1", "Risk model review", "10", "260.00", "2600.00", TaxCategory.O, null))
                .build();

        assertThat(problems(invoice)).containsExactly("seller Northwind Consulting GmbH has no company registration id: outside scope (O)"
                + " leaves the VAT id out (BR-O-02), so the seller is identified by its registration id (BT-30, BR-CO-26)");
    }

    @Test
    void reverseChargeNeedsTheBuyersVatId() {
        Party acmeWithoutVat = new Party("Acme Industrie SARL", Northwind.acme().address(), null, null, null,
                Northwind.acme().electronicAddress(), null);
        EInvoice invoice = german("NWDE-2026-000206").parties(Northwind.de01(), acmeWithoutVat)
                .exemption(TaxCategory.AE, Northwind.EXEMPT_REVERSE_CHARGE)
                .line(time("1", "Consulting", "10", "185.00", "1850.00", TaxCategory.AE, "0"))
                .build();

        assertThat(problems(invoice)).containsExactly(
                "reverse charge (AE) needs the buyer's VAT id (BR-AE-02): buyer Acme Industrie SARL has none");
    }

    @Test
    void aTaxNumberThatIsNoVatIdIsRefusedAsOne() {
        Party einAsVat = new Party("Northwind Consulting Inc.", Northwind.us01().address(), "EIN 98-7654321", null, null,
                Northwind.us01().electronicAddress(), null);
        EInvoice invoice = german("NWUS-2026-000207").parties(einAsVat, Northwind.bauer())
                .line(time("1", "Consulting", "10", "150.00", "1500.00", TaxCategory.S, "19"))
                .build();

        assertThat(problems(invoice)).containsExactly("seller Northwind Consulting Inc.: VAT id 'EIN 98-7654321' has no country prefix"
                + " (BR-CO-09); a tax number that is no VAT id belongs in the company registration id");
    }

    @Test
    void aThreeDecimalCurrencyAmountCannotBeWritten() {
        EInvoice invoice = new InvoiceBuilder("NWGB-2026-000208", "KWD").documentRounding()
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "HF-PO-88213", null)
                .parties(Northwind.gb01(), Northwind.harbour())
                .line(time("1", "Consulting", "1", "55.125", "55.125", TaxCategory.S, "20"))
                .build();

        assertThat(problems(invoice)).contains("line 1 net: 55.125 has more than 2 decimals, and EN 16931 allows no more in an amount"
                + " (BR-DEC) even for KWD (3 decimals)");
    }

    @Test
    void yenLineRoundedTaxThatDriftsAWholeYenIsRefused() {
        // three lines of JPY 15 at 10 %: 1.5 rounds to 2 on each line, 6 in all, against 10 % of 45 = 4.50
        InvoiceBuilder builder = new InvoiceBuilder("NWGB-2026-000209", "JPY")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "HF-PO-88213", null)
                .parties(Northwind.gb01(), Northwind.harbour());
        for (int i = 1; i <= 3; i++) {
            builder.line(expense(String.valueOf(i), "Taxi", "15", TaxCategory.S, "10"));
        }

        assertThat(problems(builder.build())).containsExactly("tax subtotal S 10 %: tax 6 on 45 is a whole JPY or more away from 10 %"
                + " of it rounded once (BR-CO-17): rounding the tax per line drifted too far; round it per document");
    }

    @Test
    void lineRoundingInEurosStaysWithinBrCo17UpTo199LinesEvenAtTheWorstRemainder() {
        // each line's exact tax ends in half a cent and rounds up: the drift is half a cent per line
        assertThat(problems(euroLinesOfFiveCentsAtTenPercent(199))).isEmpty();
        assertThat(problems(euroLinesOfFiveCentsAtTenPercent(200))).singleElement().asString()
                .startsWith("tax subtotal S 10 %: tax 2.00 on 10.00 is a whole EUR or more away");
    }

    private static EInvoice euroLinesOfFiveCentsAtTenPercent(int count) {
        InvoiceBuilder builder = german("NWDE-2026-000210");
        for (int i = 1; i <= count; i++) {
            builder.line(expense(String.valueOf(i), "Parking", "0.05", TaxCategory.S, "10"));
        }
        return builder.build();
    }

    @Test
    void aCreditNoteNamesTheInvoiceItCredits() {
        EInvoice credit = german("NWDE-2026-000211").line(time("1", "Consulting", "2", "210.00", "420.00", TaxCategory.S, "19")).build();
        EInvoice withoutReference = new EInvoice(EInvoice.Kind.CREDIT_NOTE, credit.number(), credit.issueDate(), credit.dueDate(),
                credit.currency(), credit.references(), credit.period(), null, credit.seller(), credit.buyer(), credit.payment(),
                credit.lines(), credit.allowancesCharges(), credit.taxSubtotals(), null, credit.totals());

        assertThat(problems(withoutReference))
                .containsExactly("a credit note names the invoice it credits (preceding invoice reference, BT-25)");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000212", "EUR")
                .parties(Northwind.de01(), Northwind.oesterreicher())
                .line(new Line("1", " ", null, BigDecimal.ONE, Line.ONE, new BigDecimal("-10.00"), new BigDecimal("-10.00"), List.of(),
                        TaxCategory.S, new BigDecimal("19")))
                .build();

        assertThat(problems(invoice)).containsExactly(
                "neither a buyer reference nor a purchase order: Peppol needs one of them (PEPPOL-EN16931-R003)",
                "buyer Dr. Katharina Österreicher has no electronic address (Peppol participant id): Peppol BIS 3 has no document without"
                        + " one (PEPPOL-EN16931-R010)",
                "line 1: no name for what it bills (BT-153)",
                "line 1: price -10.00 is negative (BR-27); bill a negative amount as a negative quantity at a positive price");
    }

    private static EInvoice withTotals(EInvoice e, EInvoice.Totals totals) {
        return new EInvoice(e.kind(), e.number(), e.issueDate(), e.dueDate(), e.currency(), e.references(), e.period(), e.note(),
                e.seller(), e.buyer(), e.payment(), e.lines(), e.allowancesCharges(), e.taxSubtotals(), e.taxInAccountingCurrency(),
                totals);
    }

    private static EInvoice withSubtotals(EInvoice e, List<TaxSubtotal> subtotals) {
        return new EInvoice(e.kind(), e.number(), e.issueDate(), e.dueDate(), e.currency(), e.references(), e.period(), e.note(),
                e.seller(), e.buyer(), e.payment(), e.lines(), e.allowancesCharges(), new ArrayList<>(subtotals),
                e.taxInAccountingCurrency(), e.totals());
    }
}
