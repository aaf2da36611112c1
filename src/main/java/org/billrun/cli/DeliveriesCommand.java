package org.billrun.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.billrun.delivery.BounceService;
import org.billrun.delivery.DeliveryQueries;
import org.billrun.delivery.DeliveryQueries.Delivery;
import org.billrun.delivery.DeliveryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = {"List the client deliveries of posted invoices: final number, channel, recipients, status, Message-ID, attempts and last error.",
                "A bounced delivery also shows the bounce's diagnostic (billrun deliveries bounces reads them).",
                "Exit codes: 0 listed, 2 bad usage, 4 database unreachable, 1 internal error."},
        subcommands = DeliveriesCommand.Bounces.class)
class DeliveriesCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "S", description = "Only deliveries in this status: sending, sent, failed, bounced.")
    String status;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        DeliveryStatus wanted = parse(status);
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            List<Delivery> rows = app.bean(DeliveryQueries.class).deliveries(wanted);
            String[] header = {"entity_id", "final_number", "version_no", "channel", "recipients", "status", "message_id", "attempts",
                    "last_error", "sent_at", "bounced_at", "bounce_diagnostic"};
            format.print(out, rows, header, d -> new String[] {d.entityId(), d.finalNumber(), Integer.toString(d.versionNo()), d.channel(),
                    d.recipients(), d.status().label(), d.messageId(), Integer.toString(d.attempts()), d.lastError(),
                    d.sentAt() == null ? null : d.sentAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    d.bouncedAt() == null ? null : d.bouncedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), d.bounceDiagnostic()}, () -> {
                        TextTable table = new TextTable("entity", "final number", "channel", "to", "status", "message id", "attempts",
                                "last error or bounce");
                        rows.forEach(d -> table.row(d.entityId(), d.finalNumber(), d.channel(), d.recipients(), d.status().label(),
                                d.messageId() == null ? "" : d.messageId(), Integer.toString(d.attempts()),
                                d.bounceDiagnostic() != null ? d.bounceDiagnostic() : d.lastError() == null ? "" : d.lastError()));
                        table.print(out);
                    });
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static DeliveryStatus parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DeliveryStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--status is one of " + Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::label).toList()
                    + ", not '" + value.toLowerCase(Locale.ROOT) + "'");
        }
    }

    @Command(name = "bounces", mixinStandardHelpOptions = true,
            description = {"Read bounces (delivery status notifications, .eml files or folders of them) and mark the mails they report on bounced.",
                    "Each is matched to its delivery by the original Message-ID (the returned headers, Original-Message-ID, In-Reply-To);"
                            + " a bounced delivery is listed by billrun exceptions (D-n) for finance. Reading a file again changes nothing;"
                            + " one that matches no delivery is kept and reported (--unmatched lists them). The files are only read.",
                    "Exit codes: 0 read (every one matched), 10 a notification matched no delivery or could not be read,"
                            + " 2 bad usage, 4 database unreachable, 1 internal error."})
    static class Bounces implements Callable<Integer> {

        @ParentCommand
        DeliveriesCommand parent;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "FILE|DIR", arity = "0..*",
                description = "An .eml file, or a folder whose .eml files are read (a mailbox folder saved as files).")
        List<java.nio.file.Path> paths = List.of();

        @Option(names = "--unmatched", description = "List the notifications read so far that matched no delivery, instead of reading.")
        boolean unmatched;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (unmatched == !paths.isEmpty()) {
                throw new UsageException(unmatched ? "--unmatched lists what was read: give it no FILE or DIR"
                        : "name the bounces to read: an .eml file or a folder of them (or --unmatched)");
            }
            try (AppContext app = parent.root.open(true)) {
                if (unmatched) {
                    List<DeliveryQueries.Bounce> rows = app.bean(DeliveryQueries.class).bounces(true);
                    TextTable table = new TextTable("read at", "file", "original message id", "action", "diagnostic");
                    rows.forEach(b -> table.row(b.readAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), b.source(),
                            b.originalMessageId() == null ? "" : b.originalMessageId(), b.action(), b.diagnostic()));
                    table.print(out);
                    out.printf("%d unmatched%n", rows.size());
                    out.flush();
                    return ExitCodes.OK;
                }
                List<BounceService.Outcome> outcomes;
                try {
                    outcomes = app.bean(BounceService.class).read(paths);
                } catch (IllegalArgumentException missing) {
                    throw new UsageException(missing.getMessage(), missing);
                }
                for (BounceService.Outcome o : outcomes) {
                    out.printf("%s: %s%s%s%n", o.file(), o.result().label(),
                            o.finalNumber() != null ? " " + o.finalNumber() : o.originalMessageId() != null ? " " + o.originalMessageId() : "",
                            o.detail() == null || o.detail().isEmpty() ? "" : " (" + o.detail() + ")");
                }
                java.util.Map<BounceService.Result, Long> counts = outcomes.stream().collect(java.util.stream.Collectors.groupingBy(
                        BounceService.Outcome::result, () -> new java.util.EnumMap<>(BounceService.Result.class),
                        java.util.stream.Collectors.counting()));
                out.printf("%d read: %d bounced, %d not a bounce, %d already read, %d unmatched, %d unreadable%n", outcomes.size(),
                        counts.getOrDefault(BounceService.Result.BOUNCED, 0L), counts.getOrDefault(BounceService.Result.NOT_A_BOUNCE, 0L),
                        counts.getOrDefault(BounceService.Result.ALREADY_READ, 0L), counts.getOrDefault(BounceService.Result.UNMATCHED, 0L),
                        counts.getOrDefault(BounceService.Result.UNREADABLE, 0L));
                out.flush();
                return counts.containsKey(BounceService.Result.UNMATCHED) || counts.containsKey(BounceService.Result.UNREADABLE)
                        ? ExitCodes.POSTING_FAILED : ExitCodes.OK;
            }
        }
    }
}
