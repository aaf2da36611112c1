package org.billrun.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.Money;
import org.billrun.billing.TaxGrouping.Basis;
import org.billrun.billing.TaxRule.RoundingLevel;
import org.billrun.credit.CreditArithmetic.Ask;
import org.billrun.credit.CreditArithmetic.CreditException;
import org.billrun.credit.CreditArithmetic.CreditLine;
import org.billrun.credit.CreditArithmetic.Credited;
import org.billrun.credit.CreditArithmetic.Mode;
import org.billrun.credit.CreditArithmetic.OriginalLine;
import org.billrun.credit.CreditArithmetic.Result;
import org.junit.jupiter.api.Test;

/** Full and partial credits of invoice lines, with the amounts worked out by hand. */
class CreditArithmeticTests {

    private static final Basis DE_19_LINE = new Basis("TX-DE-S", new BigDecimal("19"), RoundingLevel.LINE);
    private static final Basis DE_7_DOCUMENT = new Basis("TX-DE-R", new BigDecimal("7"), RoundingLevel.DOCUMENT);
    private static final Basis JP_10_LINE = new Basis("TX-JP-S", new BigDecimal("10"), RoundingLevel.LINE);
    private static final Basis REVERSE_CHARGE = new Basis("TX-EU-RC", BigDecimal.ZERO, RoundingLevel.DOCUMENT);

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private static Money jpy(String amount) {
        return Money.of(new BigDecimal(amount), "JPY");
    }

    private static BigDecimal q(String quantity) {
        return new BigDecimal(quantity);
    }

    /** The invoice's lines taxed as drafting taxes them; quantities given per line (null: lump sum). */
    private static List<OriginalLine> invoice(String currency, List<BigDecimal> quantities, List<InvoiceAdjustment.Line> lines) {
        InvoiceAdjustment.Version priced = InvoiceAdjustment.Version.price(currency, lines);
        return priced.lines().stream().map(l -> new OriginalLine(l.lineNo(), quantities.get(l.lineNo() - 1), l.net(), l.tax(), l.basis()))
                .toList();
    }

    /** 10 h at 150.00 and 3.5 h at 95.24 (19 %, line rounding), 120.01 of expenses at 7 % (document rounding), a 50.00 write-down. */
    private static List<OriginalLine> eurInvoice() {
        return invoice("EUR", java.util.Arrays.asList(q("10"), q("3.5"), null, null), List.of(
                new InvoiceAdjustment.Line(1, eur("1500.00"), DE_19_LINE, null),
                new InvoiceAdjustment.Line(2, eur("333.34"), DE_19_LINE, null),
                new InvoiceAdjustment.Line(3, eur("120.01"), DE_7_DOCUMENT, null),
                new InvoiceAdjustment.Line(4, eur("-50.00"), DE_19_LINE, null)));
    }

    @Test
    void aFullCreditMirrorsTheInvoiceLineByLine() {
        List<OriginalLine> invoice = eurInvoice();

        Result credit = CreditArithmetic.credit("EUR", invoice, List.of(), List.of());

        assertThat(credit.lines()).extracting(CreditLine::lineNo).containsExactly(1, 2, 3, 4);
        assertThat(credit.lines()).extracting(CreditLine::net).containsExactlyElementsOf(invoice.stream().map(OriginalLine::net).toList());
        assertThat(credit.lines()).extracting(CreditLine::tax).containsExactly(eur("285.00"), eur("63.33"), eur("8.40"), eur("-9.50"));
        assertThat(credit.lines()).allMatch(CreditLine::closesLine);
        assertThat(credit.net()).isEqualTo(eur("1903.35"));
        assertThat(credit.tax()).isEqualTo(eur("347.23"));
        assertThat(credit.gross()).isEqualTo(eur("2250.58"));
        assertThat(credit.gross().amount().scale()).isEqualTo(2);
    }

    @Test
    void aPartialCreditByQuantityTakesTheLinesShareAndTaxesItByTheLinesRule() {
        Result credit = CreditArithmetic.credit("EUR", eurInvoice(), List.of(), List.of(new Ask(1, Mode.QUANTITY, q("2.5")),
                new Ask(2, Mode.QUANTITY, q("1"))));

        // 1500.00 x 2.5 / 10 = 375.00, tax 71.25; 333.34 x 1 / 3.5 = 95.2400 -> 95.24, tax 18.0956 -> 18.10
        assertThat(credit.lines()).extracting(CreditLine::net).containsExactly(eur("375.00"), eur("95.24"));
        assertThat(credit.lines()).extracting(CreditLine::tax).containsExactly(eur("71.25"), eur("18.10"));
        assertThat(credit.lines()).extracting(CreditLine::quantity).containsExactly(q("2.5"), q("1"));
        assertThat(credit.lines()).noneMatch(CreditLine::closesLine);
        assertThat(credit.gross()).isEqualTo(eur("559.59"));
    }

    @Test
    void aPartialCreditByAmountGivesBackThatNet() {
        Result credit = CreditArithmetic.credit("EUR", eurInvoice(), List.of(), List.of(new Ask(3, Mode.AMOUNT, q("20.00"))));

        assertThat(credit.lines()).singleElement().satisfies(l -> {
            assertThat(l.net()).isEqualTo(eur("20.00"));
            assertThat(l.tax()).isEqualTo(eur("1.40"));
            assertThat(l.quantity()).isNull();
        });
    }

    @Test
    void partialCreditsOfALineAddUpToTheLineAndNeverACentMore() {
        // 0.06 at 19 %: tax 0.0114 -> 0.01. Half of it (0.03) taxes 0.0057 -> 0.01; the other half must give back 0.00
        List<OriginalLine> invoice = invoice("EUR", java.util.Arrays.asList(q("2")), List.of(
                new InvoiceAdjustment.Line(1, eur("0.06"), DE_19_LINE, null)));

        Result first = CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(1, Mode.QUANTITY, q("1"))));
        CreditLine half = first.lines().get(0);
        Result rest = CreditArithmetic.credit("EUR", invoice, List.of(new Credited(1, half.quantity(), half.net(), half.tax())), List.of());

        assertThat(half.net()).isEqualTo(eur("0.03"));
        assertThat(half.tax()).isEqualTo(eur("0.01"));
        assertThat(rest.lines()).singleElement().satisfies(l -> {
            assertThat(l.net()).isEqualTo(eur("0.03"));
            assertThat(l.tax()).as("what is left of the line's tax, not 0.01 again").isEqualTo(eur("0.00"));
            assertThat(l.quantity()).isEqualByComparingTo("1");
            assertThat(l.closesLine()).isTrue();
        });
        assertThat(half.tax().plus(rest.lines().get(0).tax())).isEqualTo(invoice.get(0).tax());
    }

    @Test
    void aJpyInvoiceIsCreditedInWholeYen() {
        List<OriginalLine> invoice = invoice("JPY", java.util.Arrays.asList(q("7.5"), null), List.of(
                new InvoiceAdjustment.Line(1, jpy("123457"), JP_10_LINE, null),
                new InvoiceAdjustment.Line(2, jpy("8999"), JP_10_LINE, null)));

        Result full = CreditArithmetic.credit("JPY", invoice, List.of(), List.of());
        Result part = CreditArithmetic.credit("JPY", invoice, List.of(), List.of(new Ask(1, Mode.QUANTITY, q("2.5"))));

        assertThat(full.net()).isEqualTo(jpy("132456"));
        assertThat(full.tax()).as("12345.7 -> 12346 and 899.9 -> 900, as invoiced").isEqualTo(jpy("13246"));
        assertThat(full.gross()).isEqualTo(jpy("145702"));
        assertThat(full.gross().amount().scale()).isZero();
        // 123457 x 2.5 / 7.5 = 41152.33 -> 41152; tax 4115.2 -> 4115
        assertThat(part.lines().get(0).net()).isEqualTo(jpy("41152"));
        assertThat(part.lines().get(0).tax()).isEqualTo(jpy("4115"));
        assertThatThrownBy(() -> CreditArithmetic.credit("JPY", invoice, List.of(), List.of(new Ask(2, Mode.AMOUNT, q("100.5")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("more decimals than JPY has (0)");
    }

    @Test
    void aReverseChargeInvoiceIsCreditedWithoutTax() {
        List<OriginalLine> invoice = invoice("EUR", java.util.Arrays.asList(q("12"), null), List.of(
                new InvoiceAdjustment.Line(1, eur("1800.00"), REVERSE_CHARGE, null),
                new InvoiceAdjustment.Line(2, eur("245.10"), REVERSE_CHARGE, null)));

        Result full = CreditArithmetic.credit("EUR", invoice, List.of(), List.of());
        Result part = CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(1, Mode.QUANTITY, q("4"))));

        assertThat(full.net()).isEqualTo(eur("2045.10"));
        assertThat(full.tax()).isEqualTo(eur("0.00"));
        assertThat(full.lines()).allMatch(l -> l.basis().equals(REVERSE_CHARGE));
        assertThat(part.lines().get(0).net()).isEqualTo(eur("600.00"));
        assertThat(part.tax()).isEqualTo(eur("0.00"));
    }

    @Test
    void aDoubleCreditIsRefused() {
        List<OriginalLine> invoice = eurInvoice();
        Result full = CreditArithmetic.credit("EUR", invoice, List.of(), List.of());
        List<Credited> credited = full.lines().stream().map(l -> new Credited(l.lineNo(), l.quantity(), l.net(), l.tax())).toList();

        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, credited, List.of()))
                .isInstanceOf(CreditException.class).hasMessage("the invoice is credited in full already: nothing is left to credit");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, credited, List.of(Ask.whole(2))))
                .isInstanceOf(CreditException.class)
                .hasMessage("line 2 is credited in full already (EUR 333.34 net, EUR 63.33 tax): a line is never credited twice");
    }

    @Test
    void aCreditBeyondWhatIsLeftOfALineIsRefused() {
        List<OriginalLine> invoice = eurInvoice();
        List<Credited> credited = List.of(new Credited(1, q("8"), eur("1200.00"), eur("228.00")));

        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, credited, List.of(new Ask(1, Mode.QUANTITY, q("2.5")))))
                .isInstanceOf(CreditException.class).hasMessage("line 1 has 2 of its 10 left to credit, not 2.5");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, credited, List.of(new Ask(1, Mode.AMOUNT, q("300.01")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("has EUR 300.00 net left to credit, less than EUR 300.01");
        Result rest = CreditArithmetic.credit("EUR", invoice, credited, List.of(new Ask(1, Mode.QUANTITY, q("2"))));
        assertThat(rest.lines().get(0).net()).isEqualTo(eur("300.00"));
        assertThat(rest.lines().get(0).tax()).isEqualTo(eur("57.00"));
        assertThat(rest.lines().get(0).closesLine()).isTrue();
    }

    @Test
    void requestsThatCannotBeRightAreRefusedWithAReason() {
        List<OriginalLine> invoice = eurInvoice();

        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(Ask.whole(9))))
                .isInstanceOf(CreditException.class).hasMessage("the invoice has no line 9 (its lines are [1, 2, 3, 4])");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(Ask.whole(1), new Ask(1, Mode.AMOUNT, q("1")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("line 1 is asked for twice");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(3, Mode.QUANTITY, q("1")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("line 3 has no quantity");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(4, Mode.AMOUNT, q("10")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("credited whole or not at all");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(1, Mode.AMOUNT, q("0")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("needs a value above 0");
        assertThatThrownBy(() -> CreditArithmetic.credit("EUR", invoice, List.of(), List.of(new Ask(1, Mode.QUANTITY, q("1.005")))))
                .isInstanceOf(CreditException.class).hasMessageContaining("at most 2 decimals");
        assertThat(CreditArithmetic.credit("EUR", invoice, List.of(), List.of(Ask.whole(4))).net()).as("a negative line, whole")
                .isEqualTo(eur("-50.00"));
    }
}
