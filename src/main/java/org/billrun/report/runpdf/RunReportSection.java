package org.billrun.report.runpdf;

import org.billrun.report.RunReport;

/** One section of the run report's PDF: it writes its part of the report onto the pages that follow. */
interface RunReportSection {

    void write(RunReportPage page, RunReport report) throws Exception;
}
