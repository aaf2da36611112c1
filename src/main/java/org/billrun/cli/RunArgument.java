package org.billrun.cli;

import org.billrun.run.RunQueries;
import picocli.CommandLine.Parameters;

/** The optional RUN argument of the commands that show one run's results: the latest run when it is left out. */
class RunArgument {

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "Run id (default: the latest run).")
    Long runId;

    long resolve(RunQueries queries) {
        return runId != null ? runId : queries.latestRunId().orElseThrow(() -> new UsageException("there are no runs yet"));
    }
}
