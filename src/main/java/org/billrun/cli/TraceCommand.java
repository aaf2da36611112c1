package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.RecordFate;
import org.billrun.credit.RecordTrace;
import org.billrun.credit.RecordTrace.Link;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Show the lineage of one source record: the lines that billed it and the credits that gave them back.",
                "Each draft line of each run that billed the record, with its final invoice and posting state, each credit line",
                "that gave such a line back, in full or in part, each rebill line that billed it again, and where the record ends:",
                "billed (once, on its live line), credited, awaiting rebill (docs/credits.md, \"Lineage\").",
                "Exit codes: 0 shown (also when nothing billed the record), 2 bad usage, 4 database unreachable."})
class TraceCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RECORD_ID", description = "A time entry, expense or milestone id (T-000123, X-0042, M-...).")
    String record;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            RecordTrace.Chain chain = app.bean(RecordTrace.class).chain(record);
            List<Link> links = chain.links();
            if (links.isEmpty()) {
                out.println(record + ": no draft line billed it (billrun policy explain --record " + record + " shows what validation made of it)");
            }
            for (Link l : links) {
                if (l.billed() != null) {
                    var b = l.billed();
                    out.printf("%s  %s run %d (%s), %s line %d \"%s\"%s: %s %s, draft %s%s%s%n", record, l.rebillOf() == null ? "billed  " : "rebilled",
                            b.runId(), b.period(), b.draftId(),
                            b.lineNo(), b.description(), b.hours() == null ? "" : ", " + b.hours().stripTrailingZeros().toPlainString() + " h",
                            b.value().add(b.markup()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), b.currency(), b.status(),
                            l.invoice() == null ? "; no final invoice" : "; invoice " + l.invoice().finalNumber() + " (" + l.invoice().state() + ")",
                            l.rebillOf() == null ? "" : "; rebill of " + l.rebillOf());
                } else {
                    var c = l.credit();
                    out.printf("%s  credited %s (%s) of %s line %d, %s%s: net %s, tax %s %s; %s; asked by %s%s%s%n", record,
                            c.finalNumber() == null ? CreditMemo.reference(c.creditId()) : c.finalNumber(), c.state().label(), c.invoiceNumber(),
                            c.lineNo(), c.closesLine() ? "the rest of the line" : "part of the line",
                            c.quantity() == null ? "" : " (" + c.quantity().stripTrailingZeros().toPlainString() + ")", c.net().toPlainString(),
                            c.tax().toPlainString(), c.currency(), c.reason().label(), c.requestedBy(),
                            c.decidedBy() == null ? "" : ", " + (c.state().label().equals("rejected") ? "refused" : "approved") + " by " + c.decidedBy(),
                            c.rebill() ? "; rebill" : "");
                }
            }
            if (!links.isEmpty()) {
                String period = links.stream().filter(l -> l.billed() != null).map(l -> l.billed().period()).findFirst().orElse("P");
                out.println(record + "  ends     " + ending(chain.fate(), period));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Where the record ends once credits and rebills are counted (docs/credits.md, "Conservation"). */
    private static String ending(RecordFate.Fate fate, String period) {
        return switch (fate.state()) {
            case BILLED -> "billed on " + fate.line().draftId() + " line " + fate.line().lineNo() + " (run " + fate.line().runId() + ")"
                    + (fate.line().invoiceNumber() == null ? ", not invoiced yet" : ", invoice " + fate.line().invoiceNumber());
            case CREDITED -> "credited by " + fate.credit().creditNumber() + " (" + fate.credit().reason().label() + ", approved by "
                    + fate.credit().approvedBy() + "), not rebilled";
            case AWAITING_REBILL -> "awaiting rebill: " + fate.credit().creditNumber() + " gave it back and reopened it; the next run of "
                    + period + " drafts it (billrun run --period " + period + " --rebill)";
            case BILLED_TWICE -> "billed twice: on " + fate.line().draftId() + " line " + fate.line().lineNo()
                    + " and another live line no credit gave back (a conservation breach)";
            case NOT_BILLED -> "not billed: on no live line";
        };
    }
}
