package org.billrun.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditRefusedException;
import org.billrun.credit.CreditService;
import org.billrun.credit.CreditState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "credits", mixinStandardHelpOptions = true,
        description = {"The credit memos: list them (newest first), show one, approve or refuse one in review. See docs/credits.md.",
                "Exit codes: 0 done; 2 no such credit, bad usage; 9 an approval or refusal refused (you asked for it or approved it",
                "already, the step is not your role, above your limit, outside your entities, not in review)."},
        subcommands = {CreditsCommand.Show.class, CreditsCommand.Approve.class, CreditsCommand.Reject.class})
class CreditsCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--invoice", paramLabel = "NUMBER", description = "Only the credits of this invoice (its final number).")
    String invoice;

    @Option(names = "--state", paramLabel = "STATE", description = "Only credits in this state: in_review, approved, rejected.")
    String state;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        CreditState wanted;
        try {
            wanted = state == null ? null : CreditState.of(state);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--state is one of in_review, approved, rejected, not '" + state + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            List<CreditMemo> rows = app.bean(CreditService.class).list(invoice, wanted);
            output.format().print(out, rows, new String[] {"credit", "final_number", "invoice", "entity_id", "client_id", "currency", "net", "tax",
                    "gross", "reason", "state", "rebill", "requested_by", "waits_for", "issue_date"},
                    c -> new String[] {CreditMemo.reference(c.creditId()), c.finalNumber(), c.invoiceNumber(), c.entityId(), c.clientId(),
                            c.currency(), CreditPrinter.plain(c.net()), CreditPrinter.plain(c.tax()), CreditPrinter.plain(c.gross()),
                            c.reason().label(), c.state().label(), Boolean.toString(c.rebill()), c.requestedBy(),
                            c.next() == null ? "" : c.next().role(), c.issueDate() == null ? "" : c.issueDate().toString()},
                    () -> {
                        if (rows.isEmpty()) {
                            out.println("No credit memos.");
                            return;
                        }
                        TextTable table = new TextTable("credit", "number", "invoice", "client", "currency", "net", "tax", "gross", "reason",
                                "state", "waits for").numeric(5, 6, 7);
                        rows.forEach(c -> table.row(CreditMemo.reference(c.creditId()), c.finalNumber(), c.invoiceNumber(), c.clientId(),
                                c.currency(), CreditPrinter.plain(c.net()), CreditPrinter.plain(c.tax()), CreditPrinter.plain(c.gross()),
                                c.reason().label() + (c.rebill() ? ", rebill" : ""), c.state().label(), c.next() == null ? "" : c.next().role()));
                        table.print(out);
                    });
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One credit memo: what it credits, its lines and the records they"
            + " billed, its approvals.")
    static class Show implements Callable<Integer> {

        @ParentCommand
        CreditsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CREDIT", description = "CR-n, or the credit's final number.")
        String credit;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                CreditMemo memo = app.bean(CreditService.class).find(credit);
                CreditPrinter.detail(memo, out);
                if (memo.rebill()) {
                    String period = app.bean(org.billrun.draft.DraftQueries.class).run(memo.runId()).map(r -> r.period()).orElse("P");
                    out.println(rebillState(memo, period, app.bean(org.billrun.draft.RebillQueries.class).ofCredit(memo.creditId())));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Where a credit's rebill stands (docs/credits.md, "Rebills"): asked for, waiting for a run, drafted, acted on. */
    static String rebillState(CreditMemo memo, String period, List<org.billrun.draft.RebillQueries.RebillDraft> drafts) {
        if (memo.state() != CreditState.APPROVED) {
            return "rebill: asked for; the records are reopened once the credit is approved";
        }
        var live = drafts.stream().filter(d -> d.status().equals("live")).toList();
        if (live.isEmpty()) {
            return "rebill: records reopened; the next run of " + period + " drafts them (billrun run --period " + period + " --rebill)";
        }
        return "rebill: " + String.join(", ", live.stream().map(d -> "drafted as " + d.draftId() + " (run " + d.runId() + ", "
                + (d.actedOn() ? "acted on" : "waiting for review") + ")").toList());
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = {"Give the next approval each credit needs; the last one numbers it.",
            "A refused credit does not stop the others named (each refusal is reported, exit 9)."})
    static class Approve implements Callable<Integer> {

        @ParentCommand
        CreditsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CREDIT", description = "CR-n.")
        List<String> credits = new ArrayList<>();

        @Option(names = "--comment", paramLabel = "TEXT", description = "Kept with the approval and in the audit log.")
        String comment;

        @Mixin
        ActingOption acting;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int code = ExitCodes.OK;
            try (AppContext app = parent.root.open(true)) {
                CreditService service = app.bean(CreditService.class);
                for (String credit : credits) {
                    try {
                        CreditPrinter.summary(service.approve(credit, CreditPrinter.actor(acting, app), comment), out);
                    } catch (CreditRefusedException e) {
                        err.println("billrun: " + e.getMessage());
                        code = ExitCodes.REFUSED;
                    }
                }
            }
            out.flush();
            err.flush();
            return code;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Refuse a credit in review: it gives nothing back, its lines count"
            + " as uncredited again.")
    static class Reject implements Callable<Integer> {

        @ParentCommand
        CreditsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CREDIT", description = "CR-n.")
        String credit;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; kept with the credit and in the audit log.")
        String reason;

        @Mixin
        ActingOption acting;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                CreditPrinter.summary(app.bean(CreditService.class).reject(credit, CreditPrinter.actor(acting, app), reason), out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
