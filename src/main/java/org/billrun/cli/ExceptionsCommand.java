package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.Rounding;
import org.billrun.delivery.DeliveryQueries;
import org.billrun.events.inbound.InboundExceptionStatus;
import org.billrun.events.inbound.EventImportService;
import org.billrun.events.inbound.InboundQueries;
import org.billrun.infra.Actor;
import org.billrun.posting.PostingQueries;
import org.billrun.run.RunQueries;
import org.billrun.validate.ExceptionQueue;
import org.billrun.validate.ExceptionQueue.Filter;
import org.billrun.validate.ExceptionQueue.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "exceptions", mixinStandardHelpOptions = true,
        description = {"List the exceptions validation raised: what failed, for which record, and who owns it.",
                "Without filters: the open exceptions of the latest run's period.",
                "Also finance's: postings failed for good or needing reconciliation (ids P-n) and imported payment or dispute rows"
                        + " that matched no invoice or could not be recorded (ids I-n), and bounced client deliveries (ids D-n), whatever the period."},
        subcommands = {ExceptionsCommand.Waive.class, ExceptionsCommand.Resolve.class})
class ExceptionsCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "RUN", description = "Exceptions that this run raised or found again.")
    Long runId;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "Exceptions of this period (default: the latest run's).")
    String period;

    @Option(names = "--owner", description = "An owner id (E-009) or role (consultant, project_manager, finance).")
    String owner;

    @Option(names = "--rule", description = "A rule code, e.g. TIME_UNAPPROVED.")
    String rule;

    @Option(names = "--severity", description = "block or warn.")
    String severity;

    @Option(names = "--status", defaultValue = "open", description = "open (default), resolved, waived or all.")
    String status;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            String p = period;
            if (p == null && runId == null) {
                p = app.bean(RunQueries.class).latestPeriod().orElse(null);
            }
            Filter filter = new Filter(p, runId, owner, rule, severity, status.equalsIgnoreCase("all") ? null : status);
            List<FinanceExceptions.Listed> rows = new ArrayList<>();
            app.bean(ExceptionQueue.class).list(filter).forEach(r -> rows.add(FinanceExceptions.Listed.of(r)));
            rows.addAll(FinanceExceptions.list(app.bean(PostingQueries.class), app.bean(InboundQueries.class), filter));
            rows.addAll(FinanceExceptions.bounces(app.bean(DeliveryQueries.class), filter));
            print(rows, output.format(), out);
            if (output.format() == OutputFormat.TABLE) {
                out.printf("%,d exceptions%s%n", rows.size(), p == null ? "" : " in " + p);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(List<FinanceExceptions.Listed> rows, OutputFormat format, PrintWriter out) throws IOException {
        format.print(out, rows, new String[] {"id", "period", "status", "severity", "rule", "owner_role", "owner", "record_kind",
                "record", "file", "line", "amount", "currency", "message", "raised_by_run", "last_seen_run", "changed_by", "reason"},
                r -> new String[] {r.id(), r.period(), r.status(), r.severity(), r.rule(), r.ownerRole(), r.ownerId(),
                        r.recordKind(), r.recordKey(), r.file(), r.line() == null ? "" : r.line().toString(), atMinorUnit(r.amount(), r.currency()),
                        r.currency(), r.message(), r.raisedByRun(), r.lastSeenRun(), r.changedBy(),
                        r.reason()}, () -> {
                    TextTable table = new TextTable("id", "status", "severity", "rule", "owner", "record", "where", "amount", "message")
                            .numeric(0, 7);
                    for (FinanceExceptions.Listed r : rows) {
                        table.row(r.id(), r.status(), r.severity(), r.rule(), r.ownerId() == null ? r.ownerRole() : r.ownerId(),
                                r.recordKey(), r.file() == null ? "" : r.file() + ":" + r.line(),
                                r.amount() == null ? "" : MoneyFormat.format(r.amount(), r.currency()), r.message());
                    }
                    table.print(out);
                });
    }

    /** An amount at stake as a plain number at its currency's minor unit: 111092.08 and 230.00, JPY 1500. */
    static String atMinorUnit(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        return (currency == null ? amount.stripTrailingZeros() : Rounding.toMinorUnit(amount, currency)).toPlainString();
    }

    /** Shared by waive and resolve: one exception, a reason, and who. */
    abstract static class Decision implements Callable<Integer> {

        @ParentCommand
        ExceptionsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The exception's id (billrun exceptions): a number, or I-n for an imported row.")
        String id;

        @Option(names = "--reason", required = true, description = "Why: kept in the audit log.")
        String reason;

        @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: who runs the command: the OS user, or the database login with an external database).")
        String actor;

        abstract Row decide(ExceptionQueue queue, long id, String who);

        abstract InboundExceptionStatus closedAs();

        private static long number(String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("'" + text + "' is not an exception id (a number, or I-n)");
            }
        }

        @Override
        public Integer call() throws Exception {
            try (AppContext app = parent.root.open(true)) {
                String who = actor != null ? actor : app.bean(Actor.class).name();
                PrintWriter out = spec.commandLine().getOut();
                if (id.toUpperCase(java.util.Locale.ROOT).startsWith(FinanceExceptions.POSTING_PREFIX)) {
                    throw new UsageException("exception " + id + " is a posting: fix the cause, then billrun post --retry "
                            + id.substring(FinanceExceptions.POSTING_PREFIX.length()));
                }
                if (id.toUpperCase(java.util.Locale.ROOT).startsWith(FinanceExceptions.DELIVERY_PREFIX)) {
                    throw new UsageException("exception " + id + " is a bounced delivery: it stays listed while the delivery is bounced"
                            + " (billrun deliveries --status bounced); reach the client another way and correct its email in clients.csv");
                }
                if (id.toUpperCase(java.util.Locale.ROOT).startsWith(FinanceExceptions.IMPORT_PREFIX)) {
                    InboundQueries.RowException e = app.bean(EventImportService.class)
                            .decide(number(id.substring(FinanceExceptions.IMPORT_PREFIX.length())), closedAs(), who, reason)
                            .orElseThrow(() -> new UsageException("no open exception " + id));
                    out.printf("exception %s (%s on %s) is %s by %s: %s%n", id.toUpperCase(java.util.Locale.ROOT), e.rule().code(),
                            e.finalNumber() == null ? e.sourceFile() + ":" + e.line() : e.finalNumber(), e.status().label(), e.statusChangedBy(),
                            e.statusReason());
                    out.flush();
                    return ExitCodes.OK;
                }
                Row row = decide(app.bean(ExceptionQueue.class), number(id), who);
                out.printf("exception %d (%s on %s) is %s by %s: %s%n", row.id(), row.rule(), row.recordKey(), row.status(),
                        row.statusChangedBy(), row.statusReason());
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "waive", mixinStandardHelpOptions = true,
            description = "Accept an open exception as it is: a held record bills from the next run on.")
    static class Waive extends Decision {
        @Override
        Row decide(ExceptionQueue queue, long id, String who) {
            return queue.waive(id, who, reason);
        }

        @Override
        InboundExceptionStatus closedAs() {
            return InboundExceptionStatus.WAIVED;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Mark an open exception fixed at the source; the next run reopens it if the problem is still there.")
    static class Resolve extends Decision {
        @Override
        Row decide(ExceptionQueue queue, long id, String who) {
            return queue.resolve(id, who, reason);
        }

        @Override
        InboundExceptionStatus closedAs() {
            return InboundExceptionStatus.RESOLVED;
        }
    }
}
