package org.billrun.cli;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.assist.summary.SummaryInput;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.draft.DraftQueries.Line;
import org.billrun.draft.DraftQueries.Reason;

/**
 * What `review show` writes its opening paragraph from (docs/assistance.md, "Approver summary"): the
 * draft's routing reasons, the warnings among them, and its lines against the same contract's live draft
 * of the previous period (the draft id with the period before; none when that period was not drafted).
 */
final class SummaryInputs {

    /** "open exception BILLING_SPIKE (warn) on contract K-HUDSON-1 (contracts.csv line 9): message". */
    private static final Pattern WARNING = Pattern.compile("open exception ([A-Z_]+) \\(warn\\)[^:]*: (.*)");

    private SummaryInputs() {}

    static SummaryInput of(Detail draft, DraftQueries drafts) {
        YearMonth period = YearMonth.parse(draft.period());
        List<SummaryInput.Routing> routing = new ArrayList<>();
        List<SummaryInput.Anomaly> warnings = new ArrayList<>();
        for (Reason r : draft.reasons()) {
            String reviewer = r.reviewerId() != null ? r.reviewerId() : r.reviewerRole();
            Matcher m = WARNING.matcher(r.text());
            if (m.matches()) {
                // the warning's message follows in its own sentence
                routing.add(new SummaryInput.Routing(reviewer, "the " + m.group(1) + " warning is open"));
                warnings.add(new SummaryInput.Anomaly(m.group(1), m.group(2)));
            } else {
                routing.add(new SummaryInput.Routing(reviewer, r.text()));
            }
        }
        Optional<Detail> previous = previous(draft, period, drafts);
        List<SummaryInput.LineChange> changes = previous.map(p -> changes(p.lines(), draft.lines())).orElse(List.of());
        return new SummaryInput(draft.draftId(), draft.client().name(), draft.currency(), period,
                previous.isPresent() ? period.minusMonths(1) : null, routing, warnings, changes);
    }

    private static Optional<Detail> previous(Detail draft, YearMonth period, DraftQueries drafts) {
        String prefix = period.toString();
        if (!draft.draftId().startsWith(prefix + "-")) {
            return Optional.empty();
        }
        String id = period.minusMonths(1) + draft.draftId().substring(prefix.length());
        return drafts.runOf(id).flatMap(run -> drafts.find(run, id, false)).filter(d -> d.currency().equals(draft.currency()));
    }

    /** Lines matched by type and key (a time line's key names its project and role); unchanged lines are left out by the template. */
    static List<SummaryInput.LineChange> changes(List<Line> before, List<Line> after) {
        Map<String, Line> earlier = index(before);
        Map<String, Line> now = index(after);
        List<SummaryInput.LineChange> changes = new ArrayList<>();
        now.forEach((key, line) -> {
            Line old = earlier.get(key);
            changes.add(new SummaryInput.LineChange(old == null ? SummaryInput.Change.ADDED : SummaryInput.Change.CHANGED, what(line),
                    unit(line), old == null ? null : quantity(old), quantity(line), old == null ? null : old.net(), line.net()));
        });
        earlier.forEach((key, line) -> {
            if (!now.containsKey(key)) {
                changes.add(new SummaryInput.LineChange(SummaryInput.Change.REMOVED, what(line), unit(line), quantity(line), null,
                        line.net(), null));
            }
        });
        return changes;
    }

    private static Map<String, Line> index(List<Line> lines) {
        Map<String, Line> byKey = new LinkedHashMap<>();
        lines.forEach(l -> byKey.putIfAbsent(l.type() + "|" + l.key(), l));
        return byKey;
    }

    private static String what(Line line) {
        return line.description();
    }

    private static String unit(Line line) {
        return line.type().endsWith("time") ? "h" : null;
    }

    private static BigDecimal quantity(Line line) {
        return line.type().endsWith("time") ? line.quantity() : null;
    }
}
