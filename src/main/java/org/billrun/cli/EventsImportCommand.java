package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.infra.Actor;
import org.billrun.events.inbound.EventImportService;
import org.billrun.events.inbound.InboundQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `billrun events import FILE` and `billrun events payments`: payments and dispute notices coming back (docs/events.md). */
final class EventsImportCommand {

    private EventsImportCommand() {}

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import payment confirmations and dispute notices (CSV or JSON, docs/events.md) and match them to invoices by final number.",
                    "A payment is recorded (the invoice becomes paid or partially paid, with its event); a row that names no invoice,"
                            + " another currency, an unreadable amount or date, or pays too much is an exception for finance (billrun exceptions).",
                    "A dispute notice opens a dispute (billrun disputes list), once per row.",
                    "Each row is known by its id (with --source), else by its content (invoice, amount, currency, date, reference):"
                            + " importing a file again, or another export of it, records nothing twice.",
                    "Exit codes: 0 imported, 12 imported but rows became new exceptions for finance, 3 the file is missing or unreadable,"
                            + " 4 database unreachable."})
    static class Import implements Callable<Integer> {

        @ParentCommand
        EventsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The CSV or JSON file.")
        Path file;

        @Option(names = "--source", paramLabel = "NAME", description = "The system the rows' ids come from (default: import); two systems may number rows alike.")
        String source = "import";

        @Option(names = "--as", paramLabel = "NAME", description = "Who imports (default: who runs the command).")
        String actor;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                spec.commandLine().getErr().println("billrun: " + file + ": no such readable file");
                return ExitCodes.INPUT;
            }
            EventImportService.Summary s;
            try (AppContext app = parent.root.open(true)) {
                String who = actor != null ? actor : app.bean(Actor.class).name();
                try {
                    s = app.bean(EventImportService.class).importFile(file, source, who);
                } catch (IOException e) {
                    spec.commandLine().getErr().println("billrun: " + file + ": " + e.getMessage());
                    return ExitCodes.INPUT;
                }
            }
            EventImportService.Summary summary = s;
            output.format().print(out, List.of(summary), new String[] {"file", "sha256", "rows_read", "payments_recorded", "already_recorded",
                    "duplicates_in_file", "disputes_recorded", "exceptions_raised", "exceptions_already_open"},
                    r -> new String[] {r.file(), r.sha256(), Integer.toString(r.rowsRead()), Integer.toString(r.paymentsRecorded()),
                            Integer.toString(r.alreadyRecorded()), Integer.toString(r.duplicatesInFile()), Integer.toString(r.disputesRecorded()),
                            Integer.toString(r.exceptionsRaised()), Integer.toString(r.exceptionsAlreadyOpen())},
                    () -> {
                        out.printf("%s: %,d rows read, %,d payments recorded, %,d already recorded, %,d duplicate rows, %,d dispute notices recorded,"
                                + " %,d exceptions raised (%,d already open)%n", summary.file(), summary.rowsRead(), summary.paymentsRecorded(),
                                summary.alreadyRecorded(), summary.duplicatesInFile(), summary.disputesRecorded(), summary.exceptionsRaised(),
                                summary.exceptionsAlreadyOpen());
                        summary.messages().forEach(m -> out.println("  " + m));
                    });
            out.flush();
            // like post's exit 10: the command did its work, but something now waits for a person; a scheduler sees it
            return summary.exceptionsRaised() > 0 ? ExitCodes.IMPORTED_WITH_EXCEPTIONS : ExitCodes.OK;
        }
    }

    @Command(name = "payments", mixinStandardHelpOptions = true,
            description = "List the payments imported, newest first: invoice, amount, the invoice's total paid and state.")
    static class Payments implements Callable<Integer> {

        @ParentCommand
        EventsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--invoice", paramLabel = "NUMBER", description = "Only this invoice's payments (its final number).")
        String invoice;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<InboundQueries.Payment> rows;
            try (AppContext app = parent.root.open(true)) {
                rows = app.bean(InboundQueries.class).payments(invoice);
            }
            output.format().print(out, rows, new String[] {"payment_id", "invoice", "amount", "currency", "paid_on", "paid_total", "state",
                    "reference", "file", "line", "import_key"},
                    p -> new String[] {Long.toString(p.paymentId()), p.finalNumber(), ExceptionsCommand.atMinorUnit(p.amount(), p.currency()),
                            p.currency(), p.paidOn().toString(), ExceptionsCommand.atMinorUnit(p.paidTotal(), p.currency()), p.state().label(),
                            p.reference() == null ? "" : p.reference(), p.sourceFile(), Integer.toString(p.line()), p.importKey()},
                    () -> {
                        TextTable table = new TextTable("id", "invoice", "amount", "paid on", "total paid", "state", "file").numeric(0, 2, 4);
                        rows.forEach(p -> table.row(p.paymentId(), p.finalNumber(), ExceptionsCommand.atMinorUnit(p.amount(), p.currency()) + " "
                                + p.currency(), p.paidOn(), ExceptionsCommand.atMinorUnit(p.paidTotal(), p.currency()), p.state().label(),
                                p.sourceFile() + ":" + p.line()));
                        table.print(out);
                        out.printf("%,d payment%s%n", rows.size(), rows.size() == 1 ? "" : "s");
                    });
            out.flush();
            return ExitCodes.OK;
        }
    }
}
