package org.billrun.report;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a run's reports go: {@code <reports root>/run-<id>/}. The root is the {@code billrun.reports-dir}
 * property (the CLI's global --reports-dir sets it), else $BILLRUN_REPORTS_DIR, else ~/.billrun/reports,
 * next to the embedded database's default ~/.billrun/postgres.
 */
@Component
public class ReportsFolder {

    public static final String PROPERTY = "billrun.reports-dir";
    public static final String ENV = "BILLRUN_REPORTS_DIR";

    private final Path root;

    ReportsFolder(@Value("${" + PROPERTY + ":${" + ENV + ":}}") String configured) {
        this.root = (configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".billrun", "reports")
                : Path.of(configured)).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path of(long runId) {
        return root.resolve("run-" + runId);
    }
}
