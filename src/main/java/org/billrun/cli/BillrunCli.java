package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.billrun.infra.DatabaseSettings;
import org.billrun.infra.InputFileException;
import org.billrun.infra.RefusedException;
import org.billrun.report.ReportsFolder;
import org.billrun.run.RunBusyException;
import org.flywaydb.core.api.FlywayException;
import org.springframework.dao.DataAccessResourceFailureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the error handling shared by every subcommand. */
@Command(name = "billrun",
        mixinStandardHelpOptions = true,
        versionProvider = BillrunCli.Version.class,
        description = "Batch billing runs for professional services firms.%n"
                + "Results go to stdout, logs and progress to stderr.",
        subcommands = {RunCommand.class, StatusCommand.class, RejectionsCommand.class, ExceptionsCommand.class,
                MissingTimeCommand.class, ReviewCommand.class, DiffCommand.class, ReportCommand.class, AbandonCommand.class,
                AuditCommand.class, DbCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n")
public class BillrunCli {

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "External PostgreSQL (jdbc:postgresql://host:port/db). Default: $SPRING_DATASOURCE_URL, else the embedded database.")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, description = "Database user (default: $SPRING_DATASOURCE_USERNAME).")
    String dbUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, description = "Database password (default: $SPRING_DATASOURCE_PASSWORD).")
    String dbPassword;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (default: $BILLRUN_DATA_DIR, else ~/.billrun/postgres).")
    Path dataDir;

    @Option(names = "--reports-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Reports root: each run's reports go to DIR/run-<id> (default: $BILLRUN_REPORTS_DIR, else ~/.billrun/reports).")
    Path reportsDir;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces and debug logs.")
    boolean debug;

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with billrun's error handling and its exit codes' help (from {@link ExitCodes}). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BillrunCli());
        cli.getCommandSpec().usageMessage().footer(ExitCodes.help());
        cli.setExecutionExceptionHandler(BillrunCli::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    DatabaseSettings database() {
        DatabaseSettings settings = DatabaseSettings.resolve(dbUrl, dbUser, dbPassword, dataDir, System.getenv());
        if (!settings.embedded() && !settings.url().startsWith("jdbc:postgresql:")) {
            throw new DatabaseUnavailableException("the database URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://host:5432/billrun, not '" + settings.url() + "'", null);
        }
        return settings;
    }

    AppContext open(boolean migrate) {
        Map<String, Object> properties = new HashMap<>(debug
                ? Map.of("logging.level.org.billrun", "DEBUG", "logging.level.org.springframework.batch", "INFO")
                : Map.of());
        if (reportsDir != null) {
            properties.put(ReportsFolder.OPTION_PROPERTY, reportsDir.toAbsolutePath().normalize().toString());
        }
        return AppContext.start(database(), migrate, properties);
    }

    static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = ((BillrunCli) rootOf(commandLine).getCommand()).debug;
        int code;
        if (e instanceof InputFileException) {
            code = ExitCodes.INPUT;
        } else if (e instanceof DatabaseUnavailableException || e instanceof FlywayException
                || e instanceof DataAccessResourceFailureException) {
            code = ExitCodes.DATABASE;
        } else if (e instanceof RunBusyException) {
            code = ExitCodes.BUSY;
        } else if (e instanceof UsageException || e instanceof RefusedException) {
            code = ExitCodes.USAGE;
        } else {
            code = ExitCodes.INTERNAL_ERROR;
        }
        String prefix = code == ExitCodes.INTERNAL_ERROR ? "billrun: internal error: " : "billrun: ";
        err.println(prefix + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (debug) {
            e.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            err.println("billrun: run again with --debug for the stack trace");
        }
        err.flush();
        return code;
    }

    private static CommandLine rootOf(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BillrunCli.class.getPackage().getImplementationVersion();
            return new String[] {"billrun " + (version == null ? "(development build)" : version)};
        }
    }
}
