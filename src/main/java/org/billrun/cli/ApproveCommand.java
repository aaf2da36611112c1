package org.billrun.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.Acting;
import org.billrun.approval.ActionRefusedException;
import org.billrun.approval.ApprovalService;
import org.billrun.approval.ApprovalService.Outcome;
import org.billrun.approval.VersionState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Give the next approval the latest version of each draft needs (docs/approval.md).",
                "The approval matrix of the run's policy says which roles approve, in order; a draft is approved when all have.",
                "With --straight-through: release the drafts the matrix asks no approval of, approved by the policy.",
                "Exit codes: 0 done; 2 no such draft or run; 9 refused by a control (self-approval, over the limit,",
                "outside your entities, not your role, not the latest version, not in review): the message says which.",
                "A refused draft does not stop the others named: each is tried, each refusal is reported, and the exit code is 9."})
class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DRAFT", arity = "0..*", description = "Draft ids (billrun approvals); with --straight-through: one run id (default: every run).")
    List<String> drafts = new ArrayList<>();

    @Option(names = "--straight-through", description = "Release the drafts the approval matrix asks no approval of (finance or admin role).")
    boolean straightThrough;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Kept with the approval in the audit log.")
    String comment;

    @Mixin
    ActingOption acting;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            ApprovalService service = app.bean(ApprovalService.class);
            Acting who = acting.acting(app);
            if (straightThrough) {
                if (drafts.size() > 1) {
                    throw new UsageException("approve --straight-through takes at most one run id");
                }
                Long run = drafts.isEmpty() ? null : runId(drafts.get(0));
                long start = System.nanoTime();
                List<Outcome> outcomes = service.approveStraightThrough(run, who);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long approved = outcomes.stream().filter(o -> o.state() == VersionState.APPROVED).count();
                outcomes.forEach(o -> out.println(o.message()));
                out.printf("%,d drafts approved by the policy%s, in %d.%03d s%n", approved, run == null ? "" : " in run " + run,
                        millis / 1000, millis % 1000);
            } else {
                if (drafts.isEmpty()) {
                    throw new UsageException("name the drafts to approve (billrun approvals lists them), or use --straight-through");
                }
                boolean refused = false;
                for (String draft : drafts) {
                    try {
                        out.println(service.approve(draft, who, comment).message());
                    } catch (ActionRefusedException e) {
                        if (drafts.size() == 1) {
                            throw e;
                        }
                        refused = true;
                        PrintWriter err = spec.commandLine().getErr();
                        err.println("billrun: " + draft + ": refused: " + e.getMessage());
                        err.flush();
                    }
                    out.flush();
                }
                if (refused) {
                    out.flush();
                    return ExitCodes.REFUSED;
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static long runId(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("approve --straight-through takes a run id, not '" + value + "'");
        }
    }
}
