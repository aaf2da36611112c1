package org.billrun.credit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a source record ends once credits and rebills are counted (invariant 1, conservation, after posting;
 * docs/credits.md, "Conservation"), in plain Java over its lineage: the live draft lines that bill it and the
 * approved credit lines that gave such a line back to the end.
 *
 * <ul>
 * <li><b>billed</b>: on exactly one live line that no approved credit gave back in full, the rebill's line for a
 * credited-and-rebilled record: it counts once, there. A line credited in part still bills its records.</li>
 * <li><b>credited</b>: every live line that billed it was given back, the last by a credit without a rebill: it
 * ends credited, with that credit's reason and approver.</li>
 * <li><b>awaiting rebill</b>: given back by a credit with a rebill that no live line bills yet (the next run of its
 * period drafts it).</li>
 * <li><b>billed twice</b>: on more than one live line not given back, a breach of conservation.</li>
 * <li><b>not billed</b>: on no live line (held, non-billable, not drafted yet).</li>
 * </ul>
 */
public final class RecordFate {

    public enum State {
        BILLED, CREDITED, AWAITING_REBILL, BILLED_TWICE, NOT_BILLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** A live draft line that bills the record; {@code rebillOf} is the credit it bills again (null: an ordinary draft). */
    public record Line(long runId, String draftId, int lineNo, String invoiceNumber, Long rebillOf) {}

    /** An approved credit line that gave back a line of {@code invoiceNumber} to the end ({@code closes_line}). */
    public record GivenBack(long creditId, String creditNumber, String invoiceNumber, int lineNo, boolean rebill, CreditReason reason,
            String approvedBy) {}

    /** The record's end: its state, the line it is billed on (billed), or the credit that gave it back (credited, awaiting rebill). */
    public record Fate(State state, Line line, GivenBack credit) {}

    private RecordFate() {}

    public static Fate of(List<Line> live, List<GivenBack> givenBack) {
        List<Line> open = live.stream().filter(l -> closing(l, givenBack).isEmpty()).toList();
        if (open.size() == 1) {
            return new Fate(State.BILLED, open.get(0), null);
        }
        if (open.size() > 1) {
            return new Fate(State.BILLED_TWICE, open.get(0), null);
        }
        Optional<GivenBack> last = live.stream().map(l -> closing(l, givenBack)).flatMap(Optional::stream)
                .max(Comparator.comparingLong(GivenBack::creditId));
        if (last.isEmpty()) {
            return new Fate(State.NOT_BILLED, null, null);
        }
        return new Fate(last.get().rebill() ? State.AWAITING_REBILL : State.CREDITED, null, last.get());
    }

    private static Optional<GivenBack> closing(Line line, List<GivenBack> givenBack) {
        if (line.invoiceNumber() == null) {
            return Optional.empty();
        }
        return givenBack.stream().filter(g -> g.invoiceNumber().equals(line.invoiceNumber()) && g.lineNo() == line.lineNo())
                .max(Comparator.comparingLong(GivenBack::creditId));
    }
}
