package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingQueries.Attempt;
import org.billrun.posting.PostingQueries.BatchTotal;
import org.billrun.posting.PostingQueries.PostingRow;
import org.billrun.posting.PostingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "postings", mixinStandardHelpOptions = true,
        description = {"List the postings of approved invoices: final number, state, attempts, batch, the ERP's document id and last message.",
                "--batches lists each posting batch's control totals per currency against what was posted, is pending and failed;"
                        + " --attempts lists the ledger, one row per attempt with the request and response digests."
                        + " Failed postings (failed_permanent, needs_reconciliation) are finance's queue: fix the cause, then billrun post --retry ID.",
                "Exit codes: 0 listed, 2 bad usage, 4 database unreachable, 1 internal error."})
class PostingsCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATE", description = "Only postings in this state: pending, sending, posted, failed_retryable,"
            + " failed_permanent, needs_reconciliation.")
    String status;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this legal entity.")
    String entity;

    @Option(names = "--batches", description = "The posting batches' control totals, per currency, instead of the postings.")
    boolean batches;

    @Option(names = "--attempts", description = "The ledger, one row per attempt, instead of the postings.")
    boolean attempts;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        PostingState state = parse(status);
        if (batches && attempts) {
            throw new UsageException("postings lists --batches or --attempts, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            PostingQueries queries = app.bean(PostingQueries.class);
            if (batches) {
                printBatches(out, format, queries.batches(entity));
            } else if (attempts) {
                printAttempts(out, format, queries.attempts(entity));
            } else {
                printPostings(out, format, queries.postings(state, entity));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static PostingState parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return PostingState.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--status is one of pending, sending, posted, failed_retryable, failed_permanent, needs_reconciliation, not '"
                    + value + "'");
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "" : Times.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    private static String iso(OffsetDateTime time) {
        return time == null ? "" : time.toString();
    }

    private static void printPostings(PrintWriter out, OutputFormat format, List<PostingRow> rows) throws Exception {
        format.print(out, rows, new String[] {"posting_id", "final_number", "entity_id", "draft_id", "version", "currency", "gross", "state",
                "attempts", "batch_ref", "adapter", "erp_document_id", "message", "approved_at", "posted_at", "next_attempt_at"},
                r -> new String[] {Long.toString(r.postingId()), r.finalNumber(), r.entityId(), r.draftId(), Integer.toString(r.versionNo()),
                        r.currency(), plain(r.gross()), r.state().label(), Integer.toString(r.attempts()), r.batchRef(), r.adapter(),
                        r.erpDocumentId(), r.message(), iso(r.approvedAt()), iso(r.postedAt()), iso(r.nextAttemptAt())},
                () -> {
                    if (rows.isEmpty()) {
                        out.println("No postings.");
                        return;
                    }
                    TextTable table = new TextTable("id", "final number", "draft", "v", "currency", "gross", "state", "attempts", "batch",
                            "ERP document", "approved (UTC)", "posted (UTC)").numeric(0, 3, 5, 7);
                    rows.forEach(r -> {
                        table.row(r.postingId(), r.finalNumber(), r.draftId(), r.versionNo(), r.currency(), plain(r.gross()), r.state().label(),
                                r.attempts(), r.batchRef(), r.erpDocumentId(), time(r.approvedAt()), time(r.postedAt()));
                        if (r.state() != PostingState.POSTED && r.message() != null) {
                            table.note(r.message() + (r.state() == PostingState.FAILED_RETRYABLE ? " (next attempt from "
                                    + time(r.nextAttemptAt()) + ")" : ""));
                        }
                    });
                    table.print(out);
                });
    }

    private static void printBatches(PrintWriter out, OutputFormat format, List<BatchTotal> rows) throws Exception {
        format.print(out, rows, new String[] {"batch_ref", "entity_id", "state", "created_at", "currency", "control_count", "control_net",
                "control_tax", "control_gross", "posted_count", "posted_gross", "pending_count", "pending_gross", "failed_count",
                "failed_gross"},
                b -> new String[] {b.batchRef(), b.entityId(), b.state().label(), iso(b.createdAt()), b.currency(),
                        Long.toString(b.controlCount()), plain(b.controlNet()), plain(b.controlTax()), plain(b.controlGross()),
                        Long.toString(b.postedCount()), plain(b.postedGross()), Long.toString(b.pendingCount()), plain(b.pendingGross()),
                        Long.toString(b.failedCount()), plain(b.failedGross())},
                () -> {
                    if (rows.isEmpty()) {
                        out.println("No posting batches.");
                        return;
                    }
                    TextTable table = new TextTable("batch", "state", "created (UTC)", "currency", "count", "net", "tax", "gross", "posted",
                            "posted gross", "pending", "pending gross", "failed", "failed gross").numeric(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
                    rows.forEach(b -> table.row(b.batchRef(), b.state().label(), time(b.createdAt()), b.currency(), b.controlCount(),
                            plain(b.controlNet()), plain(b.controlTax()), plain(b.controlGross()), b.postedCount(), plain(b.postedGross()),
                            b.pendingCount(), plain(b.pendingGross()), b.failedCount(), plain(b.failedGross())));
                    table.print(out);
                });
    }

    private static void printAttempts(PrintWriter out, OutputFormat format, List<Attempt> rows) throws Exception {
        format.print(out, rows, new String[] {"ledger_id", "final_number", "attempt", "batch_ref", "adapter", "status", "erp_document_id",
                "erp_status", "request_sha256", "response_sha256", "message", "started_at", "finished_at"},
                a -> new String[] {Long.toString(a.ledgerId()), a.finalNumber(), Integer.toString(a.attempt()), a.batchRef(), a.adapter(),
                        a.status(), a.erpDocumentId(), a.erpStatus(), a.requestDigest(), a.responseDigest(), a.message(), iso(a.startedAt()),
                        iso(a.finishedAt())},
                () -> {
                    if (rows.isEmpty()) {
                        out.println("No attempts yet.");
                        return;
                    }
                    TextTable table = new TextTable("final number", "attempt", "batch", "adapter", "status", "ERP document", "request",
                            "started (UTC)", "finished (UTC)").numeric(1);
                    rows.forEach(a -> {
                        table.row(a.finalNumber(), a.attempt(), a.batchRef(), a.adapter(), a.status(), a.erpDocumentId(),
                                a.requestDigest() == null ? "" : a.requestDigest().substring(0, Math.min(12, a.requestDigest().length())),
                                time(a.startedAt()), time(a.finishedAt()));
                        if (a.message() != null) {
                            table.note(a.message());
                        }
                    });
                    table.print(out);
                });
    }
}
