package org.billrun.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.billrun.draft.DraftQueries.Line;
import org.billrun.draft.DraftQueries.Summary;

/**
 * What changed between the drafts two runs of a period wrote (`billrun diff`): drafts matched by
 * draft id, lines by (line type, line key), which the draft stage keeps stable across runs.
 */
public final class RunDiff {

    private RunDiff() {}

    public record Result(long runA, long runB, String period, List<DraftChange> added, List<DraftChange> removed,
            List<DraftChange> changed, int unchanged) {

        public boolean same() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** A draft's figures in run A (before) and run B (after); null on the side that has no such draft. */
    public record DraftChange(String draftId, String currency, Figures before, Figures after, List<LineChange> lines) {}

    public record Figures(BigDecimal net, BigDecimal tax, BigDecimal gross, String route) {}

    /** {@code change} is added, removed or changed; before and after are the line in run A and run B (null where absent). */
    public record LineChange(String type, String key, String change, LineFigures before, LineFigures after) {}

    public record LineFigures(int lineNo, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal value, BigDecimal net,
            BigDecimal tax) {}

    /** One run's drafts and their lines (by draft id), as {@link DraftQueries} reads them. */
    public record Side(long runId, List<Summary> drafts, Map<String, List<Line>> lines) {}

    public static Result compare(String period, Side a, Side b) {
        Map<String, Summary> before = byId(a.drafts());
        Map<String, Summary> after = byId(b.drafts());
        List<DraftChange> added = new ArrayList<>();
        List<DraftChange> removed = new ArrayList<>();
        List<DraftChange> changed = new ArrayList<>();
        int unchanged = 0;
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            Summary x = before.get(id);
            Summary y = after.get(id);
            if (x == null) {
                added.add(new DraftChange(id, y.currency(), null, figures(y), List.of()));
            } else if (y == null) {
                removed.add(new DraftChange(id, x.currency(), figures(x), null, List.of()));
            } else {
                List<LineChange> lines = lines(a.lines().getOrDefault(id, List.of()), b.lines().getOrDefault(id, List.of()));
                if (lines.isEmpty() && sameFigures(figures(x), figures(y))) {
                    unchanged++;
                } else {
                    changed.add(new DraftChange(id, y.currency(), figures(x), figures(y), lines));
                }
            }
        }
        return new Result(a.runId(), b.runId(), period, added, removed, changed, unchanged);
    }

    private static List<LineChange> lines(List<Line> a, List<Line> b) {
        Map<String, Line> before = new LinkedHashMap<>();
        a.forEach(l -> before.put(l.type() + "|" + l.key(), l));
        Map<String, Line> after = new LinkedHashMap<>();
        b.forEach(l -> after.put(l.type() + "|" + l.key(), l));
        List<LineChange> changes = new ArrayList<>();
        // in run B's line order, then the lines only run A had
        for (Line y : b) {
            Line x = before.get(y.type() + "|" + y.key());
            if (x == null) {
                changes.add(new LineChange(y.type(), y.key(), "added", null, figures(y)));
            } else if (!sameAmounts(figures(x), figures(y))) {
                changes.add(new LineChange(y.type(), y.key(), "changed", figures(x), figures(y)));
            }
        }
        for (Line x : a) {
            if (!after.containsKey(x.type() + "|" + x.key())) {
                changes.add(new LineChange(x.type(), x.key(), "removed", figures(x), null));
            }
        }
        return changes;
    }

    private static Map<String, Summary> byId(List<Summary> drafts) {
        Map<String, Summary> map = new LinkedHashMap<>();
        drafts.forEach(d -> map.put(d.draftId(), d));
        return map;
    }

    private static Figures figures(Summary d) {
        return new Figures(d.net(), d.tax(), d.gross(), d.route());
    }

    private static LineFigures figures(Line l) {
        return new LineFigures(l.lineNo(), l.description(), l.quantity(), l.unitPrice(), l.value(), l.net(), l.tax());
    }

    /** Amounts compare by value (2.50 equals 2.5); the line number and description may move without it being a change. */
    private static boolean equal(BigDecimal x, BigDecimal y) {
        return x == null || y == null ? Objects.equals(x, y) : x.compareTo(y) == 0;
    }

    private static boolean sameFigures(Figures x, Figures y) {
        return equal(x.net(), y.net()) && equal(x.tax(), y.tax()) && equal(x.gross(), y.gross()) && x.route().equals(y.route());
    }

    private static boolean sameAmounts(LineFigures x, LineFigures y) {
        return equal(x.quantity(), y.quantity()) && equal(x.unitPrice(), y.unitPrice()) && equal(x.value(), y.value())
                && equal(x.net(), y.net()) && equal(x.tax(), y.tax());
    }
}
