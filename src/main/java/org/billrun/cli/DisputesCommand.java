package org.billrun.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.disputes.DisputeService;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeRefusedException;
import org.billrun.disputes.port.DisputeState;
import org.billrun.disputes.port.OpenDispute;
import org.billrun.infra.Actor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "disputes", mixinStandardHelpOptions = true,
        description = "Clients' disputes of final invoices: open, classify, resolve and list them (docs/disputes.md).",
        subcommands = {DisputesCommand.Open.class, DisputesCommand.ListDisputes.class, DisputesCommand.Show.class,
                DisputesCommand.Classify.class, DisputesCommand.Resolve.class})
class DisputesCommand {

    private static final String EXIT_CODES = "Exit codes: 0 done, 2 bad usage (an unknown invoice, dispute or line, a dispute already resolved),"
            + " 4 database unreachable, 1 internal error.";

    @ParentCommand
    BillrunCli root;

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = {"Record a client's dispute of a final invoice, or of some of its lines, and suggest its reason.",
                    "The reason classifier proposes a class (rate, hours, scope, duplicate, expense_policy, missing_evidence, tax,"
                            + " other) with the words that decided it; confirm or change it with `billrun disputes classify`.",
                    EXIT_CODES})
    static class Open implements Callable<Integer> {

        @ParentCommand
        DisputesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INVOICE", description = "The invoice's final number.")
        String invoice;

        @Option(names = "--reason-text", required = true, paramLabel = "T", description = "The client's words, as received.")
        String reasonText;

        @Option(names = "--lines", split = ",", paramLabel = "N", description = "The disputed line numbers, comma-separated (default: the whole invoice).")
        List<Integer> lines = new ArrayList<>();

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                Dispute d = refusedIsUsage(() -> app.bean(DisputeService.class).open(OpenDispute.fromCli(invoice, reasonText, lines)));
                print(out, output.format(), List.of(d));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the disputes, newest first: invoice, lines, suggested and confirmed reason, state.", EXIT_CODES})
    static class ListDisputes implements Callable<Integer> {

        @ParentCommand
        DisputesCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--status", paramLabel = "S", description = "Only disputes in this state: open, credited, rebilled, rejected.")
        String status;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            DisputeState wanted = state(status);
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                print(out, output.format(), app.bean(DisputeService.class).list(wanted), false);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show one dispute: the client's words, the suggested reason and why, the decision.", EXIT_CODES})
    static class Show implements Callable<Integer> {

        @ParentCommand
        DisputesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The dispute's id (billrun disputes list).")
        long id;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                print(out, output.format(), List.of(refusedIsUsage(() -> app.bean(DisputeService.class).show(id))));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = {"Confirm a dispute's suggested reason, or set another; the audit log records the suggestion and the decision.",
                    EXIT_CODES})
    static class Classify implements Callable<Integer> {

        @ParentCommand
        DisputesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The dispute's id.")
        long id;

        @Option(names = "--as", required = true, paramLabel = "CLASS",
                description = "rate, hours, scope, duplicate, expense_policy, missing_evidence, tax or other.")
        String as;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            DisputeReason reason;
            try {
                reason = DisputeReason.parse(as);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--as: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                String actor = app.bean(Actor.class).name();
                print(out, output.format(), List.of(refusedIsUsage(() -> app.bean(DisputeService.class).classify(id, reason, actor))));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve an open dispute: --credit asks for a credit memo of the disputed lines (or the whole invoice), --rebill also bills their records again, --reject keeps the invoice.",
                    EXIT_CODES})
    static class Resolve implements Callable<Integer> {

        @ParentCommand
        DisputesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The dispute's id.")
        long id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        How how;

        static class How {
            @Option(names = "--credit", required = true, description = "Credit the disputed lines (or the whole invoice).")
            boolean credit;

            @Option(names = "--rebill", required = true, description = "Credit them and bill their records again in the next run of the period, once the credit is approved.")
            boolean rebill;

            @Option(names = "--reject", required = true, description = "The invoice stands as issued.")
            boolean reject;

            DisputeService.Resolution resolution() {
                return credit ? DisputeService.Resolution.CREDIT : rebill ? DisputeService.Resolution.REBILL : DisputeService.Resolution.REJECT;
            }
        }

        @Option(names = "--comment", required = true, paramLabel = "T", description = "Why (recorded on the dispute and in the audit log).")
        String comment;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                String actor = app.bean(Actor.class).name();
                DisputeService.Resolution resolution = how.resolution();
                CreditService credits = app.bean(CreditService.class);
                print(out, output.format(), List.of(refusedIsUsage(() -> app.bean(DisputeService.class).resolve(id, resolution, comment, actor,
                        d -> resolution == DisputeService.Resolution.REJECT ? null : credits.issue(new CreditRequest(d.finalNumber(),
                                d.lines().stream().map(CreditRequest.Line::whole).toList(), CreditReason.valueOf(d.effectiveReason().name()),
                                comment, resolution == DisputeService.Resolution.REBILL, new CreditActor(actor, null))).reference()))));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private interface Action<T> {
        T run();
    }

    private static <T> T refusedIsUsage(Action<T> action) {
        try {
            return action.run();
        } catch (DisputeRefusedException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static DisputeState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DisputeState.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--status is one of " + Arrays.stream(DisputeState.values()).map(DisputeState::label).toList()
                    + ", not '" + value.toLowerCase(Locale.ROOT) + "'");
        }
    }

    private static final String[] HEADER = {"dispute_id", "final_number", "draft_id", "client_id", "lines", "state", "suggested_reason",
            "suggested_confidence", "reason", "classified_by", "opened_by", "opened_at", "source", "external_ref", "reason_text",
            "suggestion", "resolved_by", "resolved_at", "resolution_comment", "credit_number"};

    private static void print(PrintWriter out, OutputFormat format, List<Dispute> rows) throws java.io.IOException {
        print(out, format, rows, true);
    }

    /** One dispute described in full ({@code single}), or a table of them. */
    private static void print(PrintWriter out, OutputFormat format, List<Dispute> rows, boolean single) throws java.io.IOException {
        format.print(out, rows, HEADER, d -> new String[] {Long.toString(d.disputeId()), d.finalNumber(), d.draftId(), d.clientId(),
                String.join(",", d.lines().stream().map(String::valueOf).toList()), d.state().label(), d.suggestedReason().code(),
                String.format(Locale.ROOT, "%.2f", d.suggestedConfidence()), d.reason() == null ? null : d.reason().code(),
                d.classifiedBy(), d.openedBy(), time(d.openedAt()), d.source(), d.externalRef(), d.reasonText(), d.suggestion(),
                d.resolvedBy(), time(d.resolvedAt()), d.resolutionComment(), d.creditNumber()}, () -> {
                    if (single) {
                        describe(out, rows.get(0));
                        return;
                    }
                    if (rows.isEmpty()) {
                        out.println("No disputes.");
                        return;
                    }
                    TextTable table = new TextTable("id", "invoice", "client", "lines", "state", "reason", "opened");
                    rows.forEach(d -> table.row(Long.toString(d.disputeId()), d.finalNumber(), d.clientId(), d.linesText(), d.state().label(),
                            d.reason() != null ? d.reason().code() + " (confirmed)" : d.suggestedReason().code() + " (suggested)",
                            d.openedAt().toLocalDate().toString()));
                    table.print(out);
                });
    }

    private static void describe(PrintWriter out, Dispute d) {
        out.printf("dispute %d: invoice %s (%s, client %s), %s, %s%n", d.disputeId(), d.finalNumber(), d.draftId(), d.clientId(),
                d.linesText(), d.state().label());
        out.printf("  opened by %s at %s from %s%s%n", d.openedBy(), time(d.openedAt()), d.source(),
                d.externalRef() == null ? "" : " (" + d.externalRef() + ")");
        out.printf("  client wrote: %s%n", d.reasonText());
        out.printf("  suggested:    %s%n", d.suggestion());
        out.printf("  reason:       %s%n", d.reason() == null ? "not confirmed yet (billrun disputes classify " + d.disputeId() + " --as CLASS)"
                : d.reason().code() + " (by " + d.classifiedBy() + ")");
        if (d.state() != DisputeState.OPEN) {
            out.printf("  resolved:     %s by %s at %s%s: %s%n", d.state().label(), d.resolvedBy(), time(d.resolvedAt()),
                    d.creditNumber() == null ? "" : ", credit memo " + d.creditNumber(), d.resolutionComment());
        }
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
