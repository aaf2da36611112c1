package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;

import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 8: the run's steps with their status, items read and written, and seconds. */
final class StepsSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        page.heading("8. Step timings");
        PdfTable table = page.table(new float[] {30, 16, 18, 18, 18}, "step", "status", "read", "written", "seconds").numeric(2, 3, 4);
        for (RunReport.StepTiming s : report.steps()) {
            table.row(s.step(), s.status(), count(s.reads()), count(s.writes()), s.seconds() == null ? "" : s.seconds());
        }
        page.add(table);
        page.note("Attempts of a restarted step are summed; parallel partitions of loadSources are folded into loadSourceFile. "
                + "The report stage itself is not listed: it is still running when it writes this report.");
    }
}
