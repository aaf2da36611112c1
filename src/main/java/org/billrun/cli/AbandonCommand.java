package org.billrun.cli;

import java.util.concurrent.Callable;
import org.billrun.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "abandon", mixinStandardHelpOptions = true, description = {"Give up an unfinished run so that the next `billrun run` of its period starts afresh.",
        "Nothing it loaded is deleted; rows it had not merged yet are never merged."})
class AbandonCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "Run id.")
    long runId;

    @Override
    public Integer call() throws Exception {
        try (AppContext app = root.open(true)) {
            var execution = app.bean(RunService.class).abandon(runId);
            spec.commandLine().getOut().printf("Run %d abandoned (last execution %d)%n", runId, execution.getId());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
