package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.posting.PostService;
import org.billrun.posting.PostService.Difference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare the posting ledger with the documents the ERP holds, by final number.",
                "Lists postings the ledger has posted but the ERP lacks (missing), references the ERP holds more than once (duplicated),"
                        + " documents whose gross differs, and ERP documents the ledger does not count as posted.",
                "Exit codes: 0 they agree, 11 they differ, 4 database unreachable, 1 internal error (an ERP that cannot be asked, too)."})
class ReconcileCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this legal entity (default: every entity with postings).")
    String entity;

    @Option(names = "--outbox", paramLabel = "DIR", description = "The file outbox's folder (default: $BILLRUN_OUTBOX_DIR, else outbox"
            + " beside the data directory).")
    Path outbox;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true, root.outbox(outbox))) {
            List<Difference> differences = app.bean(PostService.class).reconcile(entity);
            format.print(out, differences, new String[] {"entity_id", "reference", "kind", "detail"},
                    d -> new String[] {d.entityId(), d.reference(), d.kind().name().toLowerCase(java.util.Locale.ROOT), d.detail()},
                    () -> {
                        if (differences.isEmpty()) {
                            out.println("The ledger and the ERP agree" + (entity == null ? "" : " for " + entity) + ".");
                            return;
                        }
                        TextTable table = new TextTable("entity", "reference", "difference", "detail");
                        differences.forEach(d -> table.row(d.entityId(), d.reference(), d.kind().name().toLowerCase(java.util.Locale.ROOT),
                                d.detail()));
                        table.print(out);
                    });
            out.flush();
            return differences.isEmpty() ? ExitCodes.OK : ExitCodes.RECONCILE_DIFFERENCES;
        }
    }
}
