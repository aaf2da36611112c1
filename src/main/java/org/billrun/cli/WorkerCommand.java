package org.billrun.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.billrun.infra.DatabaseSettings;
import org.billrun.infra.EmbeddedPostgresServer;
import org.billrun.infra.Termination;
import org.billrun.infra.partition.PartitionWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "worker", mixinStandardHelpOptions = true, description = {
        "Run partitions of every run started with --workers remote (ingest's file parts, drafting's and the invoice PDFs' clients) "
                + "until stopped. SIGTERM: takes no new partition, lets the running ones finish, exits 0; a second SIGTERM exits at once "
                + "(143) and the run gives its partitions to other workers. See docs/scale-out.md.",
        "With an external database (--db-url) the worker connects at once. With the embedded one it joins the server of the run "
                + "that uses the same --data-dir on this machine, waits while no run has it up, and waits again when that run ends."})
class WorkerCommand implements Callable<Integer> {

    private static final long CHECK_MILLIS = 1000;

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "2", description = "Partitions run at the same time (default: 2).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1");
        }
        DatabaseSettings database = root.database();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        try (Termination.Scope graceful = Termination.graceful(); Termination.Scope onStop = Termination.onRequest(stop::countDown)) {
            String toldWaiting = null;
            while (stop.getCount() > 0) {
                Optional<AppContext> joined;
                String waiting;
                try {
                    joined = root.join(Map.of());
                    waiting = "waiting for a run to start the embedded database in " + database.dataDir();
                } catch (DatabaseUnavailableException e) {
                    // a server still starting, or a database that is down: a worker outlives both
                    joined = Optional.empty();
                    waiting = "waiting for the database: " + e.getMessage();
                }
                if (joined.isEmpty()) {
                    if (!waiting.equals(toldWaiting)) {
                        err.println("billrun: worker: " + waiting);
                        err.flush();
                        toldWaiting = waiting;
                    }
                    stop.await(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    continue;
                }
                toldWaiting = null;
                Optional<Integer> port = database.embedded() ? EmbeddedPostgresServer.join(database.dataDir()).map(EmbeddedPostgresServer::port)
                        : Optional.empty();
                try (AppContext app = joined.get()) {
                    work(app.bean(PartitionWorker.class), database, port, stop);
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Takes partitions until stopped or, with the embedded database, until the server it joined (on
     * {@code port}) is gone: the run that had it up ended, and the next run's server is joined afresh.
     */
    private void work(PartitionWorker worker, DatabaseSettings database, Optional<Integer> port, CountDownLatch stop) throws Exception {
        worker.start(concurrency);
        try {
            while (!stop.await(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (database.embedded() && !EmbeddedPostgresServer.join(database.dataDir()).map(EmbeddedPostgresServer::port).equals(port)) {
                    return;
                }
                worker.poke();
            }
        } finally {
            worker.stop();
        }
    }
}
