package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.ApprovalService;
import org.billrun.approval.ApprovalService.LineChange;
import org.billrun.approval.ApprovalService.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two versions of one draft: totals, and the lines whose net or tax differ.",
                "Version 1 is the draft; each adjustment adds one.",
                "Exit 0 whether or not they differ; exit 2 when a version does not exist."})
class ReviewDiffCommand implements Callable<Integer> {

    @ParentCommand
    ReviewCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DRAFT_ID", description = "The draft's id.")
    String draftId;

    @Parameters(index = "1", paramLabel = "VERSION_A", description = "The earlier version, e.g. 1.")
    int a;

    @Parameters(index = "2", paramLabel = "VERSION_B", description = "The version to compare it with.")
    int b;

    @Mixin
    FormatOption.TableOrJson output;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = parent.root.open(true)) {
            VersionDiff diff = app.bean(ApprovalService.class).compare(draftId, a, b);
            List<LineChange> changed = diff.lines().stream().filter(LineChange::changed).toList();
            if (format == OutputFormat.JSON) {
                out.println(JsonOutput.write(diff));
            } else {
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
        out.flush();
        return ExitCodes.OK;
    }
}
