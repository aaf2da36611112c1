package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.assist.summary.SummaryInput;
import org.billrun.draft.DraftQueries.Line;
import org.junit.jupiter.api.Test;

/** The line changes `review show`'s opening paragraph is written from, and how the paragraph is wrapped. */
class SummaryInputsTests {

    @Test
    void linesAreMatchedByTypeAndKeyIntoAddedChangedAndRemovedWithHoursForTimeLines() {
        List<Line> september = List.of(line(1, "time", "P-1|senior", "Time on P-1 (senior consultant)", "96", "19200.00"),
                line(2, "expense", "travel", "Expenses: travel", "1", "800.00"));
        List<Line> october = List.of(line(1, "time", "P-1|senior", "Time on P-1 (senior consultant)", "412.5", "82500.00"),
                line(2, "expense", "hotel", "Expenses: hotel", "1", "3863.34"));

        List<SummaryInput.LineChange> changes = SummaryInputs.changes(september, october);

        assertThat(changes).containsExactly(
                new SummaryInput.LineChange(SummaryInput.Change.CHANGED, "Time on P-1 (senior consultant)", "h", new BigDecimal("96"),
                        new BigDecimal("412.5"), new BigDecimal("19200.00"), new BigDecimal("82500.00")),
                new SummaryInput.LineChange(SummaryInput.Change.ADDED, "Expenses: hotel", null, null, null, null, new BigDecimal("3863.34")),
                new SummaryInput.LineChange(SummaryInput.Change.REMOVED, "Expenses: travel", null, null, null, new BigDecimal("800.00"), null));
    }

    @Test
    void theParagraphIsWrappedAtSpacesWithinTheWidth() {
        String wrapped = ReviewCommand.Show.wrap("Routed to finance because the billing spike warning is open.", 30);

        assertThat(wrapped).isEqualTo("Routed to finance because the\nbilling spike warning is open.");
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(30));
    }

    private static Line line(int no, String type, String key, String description, String quantity, String net) {
        return new Line(no, type, key, description, new BigDecimal(quantity), null, new BigDecimal(net), new BigDecimal(net), "", "T1", "S",
                new BigDecimal("20"), BigDecimal.ZERO, 1, new BigDecimal(net), List.of());
    }
}
