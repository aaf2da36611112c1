package org.billrun.report;

import java.nio.file.Path;
import org.billrun.infra.BillrunProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a run's reports go: {@code <reports root>/run-<id>/}. The root is the CLI's global --reports-dir,
 * else the {@code billrun.reports-dir} property ($BILLRUN_REPORTS_DIR in the environment, or
 * -Dbillrun.reports-dir), else ~/.billrun/reports, next to the embedded database's ~/.billrun/postgres.
 * The CLI option has a property of its own: the CLI hands Spring its values as default properties, which
 * the environment would otherwise override.
 */
@Component
public class ReportsFolder {

    public static final String PROPERTY = "billrun.reports-dir";
    public static final String OPTION_PROPERTY = "billrun.cli.reports-dir";

    private final Path root;

    @Autowired
    ReportsFolder(BillrunProperties settings) {
        this(settings.reportsRoot());
    }

    ReportsFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path of(long runId) {
        return root.resolve("run-" + runId);
    }
}
