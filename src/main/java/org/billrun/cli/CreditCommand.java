package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "credit", mixinStandardHelpOptions = true,
        description = {"Ask for a credit memo of a final invoice: in full (no --line), or of lines in full or in part.",
                "The credit mirrors the invoice: same tax rules, rates, rounding and currency; a line never gives back more than is",
                "left of it (a double credit is refused). It waits for finance's approval, and above the policy's",
                "credit.controller-above.CCY the finance controller's too (billrun credits approve); the last approval numbers it",
                "in the entity's credit series (PREFIX-CN-YYYY-NNNNNN). See docs/credits.md.",
                "Exit codes: 0 asked; 2 no such invoice or line, or a quantity or amount that cannot be right, or nothing left to",
                "credit; 9 refused (no finance role, outside your entities)."})
class CreditCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INVOICE", description = "The invoice's final number (billrun postings), e.g. NWDE-2026-000003.")
    String invoice;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<LineOption> lines = new ArrayList<>();

    static class LineOption {
        @Option(names = "--line", required = true, paramLabel = "N", description = "Credit line N (billrun review show DRAFT); repeatable."
                + " Without --quantity or --amount: what is left of the line.")
        int line;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Part part;
    }

    static class Part {
        @Option(names = "--quantity", paramLabel = "Q", description = "Credit Q of the line's units (hours, days): the line's net x Q / its quantity.")
        BigDecimal quantity;

        @Option(names = "--amount", paramLabel = "A", description = "Credit a net amount A of the line, in the invoice's currency.")
        BigDecimal amount;
    }

    @Option(names = "--reason", required = true, paramLabel = "CODE", description = "rate, hours, scope, duplicate, expense_policy, missing_evidence,"
            + " tax, goodwill, cancelled or other (docs/credits.md).")
    String reason;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Kept with the credit and in the audit log.")
    String comment;

    @Option(names = "--rebill", description = "Bill the credited lines' records again once the credit is approved: the next run of their period drafts them anew"
            + " (each line credited must be given back to its end; docs/credits.md, \"Rebills\").")
    boolean rebill;

    @Mixin
    ActingOption acting;

    @Override
    public Integer call() throws Exception {
        CreditReason code;
        try {
            code = CreditReason.of(reason);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<CreditRequest.Line> asked = lines.stream().map(l -> new CreditRequest.Line(l.line, l.part == null ? null : l.part.quantity,
                l.part == null ? null : l.part.amount)).toList();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            CreditMemo memo = app.bean(CreditService.class).issue(new CreditRequest(invoice, asked, code, comment, rebill,
                    CreditPrinter.actor(acting, app)));
            CreditPrinter.summary(memo, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
