package org.billrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "The database: schema version and migrations.",
        subcommands = {DbCommand.Info.class, DbCommand.Migrate.class})
class DbCommand {

    @ParentCommand
    BillrunCli root;

    static Flyway flyway(AppContext app) {
        return Flyway.configure().dataSource(app.bean(DataSource.class)).locations("classpath:db/migration").load();
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show where the database is and which migrations are applied or pending.")
    static class Info implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Database: " + db.root.database().describe());
            try (AppContext app = db.root.open(false)) {
                TextTable table = new TextTable("version", "description", "state", "installed on");
                for (MigrationInfo info : flyway(app).info().all()) {
                    table.row(info.getVersion(), info.getDescription(), info.getState().getDisplayName(),
                            info.getInstalledOn() == null ? "" : info.getInstalledOn());
                }
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations (other commands do this on start too).")
    static class Migrate implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = db.root.open(false)) {
                var result = flyway(app).migrate();
                out.printf("Database: %s%nApplied %d migration(s); schema version %s%n", db.root.database().describe(),
                        result.migrationsExecuted, result.targetSchemaVersion == null ? flyway(app).info().current().getVersion() : result.targetSchemaVersion);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
