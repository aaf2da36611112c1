package org.billrun.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
        description = {"List the client deliveries of posted invoices: final number, recipients, status, Message-ID, attempts and last error.",
                "Exit codes: 0 listed, 2 bad usage, 4 database unreachable, 1 internal error."})
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
                    "last_error", "sent_at"};
            format.print(out, rows, header, d -> new String[] {d.entityId(), d.finalNumber(), Integer.toString(d.versionNo()), d.channel(),
                    d.recipients(), d.status().label(), d.messageId(), Integer.toString(d.attempts()), d.lastError(),
                    d.sentAt() == null ? null : d.sentAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)}, () -> {
                        TextTable table = new TextTable("entity", "final number", "to", "status", "message id", "attempts", "last error");
                        rows.forEach(d -> table.row(d.entityId(), d.finalNumber(), d.recipients(), d.status().label(),
                                d.messageId() == null ? "" : d.messageId(), Integer.toString(d.attempts()),
                                d.lastError() == null ? "" : d.lastError()));
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
}
