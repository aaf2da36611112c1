package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.billrun.erp.tryton.TrytonErpFixtures.acme;
import static org.billrun.erp.tryton.TrytonErpFixtures.acmeOctober;
import static org.billrun.erp.tryton.TrytonErpFixtures.invoice;
import static org.billrun.erp.tryton.TrytonErpFixtures.line;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.junit.jupiter.api.Test;

/** What a final invoice becomes in Tryton, without Tryton. */
class TrytonPostingTests {

    private static final TrytonSetup SETUP = TrytonErpFixtures.setup(URI.create("http://127.0.0.1:1/"), Path.of("pw"));

    @Test
    void anInvoiceBecomesAPartyByClientIdAndAnInvoiceWithBillrunsReferenceItsTaxesByCategoryAndRateAndItsPaymentTerm() {
        TrytonPosting posting = TrytonPosting.of(acmeOctober("NWDE-2026-000123"), SETUP);

        assertThat(posting.party()).isEqualTo(new TrytonPartyData("C-ACME", "Acme Industrie SARL",
                new TrytonAddress("1 rue de la Paix, 75002 Paris, France", null, null, "FR"),
                new TrytonTaxIdentifier(null, "FR40123456789"), 22L));
        assertThat(posting.reference()).isEqualTo("NWDE-2026-000123");
        assertThat(posting.invoiceDate()).isEqualTo(TrytonErpFixtures.OCTOBER_END);
        assertThat(posting.description()).isEqualTo("billrun NWDE-2026-000123, posting batch PB-DE01-1");
        assertThat(posting.paymentTermId()).isEqualTo(22L);
        assertThat(posting.currencyId()).isEqualTo(10L);
        // S 19 % matches two rules' taxes (ids 5 and 8): the lowest id, the domestic rule's
        assertThat(posting.lines()).containsExactly(
                new TrytonPosting.Line("Senior consultant, 12.5 h", new BigDecimal("12.5"), new BigDecimal("150.00"), 5),
                new TrytonPosting.Line("Consulting for the French branch, 3 h", new BigDecimal("3"), new BigDecimal("111.11"), 6));
        assertThat(posting.request(42, SETUP)).isEqualTo(new TrytonInvoiceRequest("NWDE-2026-000123", 42,
                TrytonErpFixtures.OCTOBER_END, "billrun NWDE-2026-000123, posting batch PB-DE01-1", 100, 102, 22L, 10L, List.of(
                        new TrytonInvoiceLineRequest("Senior consultant, 12.5 h", new BigDecimal("12.5"),
                                new BigDecimal("150.00"), 101, List.of(5L)),
                        new TrytonInvoiceLineRequest("Consulting for the French branch, 3 h", new BigDecimal("3"),
                                new BigDecimal("111.11"), 101, List.of(6L)))));
    }

    @Test
    void aLineWhoseQuantityTimesPriceIsNotItsNetOrWhoseQuantityHasThreeDecimalsGoesAsOneUnitAtItsNet() {
        OutgoingInvoice invoice = invoice("NWDE-2026-000124", Kind.INVOICE, acme(), "EUR", List.of(
                line(1, "Senior consultant, 10 h, written down", "10", "150.00", "1400.00", "S", "19", "266.00"),
                line(2, "Analyst, 2.125 h", "2.125", "80.00", "170.00", "S", "19", "32.30"),
                line(3, "Analyst, 2.5 h", "2.5", "80.00", "200.00", "S", "19", "38.00")), "1770.00", "336.30", "2106.30");

        assertThat(TrytonPosting.of(invoice, SETUP).lines()).extracting(TrytonPosting.Line::quantity,
                TrytonPosting.Line::unitPrice).containsExactly(
                        tuple(BigDecimal.ONE, new BigDecimal("1400.00")),
                        tuple(BigDecimal.ONE, new BigDecimal("170.00")),
                        tuple(new BigDecimal("2.5"), new BigDecimal("80.00")));
    }

    @Test
    void aCreditNoteWithPositiveAmountsIsBookedWithNegativeQuantitiesAndExpectsNegativeTotals() {
        OutgoingInvoice credit = invoice("NWDE-2026-000125", Kind.CREDIT_NOTE, acme(), "EUR", List.of(
                line(1, "Credit: senior consultant, 2 h", "2", "150.00", "300.00", "S", "19", "57.00")), "300.00", "57.00",
                "357.00");

        TrytonPosting posting = TrytonPosting.of(credit, SETUP);

        assertThat(posting.lines()).singleElement().extracting(TrytonPosting.Line::quantity)
                .isEqualTo(new BigDecimal("-2"));
        assertThat(List.of(posting.net(), posting.tax(), posting.gross())).containsExactly(new BigDecimal("-300.00"),
                new BigDecimal("-57.00"), new BigDecimal("-357.00"));
    }

    @Test
    void aCreditNotesDescriptionSaysItIsOneAndNamesTheInvoiceItCredits() {
        OutgoingInvoice invoice = acmeOctober("NWDE-CN-2026-000001");
        OutgoingInvoice credit = new OutgoingInvoice(invoice.idempotencyKey(), "DE01", invoice.reference(), 1, 1, null,
                "PB-DE01-7", Kind.CREDIT_NOTE, "NWDE-2026-000123", invoice.issueDate(), null, "EUR", acme(), invoice.lines(),
                invoice.net(), invoice.tax(), invoice.gross(), null, null);

        assertThat(TrytonPosting.of(credit, SETUP).description())
                .isEqualTo("billrun credit note NWDE-CN-2026-000001 of invoice NWDE-2026-000123, posting batch PB-DE01-7");
    }

    @Test
    void aTrytonCreditNotesNegativeTotalIsListedPositiveAsTheLedgerHoldsIt() {
        String described = "billrun credit note NWDE-CN-2026-000001 of invoice NWDE-2026-000123";

        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("-357.00"), described)).isEqualByComparingTo("357.00");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("-357.00"), "billrun NWDE-CN-2026-000001"))
                .as("posted before descriptions said so").isEqualByComparingTo("357.00");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("357.00"), described))
                .as("a credit note booked positive is a difference").isEqualByComparingTo("-357.00");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("2564.58"), "billrun NWDE-2026-000123")).isEqualByComparingTo("2564.58");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("-2564.58"), "billrun NWDE-2026-000123, posting batch PB-DE01-7"))
                .as("an invoice Tryton holds negative is a difference, not taken for a credit note").isEqualByComparingTo("-2564.58");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(new BigDecimal("-100.00"), "entered by hand"))
                .as("a document billrun did not describe: the sign decides").isEqualByComparingTo("100.00");
        assertThat(TrytonErpAdapter.asBillrunStatesIt(null, described)).isNull();
    }

    @Test
    void anInvoiceWithoutADueDateGetsNoPaymentTerm() {
        OutgoingInvoice invoice = acmeOctober("NWDE-2026-000129");
        OutgoingInvoice noDueDate = new OutgoingInvoice(invoice.idempotencyKey(), "DE01", invoice.reference(), 1, 1, null,
                null, Kind.CREDIT_NOTE, "NWDE-2026-000123", invoice.issueDate(), null, "EUR", acme(), invoice.lines(),
                invoice.net(), invoice.tax(), invoice.gross(), null, null);

        TrytonPosting posting = TrytonPosting.of(noDueDate, SETUP);

        assertThat(posting.paymentTermId()).isNull();
        assertThat(posting.party().customerPaymentTermId()).isNull();
    }

    @Test
    void totalsAreComparedToTheCent() {
        TrytonPosting posting = TrytonPosting.of(acmeOctober("NWDE-2026-000123"), SETUP);

        assertThat(posting.sameTotals(booked("2208.33", "356.25", "2564.58"))).isTrue();
        assertThat(posting.sameTotals(booked("2208.330", "356.250", "2564.580"))).isTrue();
        assertThat(posting.sameTotals(booked("2208.33", "356.26", "2564.59"))).isFalse();
    }

    @Test
    void whatThisTrytonCannotTakeIsRefusedWithWhatToChange() {
        OutgoingInvoice otherEntity = new OutgoingInvoice("US01/NWUS-2026-000001/1", "US01", "NWUS-2026-000001", 1, 1, null,
                null, Kind.INVOICE, null, TrytonErpFixtures.OCTOBER_END, null, "USD", acme(), List.of(), BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ONE, null, null);
        OutgoingInvoice yen = invoice("NWDE-2026-000126", Kind.INVOICE, acme(), "JPY", acmeOctober("x").lines(), "1", "0", "1");
        OutgoingInvoice sevenPercent = invoice("NWDE-2026-000127", Kind.INVOICE, acme(), "EUR",
                List.of(line(1, "Books", "1", "100.00", "100.00", "S", "7", "7.00")), "100.00", "7.00", "107.00");
        OutgoingInvoice due45 = new OutgoingInvoice("DE01/NWDE-2026-000128/1", "DE01", "NWDE-2026-000128", 1, 1, null, null,
                Kind.INVOICE, null, TrytonErpFixtures.OCTOBER_END, TrytonErpFixtures.OCTOBER_END.plusDays(45), "EUR", acme(),
                acmeOctober("x").lines(), new BigDecimal("2208.33"), new BigDecimal("356.25"), new BigDecimal("2564.58"), null,
                null);

        assertThatThrownBy(() -> TrytonPosting.of(otherEntity, SETUP)).isInstanceOf(TrytonPosting.Unmappable.class)
                .hasMessageContaining("entity DE01 only, not US01");
        assertThatThrownBy(() -> TrytonPosting.of(yen, SETUP)).hasMessageContaining("no currency JPY");
        assertThatThrownBy(() -> TrytonPosting.of(sevenPercent, SETUP))
                .hasMessageContaining("line 1: Tryton has no tax of category S at 7 %");
        assertThatThrownBy(() -> TrytonPosting.of(due45, SETUP)).hasMessageContaining("no payment term of 45 days");
    }

    private static TrytonInvoice booked(String net, String tax, String gross) {
        return new TrytonInvoice(1, "2026/00001", "draft", "NWDE-2026-000123", 42, TrytonErpFixtures.OCTOBER_END, 10,
                new BigDecimal(net), new BigDecimal(tax), new BigDecimal(gross), List.of(), List.of());
    }
}
