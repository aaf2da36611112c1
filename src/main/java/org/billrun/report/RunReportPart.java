package org.billrun.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One kind of report a run leaves behind (the run report, exception reports per owner, draft invoice
 * PDFs). The report step at the end of a run and {@code billrun report} call every part; each writes
 * its files for the run into the folder, in the formats asked for that it supports, and says which
 * files it wrote.
 */
public interface RunReportPart {

    List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException;

    /**
     * The same, written by the run's own report stage at the end of the run: that stage completes with
     * the files it writes, which a part that reports how far the run got may say.
     */
    default List<Path> writeInReportStage(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        return write(runId, dir, formats);
    }
}
