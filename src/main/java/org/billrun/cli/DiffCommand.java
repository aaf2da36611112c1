package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.RunRef;
import org.billrun.draft.RunDiff;
import org.billrun.draft.RunDiff.DraftChange;
import org.billrun.draft.RunDiff.LineChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare the drafts that two runs of the same period wrote.",
                "Drafts live or since superseded: added, removed or changed (net, tax, gross, route), and for a changed draft, "
                        + "line by line (lines matched by type and key): lines added or removed, quantity, unit price, value, "
                        + "net or tax changed. Drafts that did not change are counted.",
                "Exit 0 whether or not the runs differ (scripts read --format json);",
                "exit 2 for runs of different periods."})
class DiffCommand extends ResultCommand<RunDiff.Result> {

    @ParentCommand
    BillrunCli root;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run (billrun status).")
    long runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run to compare it with, of the same period.")
    long runB;

    @Override
    AppContext open() {
        return root.open(true);
    }

    @Override
    RunDiff.Result result(AppContext app) {
        DraftQueries drafts = app.bean(DraftQueries.class);
        RunRef a = drafts.run(runA).orElseThrow(() -> new UsageException("there is no run " + runA));
        RunRef b = drafts.run(runB).orElseThrow(() -> new UsageException("there is no run " + runB));
        if (!a.period().equals(b.period())) {
            throw new UsageException("run " + runA + " is of period " + a.period() + " and run " + runB + " of "
                    + b.period() + ": diff compares two runs of the same period");
        }
        return RunDiff.compare(a.period(), side(drafts, runA), side(drafts, runB));
    }

    private static RunDiff.Side side(DraftQueries drafts, long run) {
        return new RunDiff.Side(run, drafts.written(run), drafts.lines(run));
    }

    @Override
    void printText(RunDiff.Result diff, PrintWriter out) {
        out.printf("Drafts of run %d and run %d, period %s: %,d changed, %,d added, %,d removed, %,d unchanged%n", diff.runA(), diff.runB(),
                diff.period(), diff.changed().size(), diff.added().size(), diff.removed().size(), diff.unchanged());
        if (diff.same()) {
            return;
        }
        out.println();
        TextTable drafts = new TextTable("draft", "change", "ccy", "net", "tax", "gross", "route").numeric(3, 4, 5);
        List<DraftChange> all = new ArrayList<>(diff.changed());
        all.addAll(diff.added());
        all.addAll(diff.removed());
        for (DraftChange d : all) {
            String change = d.before() == null ? "added" : d.after() == null ? "removed" : "changed";
            drafts.row(d.draftId(), change, d.currency(), cell(d, RunDiff.Figures::net), cell(d, RunDiff.Figures::tax),
                    cell(d, RunDiff.Figures::gross), d.before() == null ? d.after().route() : d.after() == null ? d.before().route()
                            : d.before().route().equals(d.after().route()) ? d.before().route() : d.before().route() + " -> " + d.after().route());
        }
        drafts.print(out);
        if (diff.changed().stream().allMatch(d -> d.lines().isEmpty())) {
            return;
        }
        out.printf("%nLines of the changed drafts (run %d -> run %d)%n", diff.runA(), diff.runB());
        TextTable lines = new TextTable("draft", "line", "change", "quantity", "unit price", "value", "net", "tax").numeric(3, 4, 5, 6, 7);
        for (DraftChange d : diff.changed()) {
            for (LineChange l : d.lines()) {
                String ccy = d.currency();
                lines.row(d.draftId(), l.type() + " " + l.key(), l.change(), cell(l, RunDiff.LineFigures::quantity, null),
                        cell(l, RunDiff.LineFigures::unitPrice, ccy), cell(l, RunDiff.LineFigures::value, ccy),
                        cell(l, RunDiff.LineFigures::net, ccy), cell(l, RunDiff.LineFigures::tax, ccy));
            }
        }
        lines.print(out);
    }

    private static String cell(DraftChange d, Function<RunDiff.Figures, BigDecimal> amount) {
        return change(d.before() == null ? null : amount.apply(d.before()), d.after() == null ? null : amount.apply(d.after()), d.currency());
    }

    /** {@code currency} null: a quantity, printed as it is. */
    private static String cell(LineChange l, Function<RunDiff.LineFigures, BigDecimal> amount, String currency) {
        return change(l.before() == null ? null : amount.apply(l.before()), l.after() == null ? null : amount.apply(l.after()), currency);
    }

    /** "a -> b" when the amount changed, one figure when it did not or exists on one side only. */
    private static String change(BigDecimal a, BigDecimal b, String currency) {
        Function<BigDecimal, String> text = v -> v == null ? "" : currency == null ? v.toPlainString() : DraftListPrinter.money(v, currency);
        if (a == null || b == null || a.compareTo(b) == 0) {
            return text.apply(a != null ? a : b);
        }
        return text.apply(a) + " -> " + text.apply(b);
    }
}
