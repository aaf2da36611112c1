package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.billrun.infra.Termination;
import org.billrun.metrics.PostMetrics;
import org.billrun.posting.PostService;
import org.billrun.posting.PostingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "post", mixinStandardHelpOptions = true,
        description = {"Send the approved invoices to the ERP through the configured adapter (default: the file outbox), each exactly once.",
                "Per entity (one post process at a time each): a posting batch of the invoices due, its control totals recorded first; each"
                        + " invoice is claimed, sent and its answer recorded in the posting ledger. A posting whose outcome is unknown is looked"
                        + " up in the ERP by its final number before it is sent again. See docs/posting.md.",
                "SIGTERM stops it after the invoice being sent, whose answer is recorded (a second SIGTERM ends it at once); before each"
                        + " invoice it makes sure it still holds the entity's lock. The next billrun post resumes the open batch.",
                "Exit codes: 0 every invoice of the call posted (or nothing was due), 10 a posting failed or waits for a retry"
                        + " (billrun postings --status failed_permanent, failed_retryable, needs_reconciliation), 7 another process posts the entity,"
                        + " 6 stopped on SIGTERM, 5 stopped because the database session holding the entity's lock ended,"
                        + " 2 bad usage (--retry of a posting that did not fail), 4 database unreachable, 1 internal error."})
class PostCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this legal entity (default: every entity with postings due).")
    String entity;

    @Option(names = "--limit", paramLabel = "N", description = "At most N invoices per entity in this call (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int limit;

    @Option(names = "--retry", paramLabel = "ID", description = "Re-queue the failed posting ID (posting id or final number) and post"
            + " nothing else; the next billrun post sends it.")
    String retry;

    @Option(names = "--outbox", paramLabel = "DIR", description = "The file outbox's folder (default: $BILLRUN_OUTBOX_DIR, else outbox"
            + " beside the data directory).")
    Path outbox;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // SIGTERM from here on stops the post job through Spring Batch after the invoice in flight (exit 6)
        try (Termination.Scope graceful = Termination.graceful(); AppContext app = root.open(true, root.outbox(outbox))) {
            PostService post = app.bean(PostService.class);
            if (retry != null) {
                out.println(post.retry(retry));
                out.flush();
                return ExitCodes.OK;
            }
            PostMetrics metrics = app.bean(PostMetrics.class);
            PostMetrics.Call call = metrics.start();
            int exit = ExitCodes.INTERNAL_ERROR;
            try {
                exit = post(post, out);
                return exit;
            } finally {
                // whatever the outcome (a failed or stopped post included), before the embedded server stops
                metrics.finish(call, exit == ExitCodes.OK);
            }
        }
    }

    private int post(PostService post, PrintWriter out) throws Exception {
        long start = System.nanoTime();
        PostService.PostReport report = post.post(entity, limit);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (report.batches().isEmpty()) {
            out.println("Nothing to post" + (entity == null ? "" : " for " + entity) + ".");
        } else {
            TextTable table = new TextTable("entity", "batch", "job", "batch state", "posted", "waiting", "retry", "failed",
                    "reconcile").numeric(4, 5, 6, 7, 8);
            report.batches().forEach(b -> table.row(b.entityId(), b.batchRef() + (b.resumed() ? " (resumed)" : ""), b.status(),
                    b.state().label(), b.count(PostingState.POSTED), b.count(PostingState.PENDING) + b.count(PostingState.SENDING),
                    b.count(PostingState.FAILED_RETRYABLE), b.count(PostingState.FAILED_PERMANENT),
                    b.count(PostingState.NEEDS_RECONCILIATION)));
            table.print(out);
            long posted = report.batches().stream().mapToLong(b -> b.count(PostingState.POSTED)).sum();
            out.printf("%,d invoices posted through the %s adapter in %d.%03d s%n", posted, post.adapterName(), millis / 1000, millis % 1000);
        }
        report.busy().forEach(e -> out.println(e + ": another billrun process is posting it; skipped"));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (report.stoppedBecause() != null) {
            err.println("billrun: post stopped: " + report.stoppedBecause() + "; run billrun post again to resume");
            err.flush();
            return ExitCodes.RUN_FAILED;
        }
        if (report.stopped()) {
            err.println("billrun: post stopped on SIGTERM after the invoice being sent; run billrun post again to resume");
            err.flush();
            return ExitCodes.RUN_STOPPED;
        }
        if (report.failed()) {
            return ExitCodes.POSTING_FAILED;
        }
        return !report.busy().isEmpty() && report.batches().isEmpty() ? ExitCodes.BUSY : ExitCodes.OK;
    }
}
