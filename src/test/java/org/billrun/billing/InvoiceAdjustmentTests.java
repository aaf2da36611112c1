package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.InvoiceAdjustment.AdjustmentException;
import org.billrun.billing.InvoiceAdjustment.Kind;
import org.billrun.billing.InvoiceAdjustment.Line;
import org.billrun.billing.InvoiceAdjustment.Request;
import org.billrun.billing.InvoiceAdjustment.Result;
import org.billrun.billing.InvoiceAdjustment.Version;
import org.billrun.billing.TaxGrouping.Basis;
import org.billrun.billing.TaxRule.RoundingLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Write-downs, write-ups and write-offs of one line, with the version's tax and totals worked out by hand. */
class InvoiceAdjustmentTests {

    private static final Basis DE_19_LINE = new Basis("TX-DE-S", new BigDecimal("19"), RoundingLevel.LINE);
    private static final Basis REDUCED_7_DOCUMENT = new Basis("TX-DE-R", new BigDecimal("7"), RoundingLevel.DOCUMENT);
    private static final Basis DE_19_DOCUMENT = new Basis("TX-DE-D", new BigDecimal("19"), RoundingLevel.DOCUMENT);
    private static final Basis JP_10_LINE = new Basis("TX-JP-S", new BigDecimal("10"), RoundingLevel.LINE);

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private static Money jpy(String amount) {
        return Money.of(new BigDecimal(amount), "JPY");
    }

    private static Line line(int no, Money net, Basis basis) {
        return new Line(no, net, basis, null);
    }

    /** 1,000.00 and 333.33 at 19 % (line rounding), 120.00 at 7 % (document rounding): tax 190.00 + 63.33 + 8.40. */
    private static Version eurVersion() {
        return Version.price("EUR", List.of(line(1, eur("1000.00"), DE_19_LINE), line(2, eur("333.33"), DE_19_LINE),
                line(3, eur("120.00"), REDUCED_7_DOCUMENT)));
    }

    @Test
    void pricingAVersionTaxesItsLinesByGroupAndAddsUp() {
        Version version = eurVersion();

        assertThat(version.lines()).extracting(Line::tax).containsExactly(eur("190.00"), eur("63.33"), eur("8.40"));
        assertThat(version.taxGroups()).extracting(g -> g.basis().ruleId(), TaxGrouping.Group::net, TaxGrouping.Group::tax)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TX-DE-S", eur("1333.33"), eur("253.33")),
                        org.assertj.core.groups.Tuple.tuple("TX-DE-R", eur("120.00"), eur("8.40")));
        assertThat(version.net()).isEqualTo(eur("1453.33"));
        assertThat(version.tax()).isEqualTo(eur("261.73"));
        assertThat(version.gross()).isEqualTo(eur("1715.06"));
        assertThat(version.gross().amount().scale()).isEqualTo(2);
    }

    @Nested
    class Kinds {

        @Test
        void aWriteDownLowersTheLineAndItsTaxAndTheTotals() {
            Result result = InvoiceAdjustment.apply(eurVersion(), new Request(1, Kind.WRITE_DOWN, eur("250.00")));

            assertThat(result.after().line(1).net()).isEqualTo(eur("750.00"));
            assertThat(result.after().line(1).tax()).isEqualTo(eur("142.50"));
            assertThat(result.after().line(2)).isEqualTo(result.before().line(2));
            assertThat(result.after().net()).isEqualTo(eur("1203.33"));
            assertThat(result.after().tax()).isEqualTo(eur("214.23"));
            assertThat(result.after().gross()).isEqualTo(eur("1417.56"));
            assertThat(result.change()).isEqualTo(eur("-250.00"));
            assertThat(result.writtenOff()).isEqualTo(eur("0.00"));
        }

        @Test
        void aWriteUpRaisesTheLine() {
            Result result = InvoiceAdjustment.apply(eurVersion(), new Request(2, Kind.WRITE_UP, eur("16.67")));

            assertThat(result.after().line(2).net()).isEqualTo(eur("350.00"));
            assertThat(result.after().line(2).tax()).isEqualTo(eur("66.50"));
            assertThat(result.after().gross()).isEqualTo(eur("1734.90"));
            assertThat(result.after().net()).isEqualTo(eur("1470.00"));
            assertThat(result.after().tax()).isEqualTo(eur("264.90"));
            assertThat(result.change()).isEqualTo(eur("16.67"));
        }

        @Test
        void aWriteOffTakesTheWholeLineAndItsTax() {
            Result result = InvoiceAdjustment.apply(eurVersion(), new Request(2, Kind.WRITE_OFF, null));

            assertThat(result.after().line(2).net()).isEqualTo(eur("0.00"));
            assertThat(result.after().line(2).tax()).isEqualTo(eur("0.00"));
            assertThat(result.after().lines()).hasSize(3);
            assertThat(result.after().net()).isEqualTo(eur("1120.00"));
            assertThat(result.after().tax()).isEqualTo(eur("198.40"));
            assertThat(result.after().gross()).isEqualTo(eur("1318.40"));
            assertThat(result.writtenOff()).isEqualTo(eur("333.33"));
            assertThat(result.change()).isEqualTo(eur("-333.33"));
        }

        @Test
        void underDocumentRoundingTheGroupsTaxIsSpreadAnewOverItsLines() {
            // 3 x 0.03 at 19 %: document tax 0.0171 -> 0.02, spread 0.01, 0.01, 0.00
            Version before = Version.price("EUR", List.of(line(1, eur("0.03"), DE_19_DOCUMENT), line(2, eur("0.03"), DE_19_DOCUMENT),
                    line(3, eur("0.03"), DE_19_DOCUMENT)));
            assertThat(before.lines()).extracting(Line::tax).containsExactly(eur("0.01"), eur("0.01"), eur("0.00"));

            // line 3 to 0.06: 0.12 x 19 % = 0.0228 -> 0.02; exact 0.0057, 0.0057, 0.0114: floors 0, 0, 0.01, one cent left for line 1
            Result result = InvoiceAdjustment.apply(before, new Request(3, Kind.WRITE_UP, eur("0.03")));

            assertThat(result.after().lines()).extracting(Line::tax).containsExactly(eur("0.01"), eur("0.00"), eur("0.01"));
            assertThat(result.after().tax()).isEqualTo(eur("0.02"));
            assertThat(result.after().gross()).isEqualTo(eur("0.14"));
        }

        @Test
        void anUntaxedLineStaysUntaxed() {
            Version before = Version.price("EUR", List.of(line(1, eur("500.00"), null), line(2, eur("100.00"), DE_19_LINE)));

            Result result = InvoiceAdjustment.apply(before, new Request(1, Kind.WRITE_DOWN, eur("100.00")));

            assertThat(result.after().line(1).tax()).isEqualTo(eur("0.00"));
            assertThat(result.after().taxGroups()).extracting(TaxGrouping.Group::basis).containsExactly(null, DE_19_LINE);
            assertThat(result.after().gross()).isEqualTo(eur("519.00"));
        }
    }

    @Nested
    class Yen {

        private Version yen() {
            // 150,000 + 33,333 at 10 % line rounding: 15,000 + 3,333.3 -> 3,333
            return Version.price("JPY", List.of(line(1, jpy("150000"), JP_10_LINE), line(2, jpy("33333"), JP_10_LINE)));
        }

        @Test
        void zeroDecimalsThroughout() {
            Result result = InvoiceAdjustment.apply(yen(), new Request(2, Kind.WRITE_DOWN, jpy("3333")));

            assertThat(result.before().tax()).isEqualTo(jpy("18333"));
            assertThat(result.after().line(2).tax()).isEqualTo(jpy("3000"));
            assertThat(result.after().net()).isEqualTo(jpy("180000"));
            assertThat(result.after().tax()).isEqualTo(jpy("18000"));
            assertThat(result.after().gross()).isEqualTo(jpy("198000"));
            assertThat(result.after().gross().amount().scale()).isZero();
        }

        @Test
        void anAmountWithDecimalsIsRefused() {
            assertThatThrownBy(() -> InvoiceAdjustment.apply(yen(), new Request(2, Kind.WRITE_DOWN, jpy("100.5"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("more decimals than JPY has (0)");
        }

        @Test
        void trailingZerosAreNotDecimals() {
            assertThat(InvoiceAdjustment.apply(yen(), new Request(2, Kind.WRITE_UP, jpy("1000.00"))).after().line(2).net())
                    .isEqualTo(jpy("34333"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void aWriteDownOfTheWholeLineIsAWriteOff() {
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(2, Kind.WRITE_DOWN, eur("333.33"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("write it off");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(2, Kind.WRITE_DOWN, eur("400.00"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("is not less than line 2's net");
        }

        @Test
        void aLineThatBillsNothingCannotBeWrittenOffOrDown() {
            Version version = Version.price("EUR", List.of(line(1, eur("0.00"), DE_19_LINE), line(2, eur("-50.00"), DE_19_LINE)));

            assertThatThrownBy(() -> InvoiceAdjustment.apply(version, new Request(1, Kind.WRITE_OFF, null)))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("nothing to write off");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(version, new Request(2, Kind.WRITE_DOWN, eur("1.00"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("nothing to write down");
        }

        @Test
        void badRequestsSayWhat() {
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(9, Kind.WRITE_OFF, null)))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("no line 9 (its lines are [1, 2, 3])");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(1, Kind.WRITE_OFF, eur("1.00"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("it has no amount");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(1, Kind.WRITE_UP, eur("-1.00"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("write-up needs an amount above 0");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(1, Kind.WRITE_DOWN, Money.of(BigDecimal.TEN, "USD"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("in USD but the invoice is in EUR");
            assertThatThrownBy(() -> InvoiceAdjustment.apply(eurVersion(), new Request(1, Kind.WRITE_DOWN, eur("0.001"))))
                    .isInstanceOf(AdjustmentException.class).hasMessageContaining("more decimals than EUR has (2)");
        }
    }
}
