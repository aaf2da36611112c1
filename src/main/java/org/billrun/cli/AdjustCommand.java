package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.billing.InvoiceAdjustment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "adjust", mixinStandardHelpOptions = true,
        description = {"Write one line of a draft's latest version down, up or off, as a new version.",
                "The new version's lines, tax and totals are recomputed as drafting computes them; it needs the matrix's",
                "approvals anew, not yours (you prepared it).",
                "A written-off line's records end written off, with the reason code. review show DRAFT --version N shows each version.",
                "Exit codes: 0 done; 2 no such draft or line, or an amount that cannot be right; 9 refused (outside your entities,",
                "no reviewing role, not the latest version, not in review)."})
class AdjustCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DRAFT", description = "The draft's id (billrun approvals).")
    String draft;

    @Option(names = "--line", required = true, paramLabel = "N", description = "The line's number (billrun review show DRAFT).")
    int line;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Change change;

    static class Change {
        @Option(names = "--write-down", paramLabel = "AMOUNT", description = "Lower the line's net by AMOUNT (in the invoice's currency).")
        BigDecimal writeDown;

        @Option(names = "--write-up", paramLabel = "AMOUNT", description = "Raise the line's net by AMOUNT.")
        BigDecimal writeUp;

        @Option(names = "--write-off", description = "Bill nothing for the line: its records are written off.")
        boolean writeOff;
    }

    @Option(names = "--reason", required = true, paramLabel = "CODE", description = "Reason code, e.g. goodwill, rate_error, out_of_scope.")
    String reason;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Kept with the version and in the audit log.")
    String comment;

    @Mixin
    ActingOption acting;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InvoiceAdjustment.Kind kind = change.writeOff ? InvoiceAdjustment.Kind.WRITE_OFF
                : change.writeDown != null ? InvoiceAdjustment.Kind.WRITE_DOWN : InvoiceAdjustment.Kind.WRITE_UP;
        BigDecimal amount = change.writeOff ? null : change.writeDown != null ? change.writeDown : change.writeUp;
        try (AppContext app = root.open(true)) {
            Acting who = acting.acting(app);
            out.println(app.bean(ApprovalService.class).adjust(draft, line, kind, amount, reason, comment, who).message());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
