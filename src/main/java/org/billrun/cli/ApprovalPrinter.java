package org.billrun.cli;

import java.io.PrintWriter;
import org.billrun.approval.ApprovalQueries.Action;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalService.Review;

/** The approval part of `review show --version N`: the version, its tasks and the actions taken. */
final class ApprovalPrinter {

    private ApprovalPrinter() {}

    static void print(Review review, PrintWriter out) {
        Version v = review.version();
        out.printf("%nApproval, version %d of %s (run %d): %s%s%n", v.versionNo(), v.draftId(), v.runId(), v.state().label(),
                v.live() ? "" : " (draft superseded by a later run)");
        out.printf("  net %s, tax %s, gross %s %s; prepared by %s at %s%s%n", v.net().toPlainString(), v.tax().toPlainString(),
                v.gross().toPlainString(), v.currency(), v.preparedBy(), v.createdAt(),
                v.reasonCode() == null ? "" : "; adjustment " + v.reasonCode() + (v.comment() == null ? "" : ": " + v.comment()));
        if (!review.lines().isEmpty()) {
            TextTable lines = new TextTable("line", "net", "tax", "adjustment", "change", "written off").numeric(0, 1, 2, 4);
            review.lines().forEach(l -> lines.row(l.lineNo(), l.net().toPlainString(), l.tax().toPlainString(), l.adjustment(),
                    l.change() == null ? null : l.change().toPlainString(), l.writtenOff() ? "yes" : ""));
            out.println("  lines of this version (the draft's lines above show version 1):");
            lines.print(out);
        }
        if (v.straightThrough()) {
            out.println("  the approval matrix asks for no approval by a person (straight through)");
        }
        if (!review.tasks().isEmpty()) {
            TextTable tasks = new TextTable("step", "role", "waits for", "rule", "state", "due", "done by", "done at");
            for (Task t : review.tasks()) {
                tasks.row(t.stepNo(), t.role().label(), t.assignee(), t.rule(), t.state().label(), t.dueAt(), t.doneBy(), t.doneAt());
            }
            tasks.print(out);
        }
        for (Action a : review.actions()) {
            out.printf("  %s %s by %s%s%s%s%s%n", a.at(), a.action().label(), a.actor(),
                    a.actingUser().equals(a.actor()) ? "" : " (" + a.actingUser() + " acting as " + a.actor() + ")",
                    a.role() == null ? "" : " as " + a.role(), a.reason() == null ? "" : ": " + a.reason(),
                    a.comment() == null ? "" : " (" + a.comment() + ")");
        }
    }
}
