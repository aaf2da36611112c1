package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.draft.DraftQueries.Line;
import org.billrun.validate.EvidenceState;
import org.billrun.validate.MilestoneEvidence;
import org.billrun.validate.MilestoneEvidenceQueries;

/** For review show: the acceptance evidence behind each milestone line, confirmed or only proposed (docs/assistance.md). */
final class MilestoneEvidencePrinter {

    private MilestoneEvidencePrinter() {}

    static void print(Detail draft, MilestoneEvidenceQueries queries, PrintWriter out) {
        List<String> milestones = draft.lines().stream().filter(l -> "milestone".equals(l.type())).map(Line::key).toList();
        if (milestones.isEmpty()) {
            return;
        }
        Map<String, List<MilestoneEvidence>> found = queries.ofMilestones(milestones);
        String label = "Evidence";
        for (String milestone : milestones) {
            List<MilestoneEvidence> evidence = found.getOrDefault(milestone, List.of());
            List<MilestoneEvidence> confirmed = evidence.stream().filter(e -> e.state() == EvidenceState.CONFIRMED).toList();
            List<MilestoneEvidence> proposed = evidence.stream().filter(e -> e.state() == EvidenceState.PROPOSED).toList();
            String text;
            if (!confirmed.isEmpty()) {
                MilestoneEvidence e = confirmed.get(0);
                text = "%s: %s confirmed by %s on %s: \"%s\" (%s%s)".formatted(milestone, e.ref(), e.decidedBy(), e.decidedAt().toLocalDate(),
                        e.shortQuote(160), e.file(), e.date() == null ? "" : ", " + e.date());
            } else if (!proposed.isEmpty()) {
                MilestoneEvidence e = proposed.get(0);
                text = "%s: none confirmed; %s proposed (confidence %s): \"%s\" (%s)".formatted(milestone, e.ref(),
                        e.confidence().toPlainString(), e.shortQuote(160), e.file());
            } else {
                text = milestone + ": no evidence document read (the export's acceptance reference stands)";
            }
            out.printf("%-16s%s%n", label, text);
            label = "";
        }
    }
}
