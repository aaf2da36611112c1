package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.billrun.approval.ActionRefusedException;
import org.billrun.credit.CreditRefusedException;
import org.billrun.infra.DatabasePassword;
import org.billrun.infra.DatabaseSettings;
import org.billrun.infra.InputFileException;
import org.billrun.infra.LogFormat;
import org.billrun.infra.RefusedException;
import org.billrun.erp.file.FileOutboxAdapter;
import org.billrun.infra.Termination;
import org.billrun.posting.PostBusyException;
import org.billrun.report.ReportsFolder;
import org.billrun.run.RunBusyException;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
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
                MissingTimeCommand.class, ReviewCommand.class, ApprovalsCommand.class, ApproveCommand.class, RejectCommand.class,
                AdjustCommand.class, DiffCommand.class, ReportCommand.class, AbandonCommand.class,
                AuditCommand.class, PolicyCommand.class, DbCommand.class, GenerateCommand.class,
                ApproveBatchCommand.class, EscalateCommand.class, KpisCommand.class, PostCommand.class, PostingsCommand.class,
                ReconcileCommand.class, EventsCommand.class, ErpCommand.class, DeliverCommand.class, DeliveriesCommand.class,
                DisputesCommand.class, MilestonesCommand.class, PurgeCommand.class, CreditCommand.class, CreditsCommand.class, WorkerCommand.class, TraceCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n")
public class BillrunCli {

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "External PostgreSQL (jdbc:postgresql://host:port/db). Default: $SPRING_DATASOURCE_URL, else the embedded database.")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, description = "Database user (default: $SPRING_DATASOURCE_USERNAME).")
    String dbUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT,
            description = "Database password. Other users see it in ps: prefer --db-password-file, $BILLRUN_DB_PASSWORD or ~/.pgpass.")
    String dbPassword;

    @Option(names = "--db-password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "File whose first line is the database password; it must be readable by its owner only (chmod 600).")
    Path dbPasswordFile;

    @Option(names = "--db-ssl-mode", scope = ScopeType.INHERIT, paramLabel = "MODE",
            description = "TLS to an external PostgreSQL: disable, require, verify-ca or verify-full (default: the driver's prefer).")
    String dbSslMode;

    @Option(names = "--db-ssl-root-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "CA certificate(s) (PEM) that verify-ca and verify-full check the server against (default: ~/.postgresql/root.crt).")
    Path dbSslRootCert;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (default: $BILLRUN_DATA_DIR, else ~/.billrun/postgres).")
    Path dataDir;

    @Option(names = "--reports-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Reports root: each run's reports go to DIR/run-<id> (default: $BILLRUN_REPORTS_DIR, else ~/.billrun/reports).")
    Path reportsDir;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces and debug logs.")
    boolean debug;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Logs on stderr as text (default: $BILLRUN_LOG_FORMAT, else text) or json: one JSON object per line "
                    + "(Elastic Common Schema) with the run id and step of every line logged inside a run.")
    LogFormat logFormat;

    private boolean passwordWarningShown;
    private boolean json;

    public static int execute(String... args) {
        // SIGTERM stops a run gracefully (exit 6) instead of killing the JVM under it
        Termination.handleSignals();
        return commandLine().execute(args);
    }

    /** The command line with billrun's error handling and its exit codes' help (from {@link ExitCodes}). */
    static CommandLine commandLine() {
        BillrunCli root = new BillrunCli();
        CommandLine cli = new CommandLine(root);
        cli.getCommandSpec().usageMessage().footer(ExitCodes.help());
        cli.setExecutionExceptionHandler(BillrunCli::handle);
        cli.setParameterExceptionHandler(BillrunCli::badUsage);
        GenerateCommand.dropUnusedGlobalOptions(cli.getSubcommands().get("generate").getCommandSpec());
        cli.setExecutionStrategy(parsed -> {
            root.applyLogFormat();
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        OptionConverters.register(cli);
        return cli;
    }

    /** Before any command runs, so that every log line has the chosen format. */
    private void applyLogFormat() {
        LogFormat format = LogFormat.resolve(logFormat, System.getenv());
        json = format == LogFormat.JSON;
        format.apply();
    }

    /**
     * A line for the user on stderr: as it is, or in JSON mode as a log event, so that stderr stays
     * JSON lines only.
     */
    private void tell(PrintWriter err, Level level, String line) {
        if (json) {
            LoggerFactory.getLogger(BillrunCli.class).atLevel(level).log(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    DatabaseSettings database() {
        Map<String, String> env = System.getenv();
        DatabasePassword password;
        try {
            password = DatabasePassword.resolve(dbPasswordFile, dbPassword, env);
        } catch (DatabasePassword.UnusableException e) {
            throw new DatabaseUnavailableException(e.getMessage(), null);
        }
        if (password.source() == DatabasePassword.Source.OPTION && !passwordWarningShown) {
            passwordWarningShown = true;
            tell(new PrintWriter(System.err), Level.WARN, "billrun: warning: --db-password is visible to other users of this machine (ps, /proc); "
                    + "use --db-password-file, $" + DatabaseSettings.PASSWORD_ENV + " or ~/.pgpass instead");
        }
        DatabaseSettings settings = DatabaseSettings.resolve(dbUrl, dbUser, password.value(), dataDir, env);
        if (!settings.embedded() && !settings.url().startsWith("jdbc:postgresql:")) {
            throw new DatabaseUnavailableException("the database URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://host:5432/billrun, not '" + settings.describe() + "'", null);
        }
        return settings.withTls(dbSslMode, dbSslRootCert);
    }

    AppContext open(boolean migrate) {
        return open(migrate, Map.of());
    }

    /** The file outbox's folder (docs/posting.md): {@code option}, else $BILLRUN_OUTBOX_DIR, else "outbox" beside the data directory. */
    Map<String, Object> outbox(Path option) {
        String fromEnv = System.getenv(OUTBOX_ENV);
        Path dir = option != null ? option : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                : database().dataDir().toAbsolutePath().normalize().resolveSibling("outbox");
        return Map.of(FileOutboxAdapter.DIR_PROPERTY, dir.toAbsolutePath().normalize().toString());
    }

    static final String OUTBOX_ENV = "BILLRUN_OUTBOX_DIR";

    AppContext open(boolean migrate, Map<String, Object> extra) {
        return AppContext.start(database(), migrate, properties(extra));
    }

    /** A worker's context: with the embedded database only as the guest of the run that has it up (else empty). */
    Optional<AppContext> join(Map<String, Object> extra) {
        return AppContext.join(database(), true, properties(extra));
    }

    private Map<String, Object> properties(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(debug
                ? Map.of("logging.level.org.billrun", "DEBUG", "logging.level.org.springframework.batch", "INFO",
                        "logging.level.com.zaxxer.hikari.pool.ProxyConnection", "WARN", "logging.level.com.zaxxer.hikari.pool.PoolBase", "WARN",
                        "logging.level.org.springframework.transaction.support.TransactionTemplate", "ERROR",
                        "logging.level.org.springframework.transaction.interceptor.TransactionInterceptor", "ERROR",
                        "logging.level.org.springframework.jdbc.support.JdbcTransactionManager", "ERROR")
                : Map.of());
        if (reportsDir != null) {
            properties.put(ReportsFolder.OPTION_PROPERTY, reportsDir.toAbsolutePath().normalize().toString());
        }
        properties.putAll(extra);
        return properties;
    }

    static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        BillrunCli root = (BillrunCli) rootOf(commandLine).getCommand();
        boolean debug = root.debug;
        int code;
        if (e instanceof InputFileException) {
            code = ExitCodes.INPUT;
        } else if (e instanceof DatabaseUnavailableException || e instanceof FlywayException
                || e instanceof DataAccessResourceFailureException) {
            code = ExitCodes.DATABASE;
        } else if (e instanceof RunBusyException || e instanceof PostBusyException) {
            code = ExitCodes.BUSY;
        } else if (e instanceof ActionRefusedException || e instanceof CreditRefusedException) {
            code = ExitCodes.REFUSED;
        } else if (e instanceof UsageException || e instanceof RefusedException) {
            code = ExitCodes.USAGE;
        } else {
            code = ExitCodes.INTERNAL_ERROR;
        }
        String prefix = code == ExitCodes.INTERNAL_ERROR ? "billrun: internal error: " : "billrun: ";
        root.tell(err, Level.ERROR, prefix + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (debug && root.json) {
            LoggerFactory.getLogger(BillrunCli.class).error("stack trace", e);
        } else if (debug) {
            e.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            root.tell(err, Level.ERROR, "billrun: run again with --debug for the stack trace");
        }
        err.flush();
        return code;
    }

    /**
     * A command line picocli cannot parse: the error, suggestions for a mistyped option, the command's
     * one-line usage and where the whole help is, not the whole help (exit 2).
     */
    static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("billrun: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + command.getHelp().abbreviatedSynopsis());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
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
