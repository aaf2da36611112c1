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
        "Run partitions of every run started with --workers remote (validation, drafting, PDF writing, ingest's file parts) "
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
            boolean toldWaiting = false;
            while (stop.getCount() > 0) {
                Optional<AppContext> joined = root.join(Map.of());
                if (joined.isEmpty()) {
                    if (!toldWaiting) {
                        err.println("billrun: worker: waiting for a run to start the embedded database in " + database.dataDir());
                        err.flush();
                        toldWaiting = true;
                    }
                    stop.await(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    continue;
                }
                toldWaiting = false;
                try (AppContext app = joined.get()) {
                    work(app.bean(PartitionWorker.class), database, stop);
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Takes partitions until stopped or, with the embedded database, until the run that has it up ends. */
    private void work(PartitionWorker worker, DatabaseSettings database, CountDownLatch stop) throws Exception {
        worker.start(concurrency);
        try {
            while (!stop.await(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (database.embedded() && EmbeddedPostgresServer.join(database.dataDir()).isEmpty()) {
                    return;
                }
                worker.poke();
            }
        } finally {
            worker.stop();
        }
    }
}
