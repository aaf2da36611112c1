package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.billrun.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The append-only audit log.",
        subcommands = AuditCommand.Verify.class)
class AuditCommand {

    @ParentCommand
    BillrunCli root;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the audit log's hash chain and check every row against it.",
                    "Exit 0 when intact; exit 8 naming the first row that was changed, or whose predecessor was changed or removed,",
                    "or when the head anchored by the last approval action (audit_anchor) is gone: the last entries were removed."})
    static class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                AuditLog.Verification result = app.bean(AuditLog.class).verify();
                if (result.intact()) {
                    out.printf("audit log intact: %,d entries, last hash %s%n", result.rows(), result.lastHash());
                    out.flush();
                    return ExitCodes.OK;
                }
                if (result.firstBrokenRow().isPresent()) {
                    spec.commandLine().getErr().printf("billrun: audit log broken at entry %d (of %,d): its content or the entry before it was changed or removed%n",
                            result.firstBrokenRow().get(), result.rows());
                } else {
                    spec.commandLine().getErr().printf("billrun: audit log broken: %s%n", result.anchorBroken().get());
                }
                return ExitCodes.AUDIT_BROKEN;
            }
        }
    }
}
