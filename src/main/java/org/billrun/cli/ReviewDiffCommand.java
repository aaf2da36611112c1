package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import org.billrun.approval.ApprovalService;
import org.billrun.approval.ApprovalService.LineChange;
import org.billrun.approval.ApprovalService.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two versions of one draft: totals, and the lines whose net or tax differ.",
                "Version 1 is the draft; each adjustment adds one.",
                "Exit 0 whether or not they differ; exit 2 when a version does not exist."})
class ReviewDiffCommand extends ResultCommand<VersionDiff> {

    @ParentCommand
    ReviewCommand parent;

    @Parameters(index = "0", paramLabel = "DRAFT_ID", description = "The draft's id.")
    String draftId;

    @Parameters(index = "1", paramLabel = "VERSION_A", description = "The earlier version, e.g. 1.")
    int a;

    @Parameters(index = "2", paramLabel = "VERSION_B", description = "The version to compare it with.")
    int b;

    @Override
    AppContext open() {
        return parent.root.open(true);
    }

    @Override
    VersionDiff result(AppContext app) {
        return app.bean(ApprovalService.class).compare(draftId, a, b);
    }

    @Override
    void printText(VersionDiff diff, PrintWriter out) {
        List<LineChange> changed = diff.lines().stream().filter(LineChange::changed).toList();
        String ccy = diff.a().currency();
        out.printf("%s version %d (%s) -> version %d (%s), %s%n", draftId, a, diff.a().state().label(), b, diff.b().state().label(), ccy);
        out.printf("  net %s -> %s, tax %s -> %s, gross %s -> %s%n", diff.a().net().toPlainString(), diff.b().net().toPlainString(),
                diff.a().tax().toPlainString(), diff.b().tax().toPlainString(), diff.a().gross().toPlainString(),
                diff.b().gross().toPlainString());
        TextTable table = new TextTable("line", "description", "net " + a, "net " + b, "tax " + a, "tax " + b).numeric(0, 2, 3, 4, 5);
        changed.forEach(l -> table.row(l.lineNo(), l.description(), l.netA().toPlainString(), l.netB().toPlainString(),
                l.taxA().toPlainString(), l.taxB().toPlainString()));
        table.print(out);
        out.printf("%d of %d lines differ%n", changed.size(), diff.lines().size());
    }
}
