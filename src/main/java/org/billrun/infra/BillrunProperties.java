package org.billrun.infra;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every billrun.* setting, with its default, in one place. Spring binds them from properties, the
 * environment (BILLRUN_REPORTS_DIR) or -D options.
 *
 * @param ingest how ingest cuts and loads files
 * @param validate how validation chunks its records
 * @param reportsDir the reports root ({@code billrun.reports-dir}); null: ~/.billrun/reports
 * @param cli values the command line hands over
 */
@ConfigurationProperties("billrun")
public record BillrunProperties(@DefaultValue Ingest ingest, @DefaultValue Validate validate, Path reportsDir, @DefaultValue Cli cli) {

    /**
     * @param rowsPerPart a file with more records is cut into parts of about this many, loaded in parallel
     * @param parallelParts how many parts load at the same time
     */
    public record Ingest(@DefaultValue("40000") long rowsPerPart, @DefaultValue("2") int parallelParts) {}

    /** @param chunkSize records validated and written per transaction */
    public record Validate(@DefaultValue("2000") int chunkSize) {}

    /**
     * @param reportsDir the global --reports-dir option; it wins over {@code billrun.reports-dir}, which the
     *     environment would otherwise override (the CLI hands Spring its values as default properties)
     * @param actor who runs the command when the CLI knows it (the OS user, with the embedded database);
     *     null: the database login
     */
    public record Cli(Path reportsDir, String actor) {}

    /** The reports root: the CLI option, else billrun.reports-dir, else ~/.billrun/reports. */
    public Path reportsRoot() {
        Path configured = cli.reportsDir() != null ? cli.reportsDir() : reportsDir;
        return (configured == null || configured.toString().isBlank()
                ? Path.of(System.getProperty("user.home"), ".billrun", "reports")
                : configured).toAbsolutePath().normalize();
    }
}
