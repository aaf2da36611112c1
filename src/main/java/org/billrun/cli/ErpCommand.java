package org.billrun.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.billrun.erp.tryton.TrytonCustomerSync;
import org.billrun.erp.tryton.TrytonCustomerSync.Result;
import org.billrun.erp.tryton.TrytonCustomerSync.Synced;
import org.billrun.erp.tryton.TrytonSaved.Change;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "erp", mixinStandardHelpOptions = true, description = "Keep the ERP's master data in step with billrun's.",
        subcommands = {ErpCommand.SyncCustomers.class})
class ErpCommand {

    @ParentCommand
    BillrunCli root;

    @Command(name = "sync-customers", mixinStandardHelpOptions = true,
            description = {"Create or update the ERP's customer parties from billrun's clients (the latest clients.csv loaded).",
                    "Tryton only (BILLRUN_ERP_ADAPTER=tryton): per client id the party's name, first address, tax identifier and payment"
                            + " term; a second sync changes nothing. What billrun does not own (further identifiers, another party with the"
                            + " same tax identifier, parties that are no billrun client) is listed, never changed.",
                    "Exit codes: 0 synced, 2 the adapter is not tryton, 4 database unreachable, 1 internal error (Tryton unreachable, too)."})
    static class SyncCustomers implements Callable<Integer> {

        @ParentCommand
        ErpCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            OutputFormat format = output.format();
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                TrytonCustomerSync sync = app.optionalBean(TrytonCustomerSync.class).orElseThrow(() -> new UsageException(
                        "erp sync-customers needs the Tryton adapter: set BILLRUN_ERP_ADAPTER=tryton and BILLRUN_ERP_TRYTON_SETUP_FILE"));
                Result result = sync.sync();
                format.print(out, result.clients(), new String[] {"client_id", "party_id", "change", "notes"},
                        c -> new String[] {c.clientId(), Long.toString(c.partyId()), name(c.change()), String.join("; ", c.notes())},
                        () -> {
                            TextTable table = new TextTable("client", "party", "change", "left alone in Tryton");
                            for (Synced c : result.clients()) {
                                table.row(c.clientId(), Long.toString(c.partyId()), name(c.change()), String.join("; ", c.notes()));
                            }
                            table.print(out);
                            result.foreign().forEach(f -> out.printf("party %d (code %s, %s) is no billrun client: left alone%n",
                                    f.partyId(), f.code(), f.name()));
                            out.printf("%d created, %d updated, %d unchanged%n", result.count(Change.CREATED), result.count(Change.UPDATED),
                                    result.count(Change.UNCHANGED));
                        });
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static String name(Change change) {
            return change.name().toLowerCase(Locale.ROOT);
        }
    }
}
