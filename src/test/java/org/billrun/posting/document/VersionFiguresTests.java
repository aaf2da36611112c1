package org.billrun.posting.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.billrun.approval.ApprovalQueries.VersionLine;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.junit.jupiter.api.Test;

/** An approved version's figures from its draft and its own lines: nets and taxes, breakdown, totals. */
class VersionFiguresTests {

    /** Two lines under the services rule, an expense under another rule of the same category and rate. */
    private static Detail draft() {
        List<DraftQueries.Line> lines = List.of(
                line(1, "time", "40.00", "150.0000", "6000.0000", "1140.0000", "TX-SVC"),
                line(2, "time", "10.00", "95.0000", "950.0000", "180.5000", "TX-SVC"),
                line(3, "expense", null, null, "412.8000", "78.4300", "TX-EXP"));
        List<DraftQueries.Tax> taxes = List.of(
                new DraftQueries.Tax("TX-SVC", "S", new BigDecimal("19"), "line", null, "19 %", new BigDecimal("6950.00"), new BigDecimal("1320.50")),
                new DraftQueries.Tax("TX-EXP", "S", new BigDecimal("19.0"), "line", null, "19 %", new BigDecimal("412.80"), new BigDecimal("78.43")));
        return new Detail("2026-10-NWDE-K-BAUER-2", 1, "live", null, "2026-10", "K-BAUER-2", "time_and_materials", "summary_by_role", true,
                "4500166540", LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), "EUR",
                new DraftQueries.Party("DE01", "Northwind Consulting GmbH", "DE", "DE811111111", "Friedrichstr. 1"),
                new DraftQueries.Party("C-BAUER", "Bauer Maschinenbau AG", "DE", "DE298765432", "Industriestraße 12"), "E-002", lines, taxes,
                new BigDecimal("7362.80"), new BigDecimal("1398.93"), new BigDecimal("8761.73"), BigDecimal.ZERO, null, null, "review", List.of());
    }

    private static DraftQueries.Line line(int no, String type, String quantity, String price, String net, String tax, String rule) {
        return new DraftQueries.Line(no, type, "L" + no, "line " + no, quantity == null ? null : new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price), new BigDecimal(net), new BigDecimal(net), null, rule, "S", new BigDecimal("19"),
                new BigDecimal(tax), 1, new BigDecimal(net), List.of());
    }

    @Test
    void versionOneIsTheDraftWithOneBreakdownRowPerCategoryAndRate() {
        ApprovedVersion v = VersionFigures.of(draft(), 1, List.of(), new BigDecimal("7362.80"), new BigDecimal("1398.93"),
                new BigDecimal("8761.73"));

        assertThat(v.lines()).extracting(ApprovedVersion.Line::net).containsExactly(new BigDecimal("6000.00"), new BigDecimal("950.00"),
                new BigDecimal("412.80"));
        assertThat(v.lines()).allSatisfy(l -> assertThat(l.adjustment().signum()).isZero());
        assertThat(v.taxes()).singleElement().satisfies(t -> {
            assertThat(t.net()).isEqualByComparingTo("7362.80");
            assertThat(t.tax()).isEqualByComparingTo("1398.93");
        });
    }

    @Test
    void aLaterVersionTakesItsOwnNetsAndTaxesAndMarksTheWriteOff() {
        List<VersionLine> own = List.of(
                new VersionLine(1, new BigDecimal("5500.00"), new BigDecimal("1045.00"), "write_down", new BigDecimal("-500.00"), false),
                new VersionLine(2, new BigDecimal("0.00"), new BigDecimal("0.00"), "write_off", new BigDecimal("-950.00"), true),
                new VersionLine(3, new BigDecimal("412.80"), new BigDecimal("78.43"), null, null, false));

        ApprovedVersion v = VersionFigures.of(draft(), 3, own, new BigDecimal("5912.80"), new BigDecimal("1123.43"), new BigDecimal("7036.23"));

        assertThat(v.lines().get(0).adjustment()).isEqualByComparingTo("-500.00");
        assertThat(v.lines().get(1).writtenOff()).isTrue();
        assertThat(v.lines().get(1).draftNet()).isEqualByComparingTo("950.00");
        assertThat(v.taxes()).singleElement().satisfies(t -> assertThat(t.tax()).isEqualByComparingTo("1123.43"));
        assertThat(v.gross()).isEqualByComparingTo("7036.23");
    }

    @Test
    void linesThatDoNotAddUpToTheVersionsTotalsAreRefused() {
        assertThatThrownBy(() -> VersionFigures.of(draft(), 1, List.of(), new BigDecimal("7362.81"), new BigDecimal("1398.93"),
                new BigDecimal("8761.74"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("states net 7362.81").hasMessageContaining("lines add up to net 7362.80");
    }
}
