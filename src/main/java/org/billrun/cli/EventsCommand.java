package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.infra.Termination;
import org.billrun.events.EventOutbox;
import org.billrun.events.EventPublisher;
import org.billrun.events.EventSink;
import org.billrun.events.EventSinks;
import org.billrun.events.EventsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = "The invoice status events for the PSA and CRM (docs/events.md).",
        subcommands = {EventsCommand.Publish.class, EventsCommand.ListEvents.class, EventsImportCommand.Import.class,
                EventsImportCommand.Payments.class})
class EventsCommand {

    @ParentCommand
    BillrunCli root;

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Deliver the outbox's events to the configured sinks, at least once and in order per invoice.",
                    "Sinks: billrun.events.sinks.NAME.* (docs/events.md); with none configured, JSON lines in --events-dir.",
                    "An invoice whose event failed waits (its later events behind it) for a later publish; a repeated event keeps its id.",
                    "SIGTERM stops it after the invoice whose events it is delivering, their delivery recorded; the next publish goes on.",
                    "Exit codes: 0 every due event delivered, 5 some failed (run it again later), 6 stopped by SIGTERM, 2 an unknown sink or"
                            + " a bad setting, 4 database unreachable."})
    static class Publish implements Callable<Integer> {

        @ParentCommand
        EventsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--sink", paramLabel = "NAME", description = "Only this sink (default: every configured sink).")
        String sink;

        @Option(names = "--events-dir", paramLabel = "DIR",
                description = "Folder of the file sinks that name none (default: billrun.events.dir, $BILLRUN_EVENTS_DIR, else ~/.billrun/events).")
        Path eventsDir;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<EventPublisher.Result> results = new ArrayList<>();
            // SIGTERM from here on stops the publish after the invoice being delivered (exit 6)
            try (Termination.Scope graceful = Termination.graceful(); AppContext app = parent.root.open(true)) {
                EventSinks sinks = app.bean(EventSinks.class);
                EventsProperties settings = sinks.properties();
                for (EventSink s : sinks.open(sink, eventsDir, System.getenv())) {
                    try (s) {
                        if (Termination.requested()) {
                            break;
                        }
                        results.add(app.bean(EventPublisher.class).publish(s, settings.retryAfter(), settings.retryCap()));
                    }
                }
            }
            output.format().print(out, results, new String[] {"sink", "delivered", "failed_invoices", "undelivered", "stopped", "errors"},
                    r -> new String[] {r.sink(), Integer.toString(r.delivered()), Integer.toString(r.failedInvoices()),
                            Long.toString(r.undelivered()), Boolean.toString(r.stopped()), String.join("; ", r.errors())},
                    () -> results.forEach(r -> {
                        out.printf("sink %s: %,d event%s delivered, %,d invoice%s failed, %,d event%s waiting%n", r.sink(), r.delivered(),
                                r.delivered() == 1 ? "" : "s", r.failedInvoices(), r.failedInvoices() == 1 ? "" : "s", r.undelivered(),
                                r.undelivered() == 1 ? "" : "s");
                        r.errors().forEach(e -> out.println("  failed: " + e));
                        if (r.stopped()) {
                            out.println("  stopped: invoices failed in a row, the sink looks down; the rest waits for the next publish");
                        }
                    }));
            out.flush();
            if (Termination.requested()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("billrun: events publish stopped on SIGTERM after the events being delivered; run it again to deliver the rest");
                err.flush();
                return ExitCodes.RUN_STOPPED;
            }
            return results.stream().anyMatch(r -> r.failedInvoices() > 0) ? ExitCodes.RUN_FAILED : ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the latest events of the outbox, newest first, with their delivery state at one sink.",
                    "State: delivered, failed (attempts and the last error) or empty (not tried yet)."})
    static class ListEvents implements Callable<Integer> {

        @ParentCommand
        EventsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--sink", paramLabel = "NAME", description = "The sink whose delivery state is shown (default: file).")
        String sink = EventSinks.DEFAULT;

        @Option(names = "--draft", paramLabel = "DRAFT_ID", description = "Only one invoice's events.")
        String draft;

        @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: 50).")
        int limit = 50;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<EventOutbox.Listed> rows;
            try (AppContext app = parent.root.open(true)) {
                rows = app.bean(EventOutbox.class).list(sink, draft, Math.max(1, limit));
            }
            output.format().print(out, rows, new String[] {"event_no", "event_id", "type", "run_id", "draft_id", "seq", "version",
                    "final_number", "created_at", "sink", "state", "attempts", "last_error"},
                    e -> new String[] {Long.toString(e.eventNo()), e.eventId(), e.type().label(), Long.toString(e.runId()), e.draftId(),
                            Integer.toString(e.seq()), Integer.toString(e.versionNo()), nullToEmpty(e.finalNumber()), e.createdAt().toString(),
                            e.sink(), nullToEmpty(e.state()), e.attempts() == null ? "" : e.attempts().toString(), nullToEmpty(e.lastError())},
                    () -> {
                        TextTable table = new TextTable("no", "type", "draft", "run", "seq", "version", "at", "state", "attempts");
                        rows.forEach(e -> table.row(e.eventNo(), e.type().label(), e.draftId(), e.runId(), e.seq(), e.versionNo(),
                                Times.format(e.createdAt().atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime()), e.state() == null ? "" : e.state(), e.attempts() == null ? "" : e.attempts()));
                        table.print(out);
                        out.printf("%,d event%s (sink %s)%n", rows.size(), rows.size() == 1 ? "" : "s", sink);
                    });
            out.flush();
            return ExitCodes.OK;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
