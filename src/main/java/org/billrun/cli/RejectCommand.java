package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "reject", mixinStandardHelpOptions = true,
        description = {"Send the latest version of a draft back with a reason.",
                "The next run of its period drafts the contract again (an approved draft is never drafted again).",
                "Exit codes: 0 done; 2 no such draft, or no reason; 9 refused (outside your entities, no reviewing role,",
                "not in review)."})
class RejectCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DRAFT", description = "The draft's id (billrun approvals).")
    String draft;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: goes back with the draft and into the audit log.")
    String reason;

    @Mixin
    ActingOption acting;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            Acting who = acting.acting(app);
            out.println(app.bean(ApprovalService.class).reject(draft, who, reason).message());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
